import {
  CATEGORIES,
  DEVICE_TYPES,
  SEVERITIES,
  type Category,
  type ClassifiedEvent,
  type DeviceType,
  type Severity,
} from './contract';

/** The table's filters; `'all'` (or an empty text) lets every event through. */
export type EventFilter = {
  severity: Severity | 'all';
  category: Category | 'all';
  deviceType: DeviceType | 'all';
  text: string;
};

export const NO_FILTER: EventFilter = {
  severity: 'all',
  category: 'all',
  deviceType: 'all',
  text: '',
};

/** Every value of an event as one lower-case string, for the free-text filter. */
export function searchText(event: ClassifiedEvent): string {
  return Object.values(event)
    .filter((value) => typeof value === 'string' || typeof value === 'number')
    .join('\u0000')
    .toLowerCase();
}

/** The words of a text query; an event matches when each word occurs in one of its values. */
export function queryWords(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

export function isFiltered(filter: EventFilter): boolean {
  return (
    filter.severity !== 'all' ||
    filter.category !== 'all' ||
    filter.deviceType !== 'all' ||
    queryWords(filter.text).length > 0
  );
}

/**
 * The events that pass the filter, in their order. `texts` (from {@link searchText}, one per
 * event, same order) lets a caller compute the search strings once rather than per keystroke.
 */
export function filterEvents(
  events: readonly ClassifiedEvent[],
  filter: EventFilter,
  texts: readonly string[] = events.map(searchText),
): ClassifiedEvent[] {
  const words = queryWords(filter.text);
  return events.filter((event, i) => {
    if (filter.severity !== 'all' && event.severity !== filter.severity) return false;
    if (filter.category !== 'all' && event.category !== filter.category) return false;
    if (filter.deviceType !== 'all' && event.device_type !== filter.deviceType) return false;
    if (words.length === 0) return true;
    const text = texts[i] ?? searchText(event);
    return words.every((word) => text.includes(word));
  });
}

export type FilterOption<T extends string> = { value: T; count: number };

/** The options of each select, in the contract's order, with how many sample events have each. */
export function filterOptions(events: readonly ClassifiedEvent[]): {
  severity: FilterOption<Severity>[];
  category: FilterOption<Category>[];
  deviceType: FilterOption<DeviceType>[];
} {
  const count = <T extends string>(values: readonly T[], pick: (e: ClassifiedEvent) => unknown) =>
    values.map((value) => ({ value, count: events.filter((e) => pick(e) === value).length }));
  return {
    severity: count(SEVERITIES, (e) => e.severity),
    category: count(CATEGORIES, (e) => e.category),
    deviceType: count(DEVICE_TYPES, (e) => e.device_type),
  };
}

/** Reads a select's value back into the filter's type; anything unknown means "all". */
export function parseOption<T extends string>(value: string, allowed: readonly T[]): T | 'all' {
  return (allowed as readonly string[]).includes(value) ? (value as T) : 'all';
}
