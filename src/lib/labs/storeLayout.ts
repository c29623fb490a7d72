/**
 * The layout of the shared store (`labs/workshop/store.py`): the folder pattern of classified
 * events and of quarantined lines, as the module's docstring states them beside the code that
 * writes them. Pages render it from the file, so the page changes when the code does.
 */
export type StoreLayout = { events: string; quarantine: string };

/** The layout lines of store.py's docstring ("Layout ...::" then indented `<store>/…` lines). */
export function storeLayout(source: string): StoreLayout {
  const docstring = /^"""([\s\S]*?)"""/.exec(source)?.[1] ?? '';
  const block = /Layout[^\n]*::\n\n((?: {4}\S[^\n]*\n?)+)/.exec(docstring)?.[1] ?? '';
  const lines = block
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const events = lines.find((line) => line.startsWith('<store>/events/'));
  const quarantine = lines.find((line) => line.startsWith('<store>/quarantine/'));
  if (!events || !quarantine) {
    throw new Error('labs/workshop/store.py: its docstring no longer states the store layout');
  }
  return { events, quarantine };
}

/** The partition columns of a layout line, outermost first: `source`, `load_id`, … */
export const partitionColumns = (line: string): string[] =>
  [...line.matchAll(/([a-z_]+)=/g)].map((match) => match[1] as string);
