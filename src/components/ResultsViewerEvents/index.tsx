import {
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type ReactNode,
} from 'react';

import SeverityBadge from '@site/src/components/ResultsViewerSeverity';
import {
  CATEGORIES,
  DEVICE_TYPES,
  SEVERITIES,
  type ClassifiedEvent,
} from '@site/src/lib/results/contract';
import {
  NO_FILTER,
  filterEvents,
  filterOptions,
  isFiltered,
  parseOption,
  searchText,
  type EventFilter,
  type FilterOption,
} from '@site/src/lib/results/filters';
import { formatCount, formatTime, humanise, titleCase } from '@site/src/lib/results/format';
import { describeReading } from '@site/src/lib/results/reading';
import { rowWindow } from '@site/src/lib/results/virtualRows';

import styles from './styles.module.css';

/** Fixed row height (px): the window of rendered rows is computed from it. Kept in sync with CSS. */
const ROW_HEIGHT = 36;
/** The scroll area's height before it is measured (server render, first paint). */
const DEFAULT_VIEWPORT = 420;

type Column = {
  header: string;
  width: string;
  className?: string;
  cell: (e: ClassifiedEvent) => ReactNode;
};

const TIME: Column = {
  header: 'Time (UTC)',
  width: '6.5rem',
  className: styles.time,
  cell: (e) => formatTime(e.event_time),
};
const DEVICE: Column = {
  header: 'Device',
  width: '6rem',
  className: styles.mono,
  cell: (e) => e.device_id,
};
const DEVICE_TYPE: Column = {
  header: 'Device type',
  width: '7rem',
  cell: (e) => humanise(e.device_type),
};

/** Columns of classified events. */
const CLASSIFIED_COLUMNS: Column[] = [
  TIME,
  { header: 'Severity', width: '7rem', cell: (e) => <SeverityBadge severity={e.severity} /> },
  { header: 'Category', width: '7.5rem', cell: (e) => (e.category ? titleCase(e.category) : '—') },
  DEVICE,
  DEVICE_TYPE,
  { header: 'Rule', width: '12.5rem', className: styles.mono, cell: (e) => e.rule_id ?? '—' },
  { header: 'Reason', width: 'minmax(18rem, 1fr)', cell: (e) => e.reason ?? '—' },
];

/** Columns of events not classified yet (lab 1 writes the simulated events as they are). */
const RAW_COLUMNS: Column[] = [
  TIME,
  DEVICE,
  DEVICE_TYPE,
  { header: 'Site', width: '6rem', cell: (e) => e.site_id },
  { header: 'Reading', width: 'minmax(20rem, 1fr)', cell: describeReading },
];

function Row(props: { event: ClassifiedEvent; index: number; columns: Column[] }): ReactNode {
  const { event, index, columns } = props;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={styles.row}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
    >
      {columns.map((column) => (
        <div role="cell" key={column.header} className={column.className}>
          {column.cell(event)}
        </div>
      ))}
    </div>
  );
}

/** A labelled select of one filter; each option shows how many sample events have it. */
function SelectFilter(props: {
  id: string;
  label: string;
  value: string;
  options: readonly FilterOption<string>[];
  optionLabel: (value: string) => string;
  onChange: (value: string) => void;
}): ReactNode {
  const { id, label, value, options, optionLabel, onChange } = props;
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="all">All</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {optionLabel(o.value)} ({formatCount(o.count)})
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The run's classified events (the bounded, most-relevant sample of `events/`) in a table that
 * keeps only the rows in view in the DOM, so thousands of events scroll smoothly. The scroll
 * area takes keyboard focus: arrow keys, Page Up/Down, Home and End scroll it.
 */
export default function ResultsViewerEvents(props: {
  events: readonly ClassifiedEvent[];
  /** How many events the run classified (the sample may hold fewer). */
  classified: number;
}): ReactNode {
  const { events, classified } = props;
  const id = useId();
  const [filter, setFilter] = useState<EventFilter>(NO_FILTER);
  const deferredFilter = useDeferredValue(filter);
  const texts = useMemo(() => events.map(searchText), [events]);
  const options = useMemo(() => filterOptions(events), [events]);
  const classifiedRows = useMemo(() => events.some((e) => e.severity !== undefined), [events]);
  const columns = classifiedRows ? CLASSIFIED_COLUMNS : RAW_COLUMNS;
  const gridColumns = columns.map((column) => column.width).join(' ');
  const rows = useMemo(
    () => filterEvents(events, deferredFilter, texts),
    [events, deferredFilter, texts],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(DEFAULT_VIEWPORT);

  // The observer reports the scroll area's size once at the start and then on every change.
  useEffect(() => {
    const element = scroller.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(() =>
      setViewport(element.clientHeight || DEFAULT_VIEWPORT),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A shorter list after a new run needs nothing: the browser clamps the scroll position and
  // rowWindow clamps its copy. A new filter starts at the top.
  const setFilterFromTop = (next: EventFilter) => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
    setFilter(next);
  };

  const visible = rowWindow({
    rowCount: rows.length,
    rowHeight: ROW_HEIGHT,
    scrollTop,
    viewportHeight: viewport,
  });
  const update = (change: Partial<EventFilter>) => setFilterFromTop({ ...filter, ...change });
  const filtered = isFiltered(deferredFilter);
  const count = filtered
    ? `${formatCount(rows.length)} of ${formatCount(events.length)} events match the filters`
    : `${formatCount(events.length)} events`;
  const sampleNote =
    events.length < classified
      ? ` The table holds the ${formatCount(events.length)} most relevant of the run’s ${formatCount(classified)} classified events: critical first, newest first.`
      : '';

  if (events.length === 0) {
    return (
      <p className={styles.empty}>
        {classified > 0
          ? 'The run classified events but wrote no sample of them to events/.'
          : 'No classified events yet. Run the lab to see its classified events.'}
      </p>
    );
  }

  return (
    <div>
      <form className={styles.filters} onSubmit={(e) => e.preventDefault()}>
        {classifiedRows && (
          <>
            <SelectFilter
              id={`${id}-severity`}
              label="Severity"
              value={filter.severity}
              options={options.severity}
              optionLabel={titleCase}
              onChange={(value) => update({ severity: parseOption(value, SEVERITIES) })}
            />
            <SelectFilter
              id={`${id}-category`}
              label="Category"
              value={filter.category}
              options={options.category}
              optionLabel={titleCase}
              onChange={(value) => update({ category: parseOption(value, CATEGORIES) })}
            />
          </>
        )}
        <SelectFilter
          id={`${id}-type`}
          label="Device type"
          value={filter.deviceType}
          options={options.deviceType}
          optionLabel={humanise}
          onChange={(value) => update({ deviceType: parseOption(value, DEVICE_TYPES) })}
        />
        <div className={`${styles.field} ${styles.search}`}>
          <label htmlFor={`${id}-text`}>Search</label>
          <input
            id={`${id}-text`}
            type="search"
            value={filter.text}
            placeholder={
              classifiedRows ? 'device, rule, zone, reason…' : 'device, gas, task, subject…'
            }
            onChange={(e) => update({ text: e.target.value })}
          />
        </div>
        {isFiltered(filter) && (
          <button
            type="button"
            className="button button--sm button--secondary"
            onClick={() => setFilterFromTop(NO_FILTER)}
          >
            Clear filters
          </button>
        )}
      </form>
      <p className={styles.count} aria-live="polite" id={`${id}-count`}>
        {count}.{sampleNote}
      </p>
      {/* The table is its own scroll area: focusable, so the keyboard scrolls it. */}
      <div
        ref={scroller}
        role="table"
        className={styles.scroller}
        style={{ '--rv-columns': gridColumns } as CSSProperties}
        tabIndex={0}
        aria-label={classifiedRows ? 'Classified events' : 'Events'}
        aria-describedby={`${id}-count`}
        aria-rowcount={rows.length + 1}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div role="rowgroup" className={styles.head}>
          <div role="row" aria-rowindex={1} className={styles.headRow}>
            {columns.map((column) => (
              <div role="columnheader" key={column.header}>
                {column.header}
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup" className={styles.body} style={{ height: visible.totalHeight }}>
          {rows.slice(visible.start, visible.end).map((event, i) => (
            <Row
              key={`${event.event_id}-${visible.start + i}`}
              event={event}
              index={visible.start + i}
              columns={columns}
            />
          ))}
        </div>
      </div>
      {rows.length === 0 && (
        <p className={styles.noMatch}>
          No events match these filters.{' '}
          <button
            type="button"
            className={styles.linkButton}
            onClick={() => setFilterFromTop(NO_FILTER)}
          >
            Clear filters
          </button>
        </p>
      )}
    </div>
  );
}
