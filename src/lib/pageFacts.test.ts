import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import CostFigure, { ReferenceShare, WorkloadSummary } from '../components/CostFigure';
import PieceAlternativesTable from '../components/PieceAlternativesTable';
import PieceOptionsTable from '../components/PieceOptionsTable';
import ReferenceCostTable from '../components/ReferenceCostTable';
import StoreLayout from '../components/StoreLayout';
import UnitPriceTable from '../components/UnitPriceTable';
import WorkshopCluster, {
  WorkshopClusterCost,
  WorkshopClusterIdle,
} from '../components/WorkshopCluster';
import { hourlyCost, IDLE_TIMEOUT_S, INSTANCE_COUNT, INSTANCE_TYPE } from './aws/cluster';
import { partitionColumns, storeLayout } from './labs/storeLayout';
import { aboutUsd, estimateMonthlyCost, WORKLOAD } from './worksheet/cost';
import { ATTRIBUTE_NAMES } from './worksheet/model';
import {
  alternativeRows,
  layerAttributes,
  pricesUsedBy,
  referenceRows,
  referenceTotal,
  step3PieceIds,
  unitPriceText,
  usdCents,
} from './worksheet/pieceTables';
import {
  ALTERNATIVES,
  LAYERS,
  piecesOf,
  REFERENCE_CHOICES,
  type AlternativeGroupId,
} from './worksheet/pieces';
import {
  PRICE_REGION,
  PRICE_SOURCES,
  PRICES,
  PRICES_AS_OF,
  type PriceId,
} from './worksheet/prices';

/**
 * Step 2e's and Step 3's tables and figures are rendered from the code (DESIGN.md §4): these
 * tests render them as the build does and fail when one loses a row the data has, and when a
 * page brings back a hand-copied figure or a claim the code does not make.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

const html = <P extends object>(component: FunctionComponent<P>, props = {} as P) =>
  renderToStaticMarkup(createElement(component, props));

/** Text as React writes it into HTML. */
const escaped = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');

const bodyRows = (markup: string) =>
  (/<tbody>([\s\S]*?)<\/tbody>/.exec(markup)?.[1] ?? '').match(/<tr>/g)?.length ?? 0;

const priced = (id: string) => {
  const estimate = estimateMonthlyCost(id);
  if (estimate.kind !== 'priced') throw new Error(`${id} is not priced`);
  return estimate;
};

describe('Step 2e: the options of every layer', () => {
  for (const layer of LAYERS) {
    it(`renders every ${layer.id} piece of pieces.ts with all its trade-offs`, () => {
      const markup = html(PieceOptionsTable, { layer: layer.id });
      const pieces = piecesOf(layer.id);
      expect(bodyRows(markup)).toBe(pieces.length);
      expect(markup).toContain(
        `${escaped(layer.name)}: the options and their trade-offs</caption>`,
      );
      expect(markup).toContain(`<p>${escaped(layer.job)}</p>`);
      for (const attribute of layerAttributes(layer.id)) {
        expect(markup).toContain(`<th scope="col">${ATTRIBUTE_NAMES[attribute]}</th>`);
      }
      for (const piece of pieces) {
        expect(markup).toContain(`<th scope="row">${escaped(piece.name)}</th>`);
        expect(markup).toContain(escaped(piece.summary));
        expect(markup).toContain(escaped(piece.operations[1]));
        for (const [, text] of Object.values(piece.effects))
          expect(markup).toContain(escaped(text));
      }
    });
  }

  it('is on the page: one table under each layer’s heading, in the layers’ order', () => {
    const page = read('docs/step-2-process/e-lego-pieces.mdx');
    const expected = LAYERS.map((l) => `## ${l.name}\n\n<PieceOptionsTable layer="${l.id}" />`);
    let from = 0;
    for (const block of expected) {
      const at = page.indexOf(block, from);
      expect(at, block).toBeGreaterThanOrEqual(from);
      from = at + block.length;
    }
  });
});

describe('Step 3: alternatives, unit prices and the cost of the proposal', () => {
  const groups = Object.keys(ALTERNATIVES) as AlternativeGroupId[];

  for (const group of groups) {
    it(`renders every ${group} alternative with its pieces’ costs`, () => {
      const markup = html(PieceAlternativesTable, { group });
      const rows = alternativeRows(group);
      expect(bodyRows(markup)).toBe(ALTERNATIVES[group].length);
      for (const row of rows) {
        expect(markup).toContain(escaped(row.alternative.name));
        for (const { piece, estimate } of row.pieces) {
          expect(markup).toContain(escaped(piece.summary));
          if (estimate.kind === 'priced') {
            expect(markup).toContain(`<strong>${escaped(aboutUsd(estimate.usd))}</strong>`);
            expect(markup).toContain(escaped(estimate.sizing));
          }
        }
        for (const t of row.givesUp) expect(markup).toContain(escaped(`${t.about}: ${t.text}`));
      }
      expect(markup.match(/>proposed</g)?.length).toBe(rows.filter((r) => r.proposed).length);
    });
  }

  it('marks the workshop’s choices as proposed, and the page shows every group', () => {
    expect(alternativeRows('ingestion').find((r) => r.proposed)?.alternative.pieceIds).toEqual([
      REFERENCE_CHOICES.ingestion,
    ]);
    expect(alternativeRows('processing').find((r) => r.proposed)?.alternative.pieceIds).toEqual([
      REFERENCE_CHOICES.realtime,
      REFERENCE_CHOICES.batch,
    ]);
    const page = read('docs/step-3-architecture.mdx');
    for (const group of groups)
      expect(page).toContain(`<PieceAlternativesTable group="${group}" />`);
  });

  it('lists every unit price the page’s estimates use, dated, with its source', () => {
    const ids = pricesUsedBy(step3PieceIds());
    const markup = html(UnitPriceTable, { pieceIds: step3PieceIds() });
    expect(bodyRows(markup)).toBe(ids.length);
    expect(markup).toContain(escaped(`${PRICE_REGION}, on-demand, as of ${PRICES_AS_OF}`));
    for (const id of ids) {
      expect(markup).toContain(escaped(PRICES[id].item));
      expect(markup).toContain(escaped(unitPriceText(id)));
      expect(markup).toContain(PRICE_SOURCES[PRICES[id].source].url);
    }
    // Every line of every estimate on the page has its price in the table.
    for (const id of step3PieceIds()) {
      for (const line of priced(id).lines) expect(ids).toContain(line.priceId);
    }
  });

  it('lists the whole price table when no piece is named', () => {
    const markup = html(UnitPriceTable);
    const ids = Object.keys(PRICES) as PriceId[];
    expect(bodyRows(markup)).toBe(ids.length);
    for (const id of ids) expect(markup).toContain(escaped(unitPriceText(id)));
  });

  it('prices the proposal layer by layer, with its total', () => {
    const markup = html(ReferenceCostTable);
    expect(bodyRows(markup)).toBe(LAYERS.length);
    for (const { piece } of referenceRows()) {
      const estimate = priced(piece.id);
      expect(markup).toContain(escaped(piece.name));
      expect(markup).toContain(escaped(estimate.sizing));
      expect(markup).toContain(escaped(aboutUsd(estimate.usd)));
    }
    expect(markup).toContain(`<tfoot>`);
    expect(markup).toContain(escaped(aboutUsd(referenceTotal())));
  });

  it('states running-text figures from the code', () => {
    expect(html(CostFigure, { piece: 'dynamodb-current-state' })).toBe(
      escaped(aboutUsd(priced('dynamodb-current-state').usd)),
    );
    const share = priced(REFERENCE_CHOICES.realtime).usd / referenceTotal();
    expect(html(ReferenceShare, { piece: REFERENCE_CHOICES.realtime })).toBe(
      `${Math.round(share * 100)} %`,
    );
    const workload = html(WorkloadSummary);
    for (const n of [
      WORKLOAD.eventsPerSecond,
      WORKLOAD.peakEventsPerSecond,
      WORKLOAD.hoursPerMonth,
    ]) {
      expect(workload).toContain(n.toLocaleString('en-US'));
    }
  });

  it('describes the cluster a lab page launches, from cluster.ts', () => {
    expect(html(WorkshopCluster)).toContain(`${INSTANCE_COUNT} × ${INSTANCE_TYPE}`);
    expect(html(WorkshopClusterCost)).toBe(usdCents(hourlyCost()));
    expect(html(WorkshopClusterCost, { hours: 2 })).toBe(usdCents(2 * hourlyCost()));
    expect(html(WorkshopClusterIdle)).toBe(`${IDLE_TIMEOUT_S / 60} minutes`);
  });

  it('shows the store’s layout as store.py writes it, partitions as schema.py names them', () => {
    const layout = storeLayout(read('labs/workshop/store.py'));
    const markup = html(StoreLayout);
    expect(markup).toContain(escaped(layout.events));
    expect(markup).toContain(escaped(layout.quarantine));
    const schema = read('labs/workshop/schema.py');
    const block = /STORE_PARTITIONS = \(([\s\S]*?)\n\)/.exec(schema)?.[1] ?? '';
    const partitions = [...block.matchAll(/StructField\("(\w+)"/g)].map((m) => m[1]);
    expect(partitions.length).toBeGreaterThan(0);
    expect(partitionColumns(layout.events)).toEqual(partitions);
    expect(partitionColumns(layout.quarantine)).toEqual(partitions.slice(0, -1));
  });
});

describe('Step 2e and Step 3 render their figures from the code', () => {
  const docs = join(root, 'docs');
  const pages = (readdirSync(docs, { recursive: true }) as string[])
    .filter((path) => path.endsWith('.mdx') || path.endsWith('.md'))
    .map((path) => ({ path: `docs/${path}`, text: read(`docs/${path}`).replace(/\s+/g, ' ') }));

  it('finds pages to read', () => expect(pages.length).toBeGreaterThan(10));

  it('types no price, cost or price date by hand on Step 2e and Step 3', () => {
    for (const path of ['docs/step-2-process/e-lego-pieces.mdx', 'docs/step-3-architecture.mdx']) {
      const prose = read(path)
        .replace(/^---[\s\S]*?\n---\n/, '')
        .replace(/```[\s\S]*?```/g, '')
        .replace(/^import .*$/gm, '');
      expect(prose.match(/(US)?\$ ?\d[\d,.]*/g) ?? [], path).toEqual([]);
      expect(prose.match(/\b20\d\d-\d\d-\d\d\b/g) ?? [], path).toEqual([]);
      expect(prose.match(/\d+ × m5\.\w+/g) ?? [], path).toEqual([]);
    }
  });
});
