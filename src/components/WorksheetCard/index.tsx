import clsx from 'clsx';
import { useId, useState, type ReactNode } from 'react';

import styles from './styles.module.css';

type CardProps = {
  /** "Step 2a", shown above the title. */
  step: string;
  title: string;
  children: ReactNode;
};

/** The frame every worksheet sits in: a titled card that says where the answers are kept. */
export default function WorksheetCard({ step, title, children }: CardProps): ReactNode {
  const titleId = useId();
  return (
    <section className={styles.card} aria-labelledby={titleId}>
      <p className={styles.step}>{step} · worksheet</p>
      <h3 id={titleId} className={styles.title}>
        {title}
      </h3>
      <p className={styles.kept}>
        Your answers are saved in this browser as you type, shared by every worksheet of steps 2 and
        3. Download them at the end of Step 3.
      </p>
      {children}
    </section>
  );
}

type FieldProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  hint?: string;
  /** The label is read out but not shown (the row makes the field's meaning plain). */
  hideLabel?: boolean;
  placeholder?: string;
  className?: string;
};

export function TextField({
  label,
  value,
  onChange,
  multiline = false,
  hint,
  hideLabel = false,
  placeholder,
  className,
}: FieldProps): ReactNode {
  const id = useId();
  const hintId = `${id}-hint`;
  const common = {
    id,
    value,
    placeholder,
    className: styles.input,
    'aria-describedby': hint ? hintId : undefined,
  };
  return (
    <div className={clsx(styles.field, className)}>
      <label htmlFor={id} className={hideLabel ? styles.visuallyHidden : styles.label}>
        {label}
      </label>
      {hint && (
        <span id={hintId} className={styles.hint}>
          {hint}
        </span>
      )}
      {multiline ? (
        <textarea {...common} rows={2} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} type="text" onChange={(event) => onChange(event.target.value)} />
      )}
    </div>
  );
}

type NumberProps = {
  label: string;
  value: number;
  onChange: (value: number) => void;
  hint?: string;
  className?: string;
};

/** A number input that lets the learner clear it while typing; only numbers reach the worksheet. */
export function NumberField({ label, value, onChange, hint, className }: NumberProps): ReactNode {
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    // The value changed elsewhere (another tab, an import): show it.
    setShown(value);
    setDraft(String(value));
  }
  return (
    <div className={clsx(styles.field, className)}>
      <label htmlFor={id} className={styles.label}>
        {label}
      </label>
      {hint && (
        <span id={`${id}-hint`} className={styles.hint}>
          {hint}
        </span>
      )}
      <input
        id={id}
        className={styles.input}
        type="number"
        inputMode="decimal"
        value={draft}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
          const next = event.target.valueAsNumber;
          if (Number.isFinite(next)) {
            setShown(next);
            onChange(next);
          }
        }}
      />
    </div>
  );
}

export type SelectOption<T extends string> = { value: T; label: string };

type SelectProps<T extends string> = {
  label: string;
  value: T | '';
  options: readonly SelectOption<T>[];
  onChange: (value: T | '') => void;
  /** Shown for the empty value; without it, the empty value is not offered. */
  placeholder?: string;
  hideLabel?: boolean;
  className?: string;
};

export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  placeholder,
  hideLabel = false,
  className,
}: SelectProps<T>): ReactNode {
  const id = useId();
  return (
    <div className={clsx(styles.field, className)}>
      <label htmlFor={id} className={hideLabel ? styles.visuallyHidden : styles.label}>
        {label}
      </label>
      <select
        id={id}
        className={styles.input}
        value={value}
        onChange={(event) => onChange(event.target.value as T | '')}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

type ItemButtonsProps = {
  /** What the buttons act on, for their accessible names: "F3", "Latency". */
  name: string;
  index: number;
  count: number;
  onMove?: (delta: number) => void;
  onDelete?: () => void;
};

/** Move up, move down and delete, for one item of a list. */
export function ItemButtons({ name, index, count, onMove, onDelete }: ItemButtonsProps): ReactNode {
  return (
    <div className={styles.itemButtons}>
      {onMove && (
        <>
          <button
            type="button"
            className="button button--sm button--secondary"
            aria-label={`Move ${name} up`}
            title="Move up"
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="button button--sm button--secondary"
            aria-label={`Move ${name} down`}
            title="Move down"
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          >
            ↓
          </button>
        </>
      )}
      {onDelete && (
        <button
          type="button"
          className="button button--sm button--secondary"
          aria-label={`Delete ${name}`}
          title="Delete"
          onClick={onDelete}
        >
          ✕
        </button>
      )}
    </div>
  );
}

/** A polite announcement area: what just happened, for people who cannot see it change. */
export function Announcer({ message }: { message: string }): ReactNode {
  return (
    <p className={styles.visuallyHidden} role="status" aria-live="polite">
      {message}
    </p>
  );
}

export { styles as worksheetStyles };
