/**
 * Step 3's architecture board: nodes and connectors on a fixed canvas, the operations the
 * learner performs on them, a starting layout from the Step 2e choices, and the comparison
 * with the workshop's reference architecture.
 */
import {
  LAYER_IDS,
  nextId,
  type Board,
  type BoardNode,
  type Choice,
  type LayerId,
  type RoleId,
} from './model';
import { pieceById, REFERENCE_CHOICES } from './pieces';

// Small enough that labels stay legible when the board is scaled down to the page's column.
export const BOARD_WIDTH = 960;
export const BOARD_HEIGHT = 540;
export const NODE_WIDTH = 136;
export const NODE_HEIGHT = 60;
/** Characters per line of a node's label, and lines. */
export const LABEL_CHARS = 16;
export const LABEL_LINES = 2;
/** Arrow keys move a node by this much; with Shift, by `BIG_STEP`. */
export const STEP = 10;
export const BIG_STEP = 50;

/** Each role, and the short caption a node of that role carries on the board. */
export const ROLES: readonly { id: RoleId; name: string; caption: string }[] = [
  { id: 'devices', name: 'Devices', caption: 'Devices' },
  { id: 'gateway', name: 'Site gateway', caption: 'Gateway' },
  { id: 'ingestion', name: 'Device ingestion', caption: 'Ingestion' },
  { id: 'raw-landing', name: 'Raw landing (files)', caption: 'Raw landing' },
  { id: 'realtime', name: 'Real-time processing', caption: 'Real time' },
  { id: 'batch', name: 'Batch processing', caption: 'Batch' },
  { id: 'storage', name: 'Classified store', caption: 'Store' },
  { id: 'quarantine', name: 'Quarantine', caption: 'Quarantine' },
  { id: 'serving', name: 'Serving', caption: 'Serving' },
  { id: 'visualisation', name: 'Web view', caption: 'Web view' },
  { id: 'other', name: 'Other', caption: 'Other' },
];

export const isRoleId = (value: unknown): value is RoleId => ROLES.some((r) => r.id === value);
export const roleName = (id: RoleId): string => ROLES.find((r) => r.id === id)?.name ?? id;
export const roleCaption = (id: RoleId): string => ROLES.find((r) => r.id === id)?.caption ?? id;

/** Where each role starts on the board: left to right, as events flow. */
const HOME: Record<RoleId, { x: number; y: number }> = {
  devices: { x: 16, y: 220 },
  gateway: { x: 176, y: 220 },
  ingestion: { x: 336, y: 120 },
  'raw-landing': { x: 336, y: 330 },
  realtime: { x: 496, y: 120 },
  batch: { x: 496, y: 330 },
  storage: { x: 656, y: 220 },
  quarantine: { x: 656, y: 420 },
  serving: { x: 808, y: 220 },
  visualisation: { x: 808, y: 60 },
  other: { x: 16, y: 20 },
};

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

function place(x: number, y: number) {
  return {
    x: Math.round(clamp(x, 0, BOARD_WIDTH - NODE_WIDTH)),
    y: Math.round(clamp(y, 0, BOARD_HEIGHT - NODE_HEIGHT)),
  };
}

const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.abs(a.x - b.x) < NODE_WIDTH && Math.abs(a.y - b.y) < NODE_HEIGHT;

/** The role's home, or the nearest free spot below or beside it. */
export function freeSpot(board: Board, role: RoleId): { x: number; y: number } {
  const home = HOME[role];
  for (let ring = 0; ring < 40; ring += 1) {
    const candidate = place(
      home.x + Math.floor(ring / 6) * (NODE_WIDTH + 20),
      home.y + (ring % 6) * (NODE_HEIGHT + 16),
    );
    if (!board.nodes.some((node) => overlaps(node, candidate))) return candidate;
  }
  return place(home.x, home.y);
}

export type NewNode = { label: string; role: RoleId; optionId?: string | null };

export function addNode(board: Board, node: NewNode): { board: Board; id: string } {
  const id = nextId(
    'n',
    board.nodes.map((n) => n.id),
  );
  const label = node.label.trim() || roleName(node.role);
  const added: BoardNode = {
    id,
    label,
    role: node.role,
    optionId: node.optionId ?? null,
    ...freeSpot(board, node.role),
  };
  return { board: { ...board, nodes: [...board.nodes, added] }, id };
}

export function moveNodeTo(board: Board, id: string, x: number, y: number): Board {
  return {
    ...board,
    nodes: board.nodes.map((node) => (node.id === id ? { ...node, ...place(x, y) } : node)),
  };
}

export function moveNodeBy(board: Board, id: string, dx: number, dy: number): Board {
  const node = board.nodes.find((n) => n.id === id);
  return node ? moveNodeTo(board, id, node.x + dx, node.y + dy) : board;
}

export function updateNode(
  board: Board,
  id: string,
  change: Partial<Pick<BoardNode, 'label' | 'role'>>,
): Board {
  return {
    ...board,
    nodes: board.nodes.map((node) => (node.id === id ? { ...node, ...change } : node)),
  };
}

/** Removes a node and every connector touching it. */
export function removeNode(board: Board, id: string): Board {
  return {
    nodes: board.nodes.filter((node) => node.id !== id),
    edges: board.edges.filter((edge) => edge.from !== id && edge.to !== id),
  };
}

/** Connects two distinct nodes once in each direction; anything else leaves the board as it is. */
export function connect(board: Board, from: string, to: string, label = ''): Board {
  const exists = (id: string) => board.nodes.some((node) => node.id === id);
  if (from === to || !exists(from) || !exists(to)) return board;
  if (board.edges.some((edge) => edge.from === from && edge.to === to)) return board;
  const id = nextId(
    'e',
    board.edges.map((e) => e.id),
  );
  return { ...board, edges: [...board.edges, { id, from, to, label: label.trim() }] };
}

export function updateEdge(board: Board, id: string, label: string): Board {
  return {
    ...board,
    edges: board.edges.map((edge) => (edge.id === id ? { ...edge, label } : edge)),
  };
}

export function removeEdge(board: Board, id: string): Board {
  return { ...board, edges: board.edges.filter((edge) => edge.id !== id) };
}

/** How events flow between the layers of Step 2e. */
const LAYER_FLOW: readonly [LayerId, LayerId][] = [
  ['ingestion', 'realtime'],
  ['ingestion', 'batch'],
  ['realtime', 'storage'],
  ['batch', 'storage'],
  ['storage', 'serving'],
  ['serving', 'visualisation'],
];

/**
 * A board drawn from the Step 2e choices: the devices, one node per chosen piece, connected as
 * events flow between the layers.
 */
export function boardFromChoices(choices: Partial<Record<LayerId, Choice>>): Board {
  let board: Board = { nodes: [], edges: [] };
  const nodeOf = new Map<string, string>();
  const addRole = (key: string, node: NewNode) => {
    const result = addNode(board, node);
    board = result.board;
    nodeOf.set(key, result.id);
  };
  addRole('devices', { label: 'Sensors, vehicles, tags', role: 'devices' });
  for (const layer of LAYER_IDS) {
    const choice = choices[layer];
    const chosen = choice && pieceById(choice.optionId);
    if (chosen) addRole(layer, { label: chosen.short, role: layer, optionId: chosen.id });
  }
  const firstLayer = LAYER_IDS.find((layer) => nodeOf.has(layer));
  const devices = nodeOf.get('devices');
  const first = firstLayer && nodeOf.get(firstLayer);
  if (devices && first) board = connect(board, devices, first);
  for (const [from, to] of LAYER_FLOW) {
    const a = nodeOf.get(from);
    const b = nodeOf.get(to);
    if (a && b) board = connect(board, a, b);
  }
  return board;
}

/** The reference architecture of Step 3, by role. */
export const REFERENCE_PIECES: readonly { role: RoleId; name: string }[] = [
  { role: 'devices', name: 'Devices' },
  { role: 'gateway', name: 'Site gateway that buffers' },
  { role: 'ingestion', name: 'Amazon Kinesis Data Streams' },
  { role: 'raw-landing', name: 'S3: raw landing (files)' },
  { role: 'realtime', name: 'Streaming job: Spark on EMR' },
  { role: 'batch', name: 'Batch job: Spark on EMR' },
  { role: 'storage', name: 'S3: classified events, partitioned Parquet' },
  { role: 'quarantine', name: 'S3: quarantine' },
  { role: 'serving', name: 'Serving: result files and Amazon Athena' },
  { role: 'visualisation', name: 'Web view' },
];

export const REFERENCE_CONNECTIONS: readonly [RoleId, RoleId][] = [
  ['devices', 'gateway'],
  ['gateway', 'ingestion'],
  ['gateway', 'raw-landing'],
  ['ingestion', 'realtime'],
  ['raw-landing', 'batch'],
  ['realtime', 'storage'],
  ['batch', 'storage'],
  ['realtime', 'quarantine'],
  ['batch', 'quarantine'],
  ['storage', 'serving'],
  ['quarantine', 'serving'],
  ['serving', 'visualisation'],
];

export type PieceComparison = {
  role: RoleId;
  reference: string;
  present: boolean;
  /** Labels of the learner's nodes in that role. */
  yours: string[];
  /** The learner's node stands for a different Step 2e piece than the reference's. */
  differs: boolean;
};

export type Comparison = {
  pieces: PieceComparison[];
  connections: { from: RoleId; to: RoleId; present: boolean }[];
  /** The learner's nodes in no reference role. */
  extra: string[];
};

export function compareWithReference(board: Board): Comparison {
  const pieces = REFERENCE_PIECES.map(({ role, name }): PieceComparison => {
    const nodes = board.nodes.filter((node) => node.role === role);
    const referencePiece = (REFERENCE_CHOICES as Partial<Record<RoleId, string>>)[role];
    const differs =
      referencePiece !== undefined &&
      nodes.length > 0 &&
      nodes.every((node) => node.optionId !== null && node.optionId !== referencePiece);
    return {
      role,
      reference: name,
      present: nodes.length > 0,
      yours: nodes.map((node) => node.label),
      differs,
    };
  });
  const roleOf = new Map(board.nodes.map((node) => [node.id, node.role]));
  const connections = REFERENCE_CONNECTIONS.map(([from, to]) => ({
    from,
    to,
    present: board.edges.some(
      (edge) => roleOf.get(edge.from) === from && roleOf.get(edge.to) === to,
    ),
  }));
  const extra = board.nodes.filter((node) => node.role === 'other').map((node) => node.label);
  return { pieces, connections, extra };
}

/** Splits a label into at most `maxLines` lines of about `maxChars`, ending in "…" if cut. */
export function wrapLabel(label: string, maxChars = LABEL_CHARS, maxLines = LABEL_LINES): string[] {
  const words = label.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const piece = word.length > maxChars ? `${word.slice(0, maxChars - 1)}…` : word;
    if (!current) current = piece;
    else if (current.length + 1 + piece.length <= maxChars) current = `${current} ${piece}`;
    else {
      lines.push(current);
      current = piece;
    }
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] ?? '';
  kept[maxLines - 1] = `${last.length >= maxChars ? last.slice(0, maxChars - 1) : last}…`;
  return kept;
}

/** Where a connector leaves one node's box and enters the other's, aimed centre to centre. */
export function edgeEnds(
  from: Pick<BoardNode, 'x' | 'y'>,
  to: Pick<BoardNode, 'x' | 'y'>,
): { x1: number; y1: number; x2: number; y2: number } {
  const cx1 = from.x + NODE_WIDTH / 2;
  const cy1 = from.y + NODE_HEIGHT / 2;
  const cx2 = to.x + NODE_WIDTH / 2;
  const cy2 = to.y + NODE_HEIGHT / 2;
  const dx = cx2 - cx1;
  const dy = cy2 - cy1;
  // The fraction of the centre-to-centre line inside half a box.
  const t =
    Math.abs(dx) * NODE_HEIGHT > Math.abs(dy) * NODE_WIDTH
      ? NODE_WIDTH / 2 / Math.abs(dx || 1)
      : NODE_HEIGHT / 2 / Math.abs(dy || 1);
  const r = (n: number) => Math.round(n * 10) / 10;
  return {
    x1: r(cx1 + dx * t),
    y1: r(cy1 + dy * t),
    x2: r(cx2 - dx * t),
    y2: r(cy2 - dy * t),
  };
}
