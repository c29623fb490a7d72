import { useState, type ReactNode } from 'react';

import WorksheetCard, {
  ItemButtons,
  SelectField,
  TextField,
  worksheetStyles as ws,
} from '@site/src/components/WorksheetCard';
import { useWorksheet } from '@site/src/components/WorksheetCard/useWorksheet';
import {
  driverVerdict,
  emptyScenario,
  rankDrivers,
  VERDICT_NAMES,
  WORKED_SCENARIOS,
} from '@site/src/lib/worksheet/drivers';
import {
  attributeChoices,
  attributeName,
  isAttributeId,
  moveItem,
  nextId,
  RATINGS,
  SCENARIO_PART_NAMES,
  SCENARIO_PARTS,
  type Driver,
  type Scenario,
} from '@site/src/lib/worksheet/model';

import styles from './styles.module.css';

const RATING_OPTIONS = RATINGS.map((value) => ({ value, label: value }));

/** Step 2b: rank the candidate drivers, and write six-part quality-attribute scenarios. */
export default function WorksheetQualityAttributes(): ReactNode {
  const [worksheet, update] = useWorksheet();
  const [newDriver, setNewDriver] = useState('');
  const [newAttribute, setNewAttribute] = useState('');
  const drivers = worksheet.drivers;

  const changeDriver = (id: string, patch: Partial<Driver>) =>
    update((w) => ({
      ...w,
      drivers: w.drivers.map((d) => (d.id === id ? { ...d, ...patch } : d)),
    }));
  const changeScenario = (id: string, patch: Partial<Scenario>) =>
    update((w) => ({
      ...w,
      scenarios: w.scenarios.map((s) => (s.id === id ? { ...s, ...patch } : s)),
    }));
  const addScenario = (make: (id: string) => Scenario) =>
    update((w) => ({
      ...w,
      scenarios: [
        ...w.scenarios,
        make(
          nextId(
            'QAS-',
            w.scenarios.map((s) => s.id),
          ),
        ),
      ],
    }));

  return (
    <WorksheetCard step="Step 2b" title="Your drivers and scenarios">
      <h4 className={ws.subtitle}>Rank the candidate drivers</h4>
      <p>
        Rate each candidate on business importance and technical difficulty, then put them in order:
        your first drivers weigh most when you fit the pieces in Step 2e.
      </p>
      <div className={styles.scroll}>
        <table className={styles.ranking}>
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Candidate</th>
              <th scope="col">Business importance</th>
              <th scope="col">Technical difficulty</th>
              <th scope="col">Verdict</th>
              <th scope="col">Order</th>
            </tr>
          </thead>
          <tbody>
            {drivers.map((d, index) => {
              const verdict = driverVerdict(d);
              return (
                <tr key={d.id}>
                  <td>{index + 1}</td>
                  <th scope="row">
                    {isAttributeId(d.id) ? (
                      d.name
                    ) : (
                      <TextField
                        label={`Name of candidate ${index + 1}`}
                        hideLabel
                        value={d.name}
                        onChange={(name) => changeDriver(d.id, { name })}
                      />
                    )}
                  </th>
                  <td>
                    <SelectField
                      label={`Business importance of ${d.name}`}
                      hideLabel
                      value={d.importance ?? ''}
                      placeholder="—"
                      options={RATING_OPTIONS}
                      onChange={(value) => changeDriver(d.id, { importance: value || null })}
                    />
                  </td>
                  <td>
                    <SelectField
                      label={`Technical difficulty of ${d.name}`}
                      hideLabel
                      value={d.difficulty ?? ''}
                      placeholder="—"
                      options={RATING_OPTIONS}
                      onChange={(value) => changeDriver(d.id, { difficulty: value || null })}
                    />
                  </td>
                  <td className={verdict === 'driver' ? styles.isDriver : undefined}>
                    {VERDICT_NAMES[verdict]}
                  </td>
                  <td>
                    <ItemButtons
                      name={d.name}
                      index={index}
                      count={drivers.length}
                      onMove={(delta) =>
                        update((w) => ({ ...w, drivers: moveItem(w.drivers, index, delta) }))
                      }
                      onDelete={
                        isAttributeId(d.id)
                          ? undefined
                          : () =>
                              update((w) => ({
                                ...w,
                                drivers: w.drivers.filter((other) => other.id !== d.id),
                              }))
                      }
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <form
        className={ws.actions}
        onSubmit={(event) => {
          event.preventDefault();
          if (!newDriver.trim()) return;
          update((w) => ({
            ...w,
            drivers: [
              ...w.drivers,
              {
                id: nextId(
                  'QA-',
                  w.drivers.map((d) => d.id),
                ),
                name: newDriver.trim(),
                importance: null,
                difficulty: null,
              },
            ],
          }));
          setNewDriver('');
        }}
      >
        <button
          type="button"
          className="button button--secondary"
          onClick={() => update((w) => ({ ...w, drivers: rankDrivers(w.drivers) }))}
        >
          Sort by rating
        </button>
        <TextField
          label="Another candidate attribute"
          placeholder="For example: testability"
          value={newDriver}
          onChange={setNewDriver}
        />
        <button type="submit" className="button button--primary" disabled={!newDriver.trim()}>
          Add candidate
        </button>
      </form>

      <h4 className={ws.subtitle}>Write quality-attribute scenarios</h4>
      <p>
        Start from one of the page’s worked examples and make it yours, or write one from scratch —
        the exercise asks for interoperability and security.
      </p>
      <div className={ws.actions}>
        {(['latency', 'reliability', 'availability'] as const).map((attribute) => (
          <button
            key={attribute}
            type="button"
            className="button button--secondary"
            onClick={() => addScenario((id) => ({ id, ...WORKED_SCENARIOS[attribute] }))}
          >
            Add the worked {attribute} example
          </button>
        ))}
      </div>
      <form
        className={ws.actions}
        onSubmit={(event) => {
          event.preventDefault();
          addScenario((id) => emptyScenario(id, newAttribute));
        }}
      >
        <SelectField
          label="Attribute of a new scenario"
          value={newAttribute}
          placeholder="Choose an attribute"
          options={attributeChoices(worksheet, '')}
          onChange={setNewAttribute}
        />
        <button type="submit" className="button button--primary" disabled={!newAttribute}>
          Add an empty scenario
        </button>
      </form>
      {worksheet.scenarios.length === 0 && <p className={ws.note}>No scenario yet.</p>}
      {worksheet.scenarios.map((s) => (
        <fieldset key={s.id} className={styles.scenario}>
          <legend>
            {s.id}: {attributeName(worksheet, s.attribute) || 'no attribute yet'}
          </legend>
          <div className={styles.scenarioHead}>
            <SelectField
              label={`Attribute of ${s.id}`}
              value={s.attribute}
              placeholder="Choose an attribute"
              options={attributeChoices(worksheet, s.attribute)}
              onChange={(attribute) => changeScenario(s.id, { attribute })}
            />
            <ItemButtons
              name={s.id}
              index={0}
              count={1}
              onDelete={() =>
                update((w) => ({
                  ...w,
                  scenarios: w.scenarios.filter((other) => other.id !== s.id),
                }))
              }
            />
          </div>
          <div className={styles.parts}>
            {SCENARIO_PARTS.map((part) => (
              <TextField
                key={part}
                label={`${SCENARIO_PART_NAMES[part].name} (${s.id})`}
                hint={SCENARIO_PART_NAMES[part].question}
                multiline
                value={s[part]}
                onChange={(value) => changeScenario(s.id, { [part]: value })}
              />
            ))}
          </div>
        </fieldset>
      ))}
    </WorksheetCard>
  );
}
