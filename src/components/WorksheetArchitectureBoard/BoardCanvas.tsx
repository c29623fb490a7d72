import clsx from 'clsx';
import { useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

import {
  BIG_STEP,
  BOARD_HEIGHT,
  BOARD_WIDTH,
  edgeEnds,
  NODE_HEIGHT,
  NODE_WIDTH,
  roleCaption,
  roleName,
  STEP,
  wrapLabel,
} from '@site/src/lib/worksheet/board';
import type { Board, BoardNode } from '@site/src/lib/worksheet/model';

import styles from './styles.module.css';

type Drag = {
  id: string;
  /** Where the pointer grabbed the node, relative to its corner. */
  grabX: number;
  grabY: number;
  startX: number;
  startY: number;
  x: number;
  y: number;
  moved: boolean;
};

export type CanvasActions = {
  select: (id: string) => void;
  /** Enter, Space or a click: start a connector here, or finish one started elsewhere. */
  activate: (id: string) => void;
  moveBy: (id: string, dx: number, dy: number) => void;
  moveTo: (id: string, x: number, y: number) => void;
  remove: (id: string) => void;
  cancelConnect: () => void;
  editLabel: (id: string) => void;
};

type Props = {
  board: Board;
  title: string;
  titleId: string;
  instructionsId: string;
  connectFrom: string | null;
  actions: CanvasActions;
};

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** The board itself: connectors under nodes; nodes that drag, and move and connect by keyboard. */
export default function BoardCanvas({
  board,
  title,
  titleId,
  instructionsId,
  connectFrom,
  actions,
}: Props): ReactNode {
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  // A drag ends in a click event too; that click must not start a connector.
  const suppressClick = useRef(false);

  const toBoard = (event: PointerEvent) => {
    const rect = svgRef.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return { x: 0, y: 0 };
    return {
      x: ((event.clientX - rect.left) * BOARD_WIDTH) / rect.width,
      y: ((event.clientY - rect.top) * BOARD_HEIGHT) / rect.height,
    };
  };

  const position = (node: BoardNode) =>
    drag?.id === node.id
      ? {
          x: Math.min(BOARD_WIDTH - NODE_WIDTH, Math.max(0, drag.x)),
          y: Math.min(BOARD_HEIGHT - NODE_HEIGHT, Math.max(0, drag.y)),
        }
      : node;
  const byId = new Map(board.nodes.map((node) => [node.id, position(node)]));

  const onKeyDown = (node: BoardNode) => (event: KeyboardEvent<SVGGElement>) => {
    const arrow = ARROWS[event.key];
    if (arrow) {
      event.preventDefault();
      const step = event.shiftKey ? BIG_STEP : STEP;
      actions.moveBy(node.id, arrow[0] * step, arrow[1] * step);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      actions.activate(node.id);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      actions.remove(node.id);
    } else if (event.key === 'Escape') {
      actions.cancelConnect();
    } else if (event.key === 'F2') {
      event.preventDefault();
      actions.editLabel(node.id);
    }
  };

  return (
    <svg
      ref={svgRef}
      className={styles.board}
      viewBox={`0 0 ${BOARD_WIDTH} ${BOARD_HEIGHT}`}
      role="group"
      aria-labelledby={titleId}
      aria-describedby={instructionsId}
      data-testid="architecture-board"
    >
      <title>{title}</title>
      <defs>
        <marker
          id="board-arrow"
          viewBox="0 0 10 10"
          refX="10"
          refY="5"
          markerWidth="8"
          markerHeight="8"
          orient="auto-start-reverse"
        >
          <path d="M0 0L10 5L0 10z" className={styles.arrowHead} />
        </marker>
      </defs>
      <rect className={styles.canvas} width={BOARD_WIDTH} height={BOARD_HEIGHT} />
      <g aria-hidden="true">
        {board.edges.map((edge) => {
          const from = byId.get(edge.from);
          const to = byId.get(edge.to);
          if (!from || !to) return null;
          const { x1, y1, x2, y2 } = edgeEnds(from, to);
          return (
            <g key={edge.id}>
              <line
                className={styles.edge}
                x1={x1}
                y1={y1}
                x2={x2}
                y2={y2}
                markerEnd="url(#board-arrow)"
              />
              {edge.label && (
                <text className={styles.edgeLabel} x={(x1 + x2) / 2} y={(y1 + y2) / 2 + 4}>
                  {edge.label.slice(0, 28)}
                </text>
              )}
            </g>
          );
        })}
      </g>
      {board.nodes.map((node) => {
        const { x, y } = position(node);
        const lines = wrapLabel(node.label);
        const top = NODE_HEIGHT / 2 + 13 - (lines.length - 1) * 8;
        return (
          <g
            key={node.id}
            data-node-id={node.id}
            className={clsx(styles.node, connectFrom === node.id && styles.connecting)}
            transform={`translate(${x} ${y})`}
            tabIndex={0}
            role="button"
            aria-label={`${node.label}, ${roleName(node.role)}`}
            aria-pressed={connectFrom === node.id}
            onFocus={() => actions.select(node.id)}
            onKeyDown={onKeyDown(node)}
            onPointerDown={(event) => {
              if (event.button !== 0) return;
              const p = toBoard(event);
              event.currentTarget.setPointerCapture(event.pointerId);
              setDrag({
                id: node.id,
                grabX: p.x - node.x,
                grabY: p.y - node.y,
                startX: p.x,
                startY: p.y,
                x: node.x,
                y: node.y,
                moved: false,
              });
            }}
            onPointerMove={(event) => {
              if (drag?.id !== node.id) return;
              const p = toBoard(event);
              setDrag({
                ...drag,
                x: p.x - drag.grabX,
                y: p.y - drag.grabY,
                moved: drag.moved || Math.hypot(p.x - drag.startX, p.y - drag.startY) > 4,
              });
            }}
            onPointerUp={() => {
              if (drag?.id !== node.id) return;
              if (drag.moved) {
                suppressClick.current = true;
                actions.moveTo(node.id, drag.x, drag.y);
              }
              setDrag(null);
            }}
            onPointerCancel={() => setDrag(null)}
            onClick={() => {
              if (suppressClick.current) {
                suppressClick.current = false;
                return;
              }
              actions.activate(node.id);
            }}
          >
            <rect className={styles.nodeBox} width={NODE_WIDTH} height={NODE_HEIGHT} rx={8} />
            <text className={styles.nodeRole} x={7} y={14} aria-hidden="true">
              {roleCaption(node.role)}
            </text>
            <text className={styles.nodeLabel} x={NODE_WIDTH / 2}>
              {lines.map((line, index) => (
                <tspan key={index} x={NODE_WIDTH / 2} y={top + index * 17}>
                  {line}
                </tspan>
              ))}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
