import { useState, type ReactNode } from 'react';

import WorksheetCard, {
  ItemButtons,
  SelectField,
  TextField,
  worksheetStyles as ws,
} from '@site/src/components/WorksheetCard';
import { useWorksheet } from '@site/src/components/WorksheetCard/useWorksheet';
import {
  moveItem,
  nextId,
  PRIORITIES,
  PRIORITY_NAMES,
  type Functionality,
  type Priority,
} from '@site/src/lib/worksheet/model';

import styles from './styles.module.css';

const PRIORITY_OPTIONS = PRIORITIES.map((value) => ({ value, label: PRIORITY_NAMES[value] }));

/** Step 2a: the functionalities, edited, prioritised (MoSCoW) and put in or out of scope. */
export default function WorksheetFunctionalities(): ReactNode {
  const [worksheet, update] = useWorksheet();
  const [text, setText] = useState('');
  const [actor, setActor] = useState('');
  const list = worksheet.functionalities;

  const change = (id: string, patch: Partial<Functionality>) =>
    update((w) => ({
      ...w,
      functionalities: w.functionalities.map((f) => (f.id === id ? { ...f, ...patch } : f)),
    }));

  const count = (priority: Priority | null) => list.filter((f) => f.priority === priority).length;
  const inScope = list.length - count('wont') - count(null);

  return (
    <WorksheetCard step="Step 2a" title="Your functionalities">
      <p>
        The list starts from the scenario. Reword it, add what is missing, and give each
        functionality a priority: Must, Should, Could, or Won’t — out of scope this time.
      </p>
      <p className={ws.note} aria-live="polite">
        In scope: {inScope} (Must {count('must')}, Should {count('should')}, Could {count('could')})
        · out of scope: {count('wont')} · not decided: {count(null)}
      </p>
      <ol className={styles.list}>
        {list.map((f, index) => (
          <li key={f.id} className={styles.row}>
            <span className={styles.id} aria-hidden="true">
              {f.id}
            </span>
            <TextField
              label={`Functionality ${f.id}`}
              hideLabel
              value={f.text}
              onChange={(value) => change(f.id, { text: value })}
              className={styles.text}
            />
            <TextField
              label={`Actor of ${f.id}`}
              hideLabel
              placeholder="Actor"
              value={f.actor}
              onChange={(value) => change(f.id, { actor: value })}
              className={styles.actor}
            />
            <SelectField
              label={`Priority of ${f.id}`}
              hideLabel
              value={f.priority ?? ''}
              placeholder="Not decided"
              options={PRIORITY_OPTIONS}
              onChange={(value) => change(f.id, { priority: value || null })}
              className={styles.priority}
            />
            <ItemButtons
              name={f.id}
              index={index}
              count={list.length}
              onMove={(delta) =>
                update((w) => ({
                  ...w,
                  functionalities: moveItem(w.functionalities, index, delta),
                }))
              }
              onDelete={() =>
                update((w) => ({
                  ...w,
                  functionalities: w.functionalities.filter((other) => other.id !== f.id),
                }))
              }
            />
          </li>
        ))}
      </ol>
      <form
        className={ws.actions}
        onSubmit={(event) => {
          event.preventDefault();
          if (!text.trim()) return;
          update((w) => ({
            ...w,
            functionalities: [
              ...w.functionalities,
              {
                id: nextId(
                  'F',
                  w.functionalities.map((f) => f.id),
                ),
                text: text.trim(),
                actor: actor.trim(),
                priority: null,
              },
            ],
          }));
          setText('');
          setActor('');
        }}
      >
        <TextField
          label="New functionality"
          value={text}
          onChange={setText}
          className={styles.newText}
        />
        <TextField
          label="Its actor"
          value={actor}
          onChange={setActor}
          className={styles.newActor}
        />
        <button type="submit" className="button button--primary" disabled={!text.trim()}>
          Add functionality
        </button>
      </form>
      <TextField
        label="Your use case"
        hint="The exercise below: an employee enters the restricted tank-farm zone — a main flow and alternative flows."
        multiline
        value={worksheet.useCase}
        onChange={(value) => update((w) => ({ ...w, useCase: value }))}
        className={styles.useCase}
      />
    </WorksheetCard>
  );
}
