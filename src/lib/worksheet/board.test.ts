import { describe, expect, it } from 'vitest';

import {
  addNode,
  BOARD_HEIGHT,
  BOARD_WIDTH,
  boardFromChoices,
  compareWithReference,
  connect,
  edgeEnds,
  moveNodeBy,
  moveNodeTo,
  NODE_HEIGHT,
  NODE_WIDTH,
  REFERENCE_PIECES,
  removeEdge,
  removeNode,
  updateEdge,
  updateNode,
  wrapLabel,
} from './board';
import { boardToJson, boardToMermaid, boardToSvg } from './boardExport';
import type { Board } from './model';
import { REFERENCE_CHOICES } from './pieces';

const empty: Board = { nodes: [], edges: [] };

function twoNodes() {
  const a = addNode(empty, { label: 'Kinesis', role: 'ingestion' });
  const b = addNode(a.board, { label: 'Spark', role: 'realtime' });
  return { board: b.board, a: a.id, b: b.id };
}

describe('board operations', () => {
  it('adds nodes with fresh ids at their role’s place, never on top of each other', () => {
    const { board } = twoNodes();
    const again = addNode(board, { label: 'Another ingestion', role: 'ingestion' });
    expect(again.id).toBe('n3');
    const [first, , third] = again.board.nodes;
    expect(first && third && first.x === third.x && first.y === third.y).toBe(false);
  });

  it('names an unlabelled node after its role', () => {
    expect(addNode(empty, { label: '  ', role: 'gateway' }).board.nodes[0]?.label).toBe(
      'Site gateway',
    );
  });

  it('moves a node and keeps it on the board', () => {
    const { board, a } = twoNodes();
    const moved = moveNodeBy(board, a, 10, -10);
    const before = board.nodes[0];
    expect(moved.nodes[0]).toMatchObject({ x: (before?.x ?? 0) + 10, y: (before?.y ?? 0) - 10 });
    expect(moveNodeTo(board, a, -50, 10_000).nodes[0]).toMatchObject({
      x: 0,
      y: BOARD_HEIGHT - NODE_HEIGHT,
    });
    expect(moveNodeTo(board, a, 5000, 12.4).nodes[0]).toMatchObject({
      x: BOARD_WIDTH - NODE_WIDTH,
      y: 12,
    });
  });

  it('connects two nodes once, never a node to itself or to a missing node', () => {
    const { board, a, b } = twoNodes();
    const connected = connect(board, a, b, ' events ');
    expect(connected.edges).toEqual([{ id: 'e1', from: a, to: b, label: 'events' }]);
    expect(connect(connected, a, b)).toBe(connected);
    expect(connect(connected, a, a)).toBe(connected);
    expect(connect(connected, a, 'n99')).toBe(connected);
    expect(connect(connected, b, a).edges).toHaveLength(2);
  });

  it('labels, and deletes a node with its connectors', () => {
    const { board, a, b } = twoNodes();
    let next = connect(board, a, b);
    next = updateNode(next, a, { label: 'MSK' });
    next = updateEdge(next, 'e1', 'raw events');
    expect(next.nodes[0]?.label).toBe('MSK');
    expect(next.edges[0]?.label).toBe('raw events');
    expect(removeEdge(next, 'e1').edges).toEqual([]);
    expect(removeNode(next, a)).toEqual({ nodes: [next.nodes[1]], edges: [] });
  });
});

describe('boardFromChoices', () => {
  it('draws the devices and each chosen piece, connected as events flow', () => {
    const board = boardFromChoices({
      ingestion: { optionId: 'kinesis-provisioned', reason: '' },
      realtime: { optionId: 'spark-streaming-emr', reason: '' },
      storage: { optionId: 's3-parquet', reason: '' },
    });
    expect(board.nodes.map((n) => [n.label, n.role])).toEqual([
      ['Sensors, vehicles, tags', 'devices'],
      ['Kinesis Data Streams', 'ingestion'],
      ['Spark Streaming on EMR', 'realtime'],
      ['S3: Parquet', 'storage'],
    ]);
    const label = (id: string) => board.nodes.find((n) => n.id === id)?.role;
    expect(board.edges.map((e) => `${label(e.from)}->${label(e.to)}`)).toEqual([
      'devices->ingestion',
      'ingestion->realtime',
      'realtime->storage',
    ]);
  });

  it('ignores choices of unknown pieces', () => {
    expect(boardFromChoices({ batch: { optionId: 'gone', reason: '' } }).nodes).toHaveLength(1);
  });
});

describe('compareWithReference', () => {
  it('lists which reference pieces and connections are present and which are missing', () => {
    const board = boardFromChoices({
      ingestion: { optionId: 'msk', reason: '' },
      realtime: { optionId: REFERENCE_CHOICES.realtime, reason: '' },
    });
    const withFree = addNode(board, { label: 'Alarm panel', role: 'other' }).board;
    const comparison = compareWithReference(withFree);
    const present = comparison.pieces.filter((p) => p.present).map((p) => p.role);
    expect(present).toEqual(['devices', 'ingestion', 'realtime']);
    expect(comparison.pieces.find((p) => p.role === 'ingestion')).toMatchObject({
      differs: true,
      yours: ['Amazon MSK'],
    });
    expect(comparison.pieces.find((p) => p.role === 'realtime')?.differs).toBe(false);
    expect(comparison.connections.filter((c) => c.present)).toEqual([
      { from: 'ingestion', to: 'realtime', present: true },
    ]);
    expect(comparison.extra).toEqual(['Alarm panel']);
  });

  it('finds everything missing on an empty board', () => {
    const comparison = compareWithReference(empty);
    expect(comparison.pieces.every((p) => !p.present)).toBe(true);
    expect(comparison.pieces).toHaveLength(REFERENCE_PIECES.length);
  });
});

describe('drawing helpers', () => {
  it('wraps labels into a few short lines', () => {
    expect(wrapLabel('Spark Structured Streaming on Amazon EMR', 20, 3)).toEqual([
      'Spark Structured',
      'Streaming on Amazon',
      'EMR',
    ]);
    expect(wrapLabel('one two three four five six seven eight nine ten', 10, 2)).toEqual([
      'one two',
      'three fou…',
    ]);
    expect(wrapLabel('Supercalifragilisticexpialidocious', 10)).toEqual(['Supercali…']);
    expect(wrapLabel('   ')).toEqual([]);
  });

  it('starts and ends connectors on the boxes’ edges', () => {
    const side = edgeEnds({ x: 0, y: 0 }, { x: 400, y: 0 });
    expect(side).toEqual({ x1: NODE_WIDTH, y1: NODE_HEIGHT / 2, x2: 400, y2: NODE_HEIGHT / 2 });
    const below = edgeEnds({ x: 0, y: 0 }, { x: 0, y: 300 });
    expect(below).toEqual({ x1: NODE_WIDTH / 2, y1: NODE_HEIGHT, x2: NODE_WIDTH / 2, y2: 300 });
  });
});

describe('board exports', () => {
  const { board, a, b } = twoNodes();
  const drawn = connect(updateNode(board, a, { label: 'Say "hi" <now>' }), a, b, 'a|b');

  it('writes Mermaid with quotes escaped and stores drawn as cylinders', () => {
    const store = addNode(drawn, { label: 'S3', role: 'storage' }).board;
    expect(boardToMermaid(store)).toBe(
      [
        'flowchart LR',
        '  n1["Say #quot;hi#quot; <now>"]',
        '  n2["Spark"]',
        '  n3[("S3")]',
        '  n1 -->|"a|b"| n2',
      ].join('\n'),
    );
  });

  it('writes a standalone SVG with the labels escaped', () => {
    const svg = boardToSvg(drawn, 'My architecture');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<title>My architecture</title>');
    expect(svg).toContain('Say &quot;hi&quot; &lt;now&gt;');
    expect(svg).toContain('marker-end="url(#arrow)"');
    expect(svg).not.toContain('var(--');
    expect(svg.match(/<rect [^>]*rx="8"/g)).toHaveLength(2);
  });

  it('writes JSON that says what it is', () => {
    expect(JSON.parse(boardToJson(drawn))).toEqual({
      format: 'emr-spark-workshop/architecture-board',
      version: 1,
      board: drawn,
    });
  });
});
