import clsx from 'clsx';
import { useId, useRef, useState, type ReactNode } from 'react';

import WorksheetCard, {
  Announcer,
  SelectField,
  TextField,
  worksheetStyles as ws,
} from '@site/src/components/WorksheetCard';
import { useWorksheet } from '@site/src/components/WorksheetCard/useWorksheet';
import {
  addNode,
  BOARD_HEIGHT,
  BOARD_WIDTH,
  boardFromChoices,
  compareWithReference,
  connect,
  moveNodeBy,
  moveNodeTo,
  removeEdge,
  removeNode,
  ROLES,
  roleName,
  updateEdge,
  updateNode,
} from '@site/src/lib/worksheet/board';
import { boardToJson, boardToSvg } from '@site/src/lib/worksheet/boardExport';
import { downloadBlob, downloadText, svgToPng } from '@site/src/lib/worksheet/download';
import { LAYER_IDS, type Board, type RoleId } from '@site/src/lib/worksheet/model';
import { layerName, pieceById } from '@site/src/lib/worksheet/pieces';

import BoardCanvas, { type CanvasActions } from './BoardCanvas';
import styles from './styles.module.css';

const TITLE = 'Your architecture board';
const ROLE_OPTIONS = ROLES.map((role) => ({ value: role.id, label: role.name }));

/** Step 3: the learner's architecture as a diagram they build, compare and export. */
export default function WorksheetArchitectureBoard(): ReactNode {
  const [worksheet, update] = useWorksheet();
  const board = worksheet.board;
  const titleId = useId();
  const instructionsId = useId();
  const labelField = useRef<HTMLDivElement>(null);
  const canvasBox = useRef<HTMLDivElement>(null);

  const [selected, setSelected] = useState<string | null>(null);
  const [connectFrom, setConnectFrom] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [undo, setUndo] = useState<{ what: string; board: Board } | null>(null);
  const [freeLabel, setFreeLabel] = useState('');
  const [freeRole, setFreeRole] = useState<RoleId | ''>('');
  const [chosenLayer, setChosenLayer] = useState('');
  const [edgeFrom, setEdgeFrom] = useState('');
  const [edgeTo, setEdgeTo] = useState('');
  const [edgeLabel, setEdgeLabel] = useState('');

  const labelOf = (id: string) => board.nodes.find((n) => n.id === id)?.label ?? id;
  const setBoard = (change: (b: Board) => Board) =>
    update((w) => ({ ...w, board: change(w.board) }));
  const replaceBoard = (what: string, next: Board) => {
    setUndo({ what, board });
    setSelected(null);
    setConnectFrom(null);
    update((w) => ({ ...w, board: next }));
  };
  const focusNode = (id: string) =>
    window.requestAnimationFrame(() =>
      canvasBox.current?.querySelector<SVGGElement>(`[data-node-id="${id}"]`)?.focus(),
    );
  const addAndFocus = (node: Parameters<typeof addNode>[1]) => {
    const result = addNode(board, node);
    update((w) => ({ ...w, board: result.board }));
    setMessage(`Added ${result.board.nodes.at(-1)?.label ?? 'a node'} to the board.`);
    focusNode(result.id);
  };
  const link = (from: string, to: string, label = '') => {
    const next = connect(board, from, to, label);
    if (next === board) {
      setMessage(
        from === to
          ? 'A node cannot connect to itself.'
          : `${labelOf(from)} is already connected to ${labelOf(to)}.`,
      );
      return;
    }
    setBoard(() => next);
    setMessage(`Connected ${labelOf(from)} to ${labelOf(to)}.`);
  };
  const remove = (id: string) => {
    const index = board.nodes.findIndex((n) => n.id === id);
    const label = labelOf(id);
    setBoard((b) => removeNode(b, id));
    if (selected === id) setSelected(null);
    if (connectFrom === id) setConnectFrom(null);
    setMessage(`Deleted ${label} and its connectors.`);
    const next = board.nodes[index + 1] ?? board.nodes[index - 1];
    if (next) focusNode(next.id);
  };

  const actions: CanvasActions = {
    select: setSelected,
    activate: (id) => {
      setSelected(id);
      if (connectFrom === null) {
        setConnectFrom(id);
        setMessage(
          `Connecting from ${labelOf(id)}: choose the node to connect to and press Enter, or Escape to cancel.`,
        );
      } else if (connectFrom === id) {
        setConnectFrom(null);
        setMessage('Connector cancelled.');
      } else {
        link(connectFrom, id);
        setConnectFrom(null);
      }
    },
    moveBy: (id, dx, dy) => {
      const next = moveNodeBy(board, id, dx, dy);
      const node = next.nodes.find((n) => n.id === id);
      setBoard(() => next);
      if (node) setMessage(`${node.label} at ${node.x}, ${node.y}.`);
    },
    moveTo: (id, x, y) => setBoard((b) => moveNodeTo(b, id, x, y)),
    remove,
    cancelConnect: () => {
      if (connectFrom !== null) setMessage('Connector cancelled.');
      setConnectFrom(null);
    },
    editLabel: (id) => {
      setSelected(id);
      window.requestAnimationFrame(() => labelField.current?.querySelector('input')?.focus());
    },
  };

  const selectedNode = board.nodes.find((n) => n.id === selected);
  const nodeOptions = board.nodes.map((n) => ({ value: n.id, label: n.label }));
  const chosenLayers = LAYER_IDS.filter((layer) => worksheet.choices[layer]);
  const comparison = compareWithReference(board);

  const exportPng = async () => {
    try {
      const png = await svgToPng(boardToSvg(board, TITLE), BOARD_WIDTH, BOARD_HEIGHT);
      downloadBlob('architecture-board.png', png);
    } catch (error) {
      setMessage(error instanceof Error ? error.message : 'Drawing the PNG failed.');
    }
  };

  return (
    <WorksheetCard step="Step 3" title="Draw your architecture">
      <p>
        Start from your pieces of Step 2e, add what they leave out (a gateway? a raw landing area? a
        quarantine?), move, label and connect the boxes, then compare with the workshop’s reference
        architecture above.
      </p>
      <div className={ws.actions}>
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            replaceBoard('Start from my choices', boardFromChoices(worksheet.choices));
            setMessage(
              chosenLayers.length === 0
                ? 'No piece chosen in Step 2e yet: only the devices are drawn.'
                : `Drew the devices and your ${chosenLayers.length} chosen piece(s).`,
            );
          }}
        >
          Start from my Step 2e choices
        </button>
        <form
          className={ws.actions}
          onSubmit={(event) => {
            event.preventDefault();
            const choice = worksheet.choices[chosenLayer as (typeof LAYER_IDS)[number]];
            const piece = choice && pieceById(choice.optionId);
            if (!piece) return;
            addAndFocus({ label: piece.short, role: piece.layer, optionId: piece.id });
          }}
        >
          <SelectField
            label="One of your pieces"
            value={chosenLayer}
            placeholder={chosenLayers.length === 0 ? 'None chosen in Step 2e' : 'Choose a piece'}
            options={chosenLayers.map((layer) => ({
              value: layer,
              label: `${layerName(layer)}: ${pieceById(worksheet.choices[layer]?.optionId ?? '')?.short ?? ''}`,
            }))}
            onChange={setChosenLayer}
          />
          <button type="submit" className="button button--secondary" disabled={!chosenLayer}>
            Add piece
          </button>
        </form>
      </div>
      <form
        className={ws.actions}
        onSubmit={(event) => {
          event.preventDefault();
          if (!freeRole) return;
          addAndFocus({ label: freeLabel, role: freeRole });
          setFreeLabel('');
        }}
      >
        <TextField label="Label of a new node" value={freeLabel} onChange={setFreeLabel} />
        <SelectField
          label="Its role"
          value={freeRole}
          placeholder="Choose a role"
          options={ROLE_OPTIONS}
          onChange={setFreeRole}
        />
        <button type="submit" className="button button--secondary" disabled={!freeRole}>
          Add node
        </button>
      </form>

      <div id={instructionsId} className={styles.instructions}>
        <strong>Keyboard:</strong> Tab to a node. Arrow keys move it (Shift + arrow: further). Enter
        or Space starts a connector from it; Enter on a second node finishes it; Escape cancels. F2
        edits its label; Delete removes it. <strong>Mouse:</strong> drag a node to move it; click
        one node, then another, to connect them.
      </div>
      <p id={titleId} className={ws.visuallyHidden}>
        {TITLE}: {board.nodes.length} nodes, {board.edges.length} connectors
      </p>
      <div ref={canvasBox} className={styles.canvasBox}>
        {board.nodes.length === 0 && (
          <p className={styles.empty}>
            The board is empty: start from your Step 2e choices, or add a node.
          </p>
        )}
        <BoardCanvas
          board={board}
          title={TITLE}
          titleId={titleId}
          instructionsId={instructionsId}
          connectFrom={connectFrom}
          actions={actions}
        />
      </div>
      <Announcer message={message} />
      <p className={styles.status} aria-hidden="true">
        {connectFrom
          ? `Connecting from ${labelOf(connectFrom)}: choose the node to connect to.`
          : message}
      </p>

      <div className={styles.panels}>
        <section className={styles.panel} aria-label="Selected node">
          <h4 className={ws.subtitle}>Selected node</h4>
          {selectedNode ? (
            <>
              <div ref={labelField}>
                <TextField
                  label={`Label of ${selectedNode.id}`}
                  value={selectedNode.label}
                  onChange={(label) => setBoard((b) => updateNode(b, selectedNode.id, { label }))}
                />
              </div>
              <SelectField
                label={`Role of ${selectedNode.id}`}
                value={selectedNode.role}
                options={ROLE_OPTIONS}
                onChange={(role) =>
                  role && setBoard((b) => updateNode(b, selectedNode.id, { role }))
                }
              />
              <div className={ws.actions}>
                <button
                  type="button"
                  className="button button--sm button--secondary"
                  onClick={() => {
                    setConnectFrom(selectedNode.id);
                    focusNode(selectedNode.id);
                    setMessage(
                      `Connecting from ${selectedNode.label}: choose the node to connect to.`,
                    );
                  }}
                >
                  Connect from this node
                </button>
                <button
                  type="button"
                  className="button button--sm button--secondary"
                  onClick={() => remove(selectedNode.id)}
                >
                  Delete this node
                </button>
              </div>
            </>
          ) : (
            <p className={ws.note}>Tab to a node or click it to label, connect or delete it.</p>
          )}
        </section>

        <section className={styles.panel} aria-label="Connectors">
          <h4 className={ws.subtitle}>Connectors</h4>
          <form
            className={styles.connectForm}
            onSubmit={(event) => {
              event.preventDefault();
              if (!edgeFrom || !edgeTo) return;
              link(edgeFrom, edgeTo, edgeLabel);
              setEdgeLabel('');
            }}
          >
            <SelectField
              label="From"
              value={edgeFrom}
              placeholder="Choose a node"
              options={nodeOptions}
              onChange={setEdgeFrom}
            />
            <SelectField
              label="To"
              value={edgeTo}
              placeholder="Choose a node"
              options={nodeOptions}
              onChange={setEdgeTo}
            />
            <TextField label="Label (optional)" value={edgeLabel} onChange={setEdgeLabel} />
            <button
              type="submit"
              className="button button--secondary"
              disabled={!edgeFrom || !edgeTo}
            >
              Connect
            </button>
          </form>
          {board.edges.length === 0 ? (
            <p className={ws.note}>No connector yet.</p>
          ) : (
            <ul className={styles.edges} aria-label="Connectors on the board">
              {board.edges.map((edge) => (
                <li key={edge.id}>
                  <span>
                    {labelOf(edge.from)} → {labelOf(edge.to)}
                  </span>
                  <TextField
                    label={`Label of the connector from ${labelOf(edge.from)} to ${labelOf(edge.to)}`}
                    hideLabel
                    placeholder="Label"
                    value={edge.label}
                    onChange={(label) => setBoard((b) => updateEdge(b, edge.id, label))}
                  />
                  <button
                    type="button"
                    className="button button--sm button--secondary"
                    aria-label={`Delete the connector from ${labelOf(edge.from)} to ${labelOf(edge.to)}`}
                    onClick={() => {
                      setBoard((b) => removeEdge(b, edge.id));
                      setMessage('Connector deleted.');
                    }}
                  >
                    ✕
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <h4 className={ws.subtitle}>Compared with the reference architecture</h4>
      <ul className={styles.comparison} aria-label="Reference pieces">
        {comparison.pieces.map((piece) => (
          <li key={piece.role} className={piece.present ? ws.plus : ws.minus}>
            <span aria-hidden="true">{piece.present ? '✔ ' : '✘ '}</span>
            <strong>{roleName(piece.role)}</strong>: {piece.present ? 'present' : 'missing'}
            {piece.present && ` as ${piece.yours.join(', ')}`}
            {(piece.differs || !piece.present) && ` — the reference has ${piece.reference}`}
          </li>
        ))}
      </ul>
      <p className={ws.note}>
        Reference connectors you have: {comparison.connections.filter((c) => c.present).length} of{' '}
        {comparison.connections.length}.
        {comparison.connections.some((c) => !c.present) &&
          ` Missing: ${comparison.connections
            .filter((c) => !c.present)
            .map((c) => `${roleName(c.from)} → ${roleName(c.to)}`)
            .join('; ')}.`}
        {comparison.extra.length > 0 && ` Not in the reference: ${comparison.extra.join(', ')}.`}
      </p>

      <div className={clsx(ws.actions, styles.exports)}>
        <button
          type="button"
          className="button button--secondary"
          onClick={() =>
            downloadText('architecture-board.svg', boardToSvg(board, TITLE), 'image/svg+xml')
          }
        >
          Download SVG
        </button>
        <button type="button" className="button button--secondary" onClick={exportPng}>
          Download PNG
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() =>
            downloadText('architecture-board.json', boardToJson(board), 'application/json')
          }
        >
          Download JSON
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={board.nodes.length === 0}
          onClick={() => {
            replaceBoard('Clear the board', { nodes: [], edges: [] });
            setMessage('The board is cleared.');
          }}
        >
          Clear the board
        </button>
        {undo && (
          <button
            type="button"
            className="button button--link"
            onClick={() => {
              update((w) => ({ ...w, board: undo.board }));
              setUndo(null);
              setMessage(`Undone: ${undo.what.toLowerCase()}.`);
            }}
          >
            Undo “{undo.what}”
          </button>
        )}
      </div>
    </WorksheetCard>
  );
}
