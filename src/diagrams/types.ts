/** A diagram rendered ahead of time (scripts/render-diagrams.mjs), as a page inlines it. */
export type Diagram = {
  /** Its file name in src/diagrams, without `.mmd`. */
  name: string;
  /** Its accessible name (Mermaid's accTitle). */
  title: string;
  /** Its natural width in CSS pixels. */
  width: number;
  light: string;
  dark: string;
};
