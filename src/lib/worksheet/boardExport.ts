/**
 * The board as files: a Mermaid flowchart (for the decision record), a standalone SVG (fixed
 * light colours, so it reads anywhere) and JSON.
 */
import {
  BOARD_HEIGHT,
  BOARD_WIDTH,
  edgeEnds,
  NODE_HEIGHT,
  NODE_WIDTH,
  roleCaption,
  roleName,
  wrapLabel,
} from './board';
import type { Board } from './model';

export const BOARD_FORMAT = 'emr-spark-workshop/architecture-board';

/** Mermaid labels sit in double quotes: quotes and line breaks must not end them early. */
const mermaidText = (text: string) =>
  text
    .replace(/"/g, '#quot;')
    .replace(/[\r\n]+/g, ' ')
    .trim();

/** The board as a Mermaid flowchart, in the order the nodes and connectors were made. */
export function boardToMermaid(board: Board): string {
  const lines = ['flowchart LR'];
  for (const node of board.nodes) {
    const shape = ['storage', 'raw-landing', 'quarantine'].includes(node.role)
      ? [`[("`, `")]`]
      : [`["`, `"]`];
    lines.push(`  ${node.id}${shape[0]}${mermaidText(node.label)}${shape[1]}`);
  }
  for (const edge of board.edges) {
    const label = mermaidText(edge.label);
    lines.push(`  ${edge.from} -->${label ? `|"${label}"|` : ''} ${edge.to}`);
  }
  return lines.join('\n');
}

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The board as a standalone SVG document, drawn like the page draws it. */
export function boardToSvg(board: Board, title = 'Architecture'): string {
  const byId = new Map(board.nodes.map((node) => [node.id, node]));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${BOARD_WIDTH}" height="${BOARD_HEIGHT}" viewBox="0 0 ${BOARD_WIDTH} ${BOARD_HEIGHT}" role="img" aria-label="${xml(title)}">`,
    `<title>${xml(title)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#444950"/></marker></defs>',
    `<rect width="${BOARD_WIDTH}" height="${BOARD_HEIGHT}" fill="#ffffff"/>`,
    '<g font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="13">',
  ];
  for (const edge of board.edges) {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (!from || !to) continue;
    const { x1, y1, x2, y2 } = edgeEnds(from, to);
    parts.push(
      `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#444950" stroke-width="1.5" marker-end="url(#arrow)"/>`,
    );
    if (edge.label) {
      const mx = (x1 + x2) / 2;
      const my = (y1 + y2) / 2;
      const width = Math.min(edge.label.length, 28) * 7 + 8;
      parts.push(
        `<rect x="${mx - width / 2}" y="${my - 10}" width="${width}" height="18" fill="#ffffff"/>`,
        `<text x="${mx}" y="${my + 4}" text-anchor="middle" fill="#1c1e21" font-size="12">${xml(edge.label.slice(0, 28))}</text>`,
      );
    }
  }
  for (const node of board.nodes) {
    const lines = wrapLabel(node.label);
    const top = node.y + NODE_HEIGHT / 2 + 13 - (lines.length - 1) * 8;
    const centre = node.x + NODE_WIDTH / 2;
    parts.push(
      `<g><title>${xml(`${node.label} (${roleName(node.role)})`)}</title>`,
      `<rect x="${node.x}" y="${node.y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="8" fill="#f5f6f7" stroke="#1f6f8b" stroke-width="1.5"/>`,
      `<text x="${node.x + 7}" y="${node.y + 14}" fill="#444950" font-size="10.5">${xml(roleCaption(node.role).toUpperCase())}</text>`,
      `<text text-anchor="middle" fill="#1c1e21" font-size="14" font-weight="600">${lines
        .map((line, i) => `<tspan x="${centre}" y="${top + i * 17}">${xml(line)}</tspan>`)
        .join('')}</text></g>`,
    );
  }
  parts.push('</g></svg>');
  return parts.join('\n');
}

/** The board alone as JSON, for another tool or a later import. */
export function boardToJson(board: Board): string {
  return JSON.stringify({ format: BOARD_FORMAT, version: 1, board }, null, 2);
}
