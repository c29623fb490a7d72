import { useId, type ReactNode } from 'react';

import WorksheetCard, { worksheetStyles as ws } from '@site/src/components/WorksheetCard';
import { useWorksheet } from '@site/src/components/WorksheetCard/useWorksheet';
import { adviceFor, QUESTIONS, type QuestionId } from '@site/src/lib/worksheet/environment';
import { emptyEnvironment, type Environment, type Skill } from '@site/src/lib/worksheet/model';

import styles from './styles.module.css';

type SingleQuestion = Exclude<QuestionId, 'skills'>;

const SINGLE: readonly SingleQuestion[] = [
  'hosting',
  'connectivity',
  'operations',
  'budget',
  'timeline',
  'willingness',
  'residency',
];

function Choice({
  question,
  value,
  onChange,
}: {
  question: SingleQuestion;
  value: string | null;
  onChange: (value: string) => void;
}): ReactNode {
  const name = useId();
  return (
    <fieldset className={styles.question}>
      <legend>{QUESTIONS[question].label}</legend>
      {QUESTIONS[question].options.map((option) => (
        <label key={option.value} className={styles.option}>
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

/** Step 2d: the enterprise environment, and the advice its answers give to Step 2e. */
export default function WorksheetEnvironment(): ReactNode {
  const [worksheet, update] = useWorksheet();
  const adviceTitle = useId();
  const env = worksheet.environment;
  const advice = adviceFor(env);
  const set = (patch: Partial<Environment>) =>
    update((w) => ({ ...w, environment: { ...w.environment, ...patch } }));
  const toggleSkill = (skill: Skill, on: boolean) =>
    set({
      skills: QUESTIONS.skills.options
        .map((option) => option.value)
        .filter((s) => (s === skill ? on : env.skills.includes(s))),
    });

  return (
    <WorksheetCard step="Step 2d" title="Your company’s environment">
      <p>
        Answer for the company you have in mind — the workshop’s, or the on-premise one of the
        exercise. The answers shape the advice beside each piece in Step 2e.
      </p>
      <div className={styles.layout}>
        <div className={styles.questions}>
          {SINGLE.slice(0, 2).map((question) => (
            <Choice
              key={question}
              question={question}
              value={env[question]}
              onChange={(value) => set({ [question]: value })}
            />
          ))}
          <fieldset className={styles.question}>
            <legend>{QUESTIONS.skills.label} (tick all that apply)</legend>
            {QUESTIONS.skills.options.map((option) => (
              <label key={option.value} className={styles.option}>
                <input
                  type="checkbox"
                  checked={env.skills.includes(option.value)}
                  onChange={(event) => toggleSkill(option.value, event.target.checked)}
                />
                {option.label}
              </label>
            ))}
          </fieldset>
          {SINGLE.slice(2).map((question) => (
            <Choice
              key={question}
              question={question}
              value={env[question]}
              onChange={(value) => set({ [question]: value })}
            />
          ))}
        </div>
        <aside className={styles.advice} aria-labelledby={adviceTitle}>
          <h4 id={adviceTitle} className={ws.subtitle}>
            What follows for Step 2e
          </h4>
          {advice.length === 0 ? (
            <p className={ws.note}>Answer a question to see what it means for the pieces.</p>
          ) : (
            <ul aria-live="polite">
              {advice.map((item) => (
                <li key={item.id}>{item.text}</li>
              ))}
            </ul>
          )}
          <button
            type="button"
            className="button button--sm button--secondary"
            onClick={() => update((w) => ({ ...w, environment: emptyEnvironment() }))}
          >
            Clear the answers
          </button>
        </aside>
      </div>
    </WorksheetCard>
  );
}
