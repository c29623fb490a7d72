import { useRef, type KeyboardEvent, type ReactNode } from 'react';

import { tabAfterKey } from '@site/src/lib/labEditor/layout';

import styles from './styles.module.css';

export const tabId = (baseId: string, index: number): string => `${baseId}-tab-${index}`;
export const panelId = (baseId: string): string => `${baseId}-panel`;

/** The lab's files as tabs (WAI-ARIA tabs: arrows, Home and End move and select). */
export default function FileTabs(props: {
  baseId: string;
  names: readonly string[];
  active: string;
  modified: readonly string[];
  onSelect: (name: string) => void;
}): ReactNode {
  const { baseId, names, active, modified, onSelect } = props;
  const list = useRef<HTMLDivElement>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = tabAfterKey(event.key, names.indexOf(active), names.length);
    const name = next === undefined ? undefined : names[next];
    if (name === undefined || next === undefined) return;
    event.preventDefault();
    onSelect(name);
    list.current?.querySelector<HTMLButtonElement>(`#${CSS.escape(tabId(baseId, next))}`)?.focus();
  };

  return (
    <div
      ref={list}
      role="tablist"
      aria-label="Lab files"
      className={styles.tabs}
      onKeyDown={onKeyDown}
    >
      {names.map((name, index) => {
        const selected = name === active;
        const isModified = modified.includes(name);
        return (
          <button
            key={name}
            id={tabId(baseId, index)}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls={panelId(baseId)}
            tabIndex={selected ? 0 : -1}
            className={styles.tab}
            onClick={() => onSelect(name)}
          >
            {name}
            {isModified && (
              <>
                <span aria-hidden="true" className={styles.modifiedMark} title="Modified">
                  ●
                </span>
                <span className={styles.visuallyHidden}> (modified)</span>
              </>
            )}
          </button>
        );
      })}
    </div>
  );
}
