/**
 * The whole worksheet as a Markdown architecture decision record: context (functionalities,
 * drivers, scenarios, requirements, environment), the decision (pieces, reasons, cost) and the
 * diagram. Empty parts say so instead of disappearing, so a half-filled record still reads.
 */
import { compareWithReference, roleName } from './board';
import { boardToJson, boardToMermaid } from './boardExport';
import { aboutUsd, estimateMonthlyCost, totalMonthlyCost, WORKLOAD } from './cost';
import { driverVerdict, VERDICT_NAMES } from './drivers';
import { adviceFor, answerLabel, QUESTIONS, type QuestionId } from './environment';
import {
  attributeName,
  LAYER_IDS,
  PRIORITIES,
  PRIORITY_NAMES,
  SCENARIO_PART_NAMES,
  SCENARIO_PARTS,
  WORKSHEET_VERSION,
  type Worksheet,
} from './model';
import { layerName, pieceById } from './pieces';
import { PRICE_REGION, PRICES_AS_OF } from './prices';
import { describeSource, type Measurements } from './measurements';
import { checkRequirement, describeCheck } from './requirements';

const NOTHING = '_Nothing recorded yet._';

/** Table cells: one line, pipes escaped. */
const cell = (value: string) =>
  value
    .replace(/\r?\n+/g, ' ')
    .replace(/\|/g, '\\|')
    .trim() || '—';

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

function functionalities(ws: Worksheet): string {
  if (ws.functionalities.length === 0) return NOTHING;
  const order = [...PRIORITIES, null];
  const sorted = [...ws.functionalities].sort(
    (a, b) => order.indexOf(a.priority) - order.indexOf(b.priority),
  );
  const rows = sorted.map((f) => [
    f.id,
    f.text,
    f.actor,
    f.priority ? PRIORITY_NAMES[f.priority] : 'Not decided',
  ]);
  return table(['ID', 'Functionality', 'Actor', 'Priority'], rows);
}

function drivers(ws: Worksheet): string {
  if (ws.drivers.length === 0) return NOTHING;
  return ws.drivers
    .map((d, index) => {
      const rated =
        d.importance && d.difficulty
          ? `business importance ${d.importance}, technical difficulty ${d.difficulty}`
          : 'not rated';
      return `${index + 1}. **${d.name}** — ${rated}: ${VERDICT_NAMES[driverVerdict(d)].toLowerCase()}`;
    })
    .join('\n');
}

function scenarios(ws: Worksheet): string {
  if (ws.scenarios.length === 0) return NOTHING;
  return ws.scenarios
    .map((s) =>
      [
        `#### ${s.id}: ${attributeName(ws, s.attribute) || 'No attribute'}`,
        '',
        table(
          ['Part', 'Value'],
          SCENARIO_PARTS.map((part) => [SCENARIO_PART_NAMES[part].name, s[part]]),
        ),
      ].join('\n'),
    )
    .join('\n\n');
}

function requirements(ws: Worksheet, measurements: Measurements | undefined): string {
  if (ws.requirements.length === 0) return NOTHING;
  const rows = ws.requirements.map((r) => {
    const result = checkRequirement(r.check, measurements);
    const measured =
      result.status === 'not-measured'
        ? 'Not measured by the labs'
        : result.status === 'no-run'
          ? 'No run yet'
          : `${result.measured.toLocaleString('en-US')} ${result.metric.unit} (${describeSource(result.source)}): ${result.status === 'met' ? 'met' : 'not met'}`;
    return [
      r.id,
      attributeName(ws, r.attribute),
      r.text,
      r.verifiedBy,
      r.check ? describeCheck(r.check) : '—',
      measured,
    ];
  });
  const source =
    measurements && Object.keys(measurements).length > 0
      ? 'Measured values come from your own lab runs: each from the latest run that measured it.'
      : 'No lab run yet: measured values appear after you run the labs.';
  return `${table(['ID', 'Attribute', 'Requirement', 'Verified by', 'Target', 'Measured'], rows)}\n\n${source}`;
}

function environment(ws: Worksheet): string {
  const env = ws.environment;
  const lines: string[] = [];
  for (const key of Object.keys(QUESTIONS) as QuestionId[]) {
    const value = env[key];
    const answer = Array.isArray(value)
      ? value.map((skill) => answerLabel(key, skill)).join(', ')
      : value
        ? answerLabel(key, value)
        : '';
    lines.push(`- ${QUESTIONS[key].label} ${answer || '_Not answered._'}`);
  }
  const advice = adviceFor(env);
  if (advice.length > 0) {
    lines.push('', 'What follows from these answers:', '', ...advice.map((a) => `- ${a.text}`));
  }
  return lines.join('\n');
}

function decision(ws: Worksheet): string {
  const chosen = LAYER_IDS.flatMap((layer) => {
    const choice = ws.choices[layer];
    return choice ? [{ layer, choice }] : [];
  });
  if (chosen.length === 0) return NOTHING;
  const rows = chosen.map(({ layer, choice }) => {
    const estimate = estimateMonthlyCost(choice.optionId);
    return [
      layerName(layer),
      pieceById(choice.optionId)?.name ?? choice.optionId,
      choice.reason,
      estimate.kind === 'priced' ? aboutUsd(estimate.usd) : 'not priced',
    ];
  });
  const total = totalMonthlyCost(chosen.map(({ choice }) => choice.optionId));
  const missing = LAYER_IDS.filter((layer) => !ws.choices[layer]).map(layerName);
  const unpriced =
    total.unpriced.length > 0
      ? `, plus ${total.unpriced.length} piece(s) on the company’s own servers, not priced`
      : '';
  const parts = [
    table(['Layer', 'Chosen piece', 'Why', 'Approx. per month'], rows),
    '',
    `**Approximate total: ${aboutUsd(total.usd)} a month**${unpriced}.`,
  ];
  if (missing.length > 0) parts.push('', `No piece chosen yet for: ${missing.join(', ')}.`);
  parts.push(
    '',
    `Costs are approximate AWS list prices for ${PRICE_REGION} as of ${PRICES_AS_OF}, for ${WORKLOAD.eventsPerSecond.toLocaleString('en-US')} events/s (peaks of ${WORKLOAD.peakEventsPerSecond.toLocaleString('en-US')}), ${WORKLOAD.eventBytes} bytes each, a ${WORKLOAD.hoursPerMonth}-hour month; before taxes, data transfer and discounts.`,
  );
  return parts.join('\n');
}

function diagram(ws: Worksheet): string {
  if (ws.board.nodes.length === 0) return NOTHING;
  const comparison = compareWithReference(ws.board);
  const pieces = comparison.pieces.map((p) => {
    if (!p.present) return `- Missing: ${roleName(p.role)} (the reference has ${p.reference})`;
    const yours = p.yours.map((label) => `“${label}”`).join(', ');
    return `- Present: ${roleName(p.role)}, as ${yours}${p.differs ? ` (the reference has ${p.reference})` : ''}`;
  });
  const missingConnections = comparison.connections
    .filter((c) => !c.present)
    .map((c) => `${roleName(c.from)} → ${roleName(c.to)}`);
  return [
    '```mermaid',
    boardToMermaid(ws.board),
    '```',
    '',
    'Compared with the workshop’s reference architecture (Step 3):',
    '',
    ...pieces,
    ...(comparison.extra.length > 0
      ? [`- Not in the reference: ${comparison.extra.map((label) => `“${label}”`).join(', ')}`]
      : []),
    `- Reference connections missing: ${missingConnections.join(', ') || 'none'}`,
    '',
    'The board as JSON (nodes with positions, connectors), to redraw it:',
    '',
    '```json',
    boardToJson(ws.board),
    '```',
  ].join('\n');
}

export function toDecisionRecord(
  ws: Worksheet,
  options: { now?: Date; measurements?: Measurements } = {},
): string {
  const date = (options.now ?? new Date()).toISOString().slice(0, 10);
  const useCase = ws.useCase.trim();
  return [
    '# Architecture decision record: the event-monitoring platform',
    '',
    `- Date: ${date}`,
    '- Status: proposed',
    `- Written with the worksheet of the Big Data on AWS workshop (EMR and Spark), version ${WORKSHEET_VERSION}`,
    '',
    '## Context',
    '',
    'A company runs event-monitoring devices — gas-leak sensors, vehicles, position tags of employees and assets, activity confirmations. Events are classified in real time and in batch, stored together and shown in a web view.',
    '',
    '### Functionalities (Step 2a)',
    '',
    functionalities(ws),
    ...(useCase ? ['', '**Use case**', '', useCase] : []),
    '',
    '### Architectural drivers, ranked (Step 2b)',
    '',
    drivers(ws),
    '',
    '### Quality-attribute scenarios (Step 2b)',
    '',
    scenarios(ws),
    '',
    '### Non-functional requirements (Step 2c)',
    '',
    requirements(ws, options.measurements),
    '',
    '### Enterprise environment (Step 2d)',
    '',
    environment(ws),
    '',
    '## Decision: the pieces (Step 2e)',
    '',
    decision(ws),
    '',
    '## Architecture diagram (Step 3)',
    '',
    diagram(ws),
    '',
  ].join('\n');
}
