/**
 * The design worksheet of steps 2a–2e and 3: one serialisable state the learner fills in across
 * the pages. Types, the starting content (taken from the pages' own worked examples) and small
 * helpers; storage lives in `store.ts`, reading stored or imported data in `normalise.ts`.
 */

export const WORKSHEET_VERSION = 1;

/** MoSCoW: must, should, could, won't (this time) — won't means out of scope. */
export type Priority = 'must' | 'should' | 'could' | 'wont';
export const PRIORITIES: readonly Priority[] = ['must', 'should', 'could', 'wont'];
export const PRIORITY_NAMES: Record<Priority, string> = {
  must: 'Must',
  should: 'Should',
  could: 'Could',
  wont: "Won't (out of scope)",
};

export type Functionality = {
  id: string;
  text: string;
  actor: string;
  /** `null` until the learner decides. */
  priority: Priority | null;
};

export type Rating = 'low' | 'medium' | 'high';
export const RATINGS: readonly Rating[] = ['low', 'medium', 'high'];

/** The quality attributes the worksheet knows trade-offs for (Step 2e uses them). */
export type AttributeId =
  | 'latency'
  | 'reliability'
  | 'availability'
  | 'usability'
  | 'interoperability'
  | 'cost'
  | 'security';

export const ATTRIBUTE_NAMES: Record<AttributeId, string> = {
  latency: 'Latency',
  reliability: 'Reliability',
  availability: 'Availability',
  usability: 'Usability',
  interoperability: 'Interoperability',
  cost: 'Cost',
  security: 'Security',
};

export const isAttributeId = (value: unknown): value is AttributeId =>
  typeof value === 'string' && value in ATTRIBUTE_NAMES;

/** A candidate architectural driver; the worksheet's order of drivers is the learner's ranking. */
export type Driver = {
  /** An `AttributeId`, or `QA-n` for a candidate the learner added. */
  id: string;
  name: string;
  importance: Rating | null;
  difficulty: Rating | null;
};

export const SCENARIO_PARTS = [
  'source',
  'stimulus',
  'environment',
  'artifact',
  'response',
  'responseMeasure',
] as const;
export type ScenarioPart = (typeof SCENARIO_PARTS)[number];

export const SCENARIO_PART_NAMES: Record<ScenarioPart, { name: string; question: string }> = {
  source: { name: 'Source', question: 'Who or what causes it?' },
  stimulus: { name: 'Stimulus', question: 'What happens?' },
  environment: {
    name: 'Environment',
    question: 'Under what conditions: normal load, peak, failure?',
  },
  artifact: { name: 'Artifact', question: 'Which part of the system is affected?' },
  response: { name: 'Response', question: 'What must the system do?' },
  responseMeasure: {
    name: 'Response measure',
    question: 'How do we measure that it did it well enough?',
  },
};

/** A six-part quality-attribute scenario. */
export type Scenario = { id: string; attribute: string } & Record<ScenarioPart, string>;

/**
 * The figures a lab run from the page measures (see the result contract's `_summary.json`).
 * `eventTimeLatencyP95Ms` is NFR-1's latency, from event_time; `streamLatencyP95Ms` the one from
 * file landing. (No page run measures events lost on restart: the lab's restart test proves it.)
 */
export type MetricId =
  | 'eventTimeLatencyP95Ms'
  | 'streamLatencyP95Ms'
  | 'throughputEventsPerSecond'
  | 'quarantinedSharePercent';

/** A requirement the labs can check: the measured metric must stay at or below / above a target. */
export type RequirementCheck = { metric: MetricId; target: number };

export type Requirement = {
  id: string;
  attribute: string;
  text: string;
  verifiedBy: string;
  /** The scenario it came from, if any. */
  scenarioId: string | null;
  check: RequirementCheck | null;
};

export type Hosting = 'aws' | 'on-premise' | 'private-cloud' | 'other-cloud';
export type Connectivity = 'reliable' | 'intermittent';
export type Skill = 'python-sql' | 'spark' | 'kafka' | 'java-scala' | 'kubernetes' | 'aws';
export type Operations = 'round-the-clock' | 'office-hours' | 'none';
export type Budget = 'strict' | 'moderate' | 'generous';
export type Timeline = 'pilot-3-months' | 'six-months-or-more';
export type Willingness = 'low' | 'medium' | 'high';
export type Residency = 'eu' | 'us' | 'other' | 'none';

/** The answers of Step 2d; `null` (or no skills) until answered. */
export type Environment = {
  hosting: Hosting | null;
  connectivity: Connectivity | null;
  skills: Skill[];
  operations: Operations | null;
  budget: Budget | null;
  timeline: Timeline | null;
  willingness: Willingness | null;
  residency: Residency | null;
};

export type LayerId = 'ingestion' | 'realtime' | 'batch' | 'storage' | 'serving' | 'visualisation';
export const LAYER_IDS: readonly LayerId[] = [
  'ingestion',
  'realtime',
  'batch',
  'storage',
  'serving',
  'visualisation',
];

export type Choice = { optionId: string; reason: string };

/** Where a node sits in the architecture; the reference comparison works on roles. */
export type RoleId =
  | 'devices'
  | 'gateway'
  | 'ingestion'
  | 'raw-landing'
  | 'realtime'
  | 'batch'
  | 'storage'
  | 'quarantine'
  | 'serving'
  | 'visualisation'
  | 'other';

export type BoardNode = {
  id: string;
  label: string;
  role: RoleId;
  /** The Step 2e option it stands for, when it came from a choice. */
  optionId: string | null;
  x: number;
  y: number;
};

export type BoardEdge = { id: string; from: string; to: string; label: string };

export type Board = { nodes: BoardNode[]; edges: BoardEdge[] };

export type Worksheet = {
  version: typeof WORKSHEET_VERSION;
  functionalities: Functionality[];
  /** The learner's own use case (Step 2a's exercise), free text. */
  useCase: string;
  drivers: Driver[];
  scenarios: Scenario[];
  requirements: Requirement[];
  environment: Environment;
  choices: Partial<Record<LayerId, Choice>>;
  board: Board;
};

/** Step 2a's list, as the page tabulates it; priorities are left for the learner. */
export const STARTING_FUNCTIONALITIES: readonly Functionality[] = [
  ['Receive events in real time from every device type', 'Devices'],
  ['Receive events in batch, as files (backlogs, exports, shift logs)', 'Gateways, other systems'],
  [
    'Validate each event against the schema; quarantine invalid ones with a reason',
    'Data engineer',
  ],
  [
    'Classify each valid event (gas leak, restricted zone, overdue activity…): category, severity, rule and reason',
    'All',
  ],
  ['Recognise duplicates (same event_id) and late events', 'All'],
  ['Store classified events from both paths together', 'All'],
  ['Query events by time, site, severity, category and device type', 'Supervisor, planner'],
  ['Show current positions and restricted zones on the site plan', 'Supervisor'],
  ['Show counts by category and severity over time', 'Supervisor'],
  ['Keep the raw events, so history can be reprocessed when a rule changes', 'Data engineer'],
  ["Change a rule's parameters (a threshold, a zone) without changing code", 'Data engineer'],
  ['Notify someone (SMS, radio, siren) when a critical event happens', 'Safety officer'],
  ['Control devices (stop a vehicle, lock a door)', '—'],
].map(([text, actor], index) => ({
  id: `F${index + 1}`,
  text: text ?? '',
  actor: actor ?? '',
  priority: null,
}));

/** Step 2b's candidates, in the page's order. */
export const STARTING_DRIVERS: readonly Driver[] = (
  [
    'latency',
    'reliability',
    'availability',
    'interoperability',
    'usability',
    'cost',
    'security',
  ] as const
).map((id) => ({ id, name: ATTRIBUTE_NAMES[id], importance: null, difficulty: null }));

export const emptyEnvironment = (): Environment => ({
  hosting: null,
  connectivity: null,
  skills: [],
  operations: null,
  budget: null,
  timeline: null,
  willingness: null,
  residency: null,
});

export const emptyWorksheet = (): Worksheet => ({
  version: WORKSHEET_VERSION,
  functionalities: STARTING_FUNCTIONALITIES.map((f) => ({ ...f })),
  useCase: '',
  drivers: STARTING_DRIVERS.map((d) => ({ ...d })),
  scenarios: [],
  requirements: [],
  environment: emptyEnvironment(),
  choices: {},
  board: { nodes: [], edges: [] },
});

/** The next id of the form `<prefix><n>`, after the largest one in use. */
export function nextId(prefix: string, ids: readonly string[]): string {
  let largest = 0;
  for (const id of ids) {
    if (!id.startsWith(prefix)) continue;
    const n = Number(id.slice(prefix.length));
    if (Number.isInteger(n) && n > largest) largest = n;
  }
  return `${prefix}${largest + 1}`;
}

/** Moves the item at `index` by `delta` places; out-of-range moves return the same list. */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item as T);
  return next;
}

/** A driver's display name for an attribute id, whether built in or added by the learner. */
export function attributeName(worksheet: Pick<Worksheet, 'drivers'>, id: string): string {
  if (isAttributeId(id)) return ATTRIBUTE_NAMES[id];
  return worksheet.drivers.find((driver) => driver.id === id)?.name ?? id;
}

/** The drivers as choices of an attribute, plus the current value if it is no longer one. */
export function attributeChoices(
  worksheet: Pick<Worksheet, 'drivers'>,
  current: string,
): { value: string; label: string }[] {
  const choices = worksheet.drivers.map((d) => ({ value: d.id, label: d.name }));
  if (current && !choices.some((c) => c.value === current)) {
    choices.push({ value: current, label: attributeName(worksheet, current) });
  }
  return choices;
}
