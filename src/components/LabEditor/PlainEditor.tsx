import { useEffect, useRef, type ReactNode } from 'react';

import styles from './styles.module.css';

/** The fallback when Monaco cannot load: a plain text area, still saved and runnable. */
export default function PlainEditor(props: {
  name: string;
  code: string;
  height: number;
  reason: string;
  onChange: (name: string, code: string) => void;
  onShown: () => void;
}): ReactNode {
  const { name, code, height, reason, onChange, onShown } = props;
  const shown = useRef(onShown);
  useEffect(() => shown.current(), []);
  return (
    <div className={styles.plain}>
      <p className={styles.note} role="note">
        The code editor could not load ({reason}). You can still edit here: your edits are saved and
        Run uses them.
      </p>
      <textarea
        aria-label={`${name}: Python code`}
        className={styles.textarea}
        style={{ height }}
        value={code}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        onChange={(event) => onChange(name, event.target.value)}
      />
    </div>
  );
}
