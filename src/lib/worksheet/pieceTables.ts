/**
 * The tables Step 2e and Step 3 show about the pieces, their trade-offs and their costs, worked
 * out from the data (`pieces.ts`, `prices.ts`, `cost.ts`) so the pages never copy it by hand.
 */
import { estimateMonthlyCost, totalMonthlyCost, type CostEstimate } from './cost';
import { ATTRIBUTE_NAMES, LAYER_IDS, type AttributeId, type LayerId } from './model';
import {
  ALTERNATIVES,
  LAYERS,
  pieceById,
  piecesOf,
  REFERENCE_CHOICES,
  type Alternative,
  type AlternativeGroupId,
  type Effect,
  type Layer,
  type Piece,
} from './pieces';
import { PRICE_SOURCES, PRICES, type PriceId, type SourceId } from './prices';

/** The name of the column of a piece's `operations`. */
export const OPERATIONS_NAME = 'Running it';

export const requirePiece = (id: string): Piece => {
  const found = pieceById(id);
  if (!found) throw new Error(`No piece "${id}" in pieces.ts`);
  return found;
};

export const requireLayer = (id: LayerId): Layer => {
  const found = LAYERS.find((layer) => layer.id === id);
  if (!found) throw new Error(`No layer "${id}" in pieces.ts`);
  return found;
};

/** The attributes at least one piece of the layer has an effect on, in the attributes' order. */
export function layerAttributes(layer: LayerId): AttributeId[] {
  const pieces = piecesOf(layer);
  return (Object.keys(ATTRIBUTE_NAMES) as AttributeId[]).filter((attribute) =>
    pieces.some((p) => p.effects[attribute]),
  );
}

export type Tradeoff = { effect: Effect; about: string; text: string };

/** A piece's effects, then what running it asks: each with the name of what it is about. */
export function tradeoffs(piece: Piece): Tradeoff[] {
  const effects = (Object.keys(ATTRIBUTE_NAMES) as AttributeId[]).flatMap((attribute) => {
    const effect = piece.effects[attribute];
    return effect
      ? [{ effect: effect[0], about: ATTRIBUTE_NAMES[attribute], text: effect[1] }]
      : [];
  });
  const [effect, text] = piece.operations;
  return [...effects, { effect, about: OPERATIONS_NAME, text }];
}

/** What choosing the pieces gives up: every trade-off that is not a plain plus, once each. */
export function givesUp(pieces: readonly Piece[]): Tradeoff[] {
  const seen = new Set<string>();
  return pieces
    .flatMap(tradeoffs)
    .filter((t) => t.effect < 1)
    .filter((t) => {
      const key = `${t.about}: ${t.text}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

export type PricedPiece = { piece: Piece; estimate: CostEstimate };

export type AlternativeRow = {
  alternative: Alternative;
  pieces: PricedPiece[];
  /** The workshop's own choice (every piece of it is Step 3's reference). */
  proposed: boolean;
  givesUp: Tradeoff[];
};

const isReference = (piece: Piece) => REFERENCE_CHOICES[piece.layer] === piece.id;

const priced = (piece: Piece): PricedPiece => ({ piece, estimate: estimateMonthlyCost(piece.id) });

/** Step 3's alternatives of one group, each with its pieces' costs and what it gives up. */
export function alternativeRows(group: AlternativeGroupId): AlternativeRow[] {
  return ALTERNATIVES[group].map((alternative) => {
    const pieces = alternative.pieceIds.map(requirePiece);
    return {
      alternative,
      pieces: pieces.map(priced),
      proposed: pieces.every(isReference),
      givesUp: givesUp(pieces),
    };
  });
}

/** The workshop's choice for every layer, with its cost. */
export function referenceRows(): (PricedPiece & { layer: Layer })[] {
  return LAYER_IDS.map((layer) => ({
    layer: requireLayer(layer),
    ...priced(requirePiece(REFERENCE_CHOICES[layer])),
  }));
}

/** The monthly cost of the workshop's choices, all layers together. */
export const referenceTotal = (): number => totalMonthlyCost(Object.values(REFERENCE_CHOICES)).usd;

/** The share (0 to 1) of the reference architecture's monthly cost one of its pieces makes. */
export function referenceShare(pieceId: string): number {
  const estimate = estimateMonthlyCost(pieceId);
  return estimate.kind === 'priced' ? estimate.usd / referenceTotal() : 0;
}

/** Every piece Step 3 prices: its choices and the alternatives it compares them with. */
export function step3PieceIds(): string[] {
  const ids = [
    ...Object.values(REFERENCE_CHOICES),
    ...Object.values(ALTERNATIVES).flatMap((group) => group.flatMap((a) => a.pieceIds)),
  ];
  return [...new Set(ids)];
}

/** The unit prices the pieces' estimates use, in the price table's order. */
export function pricesUsedBy(pieceIds: readonly string[]): PriceId[] {
  const used = new Set<PriceId>();
  for (const id of pieceIds) {
    const estimate = estimateMonthlyCost(id);
    if (estimate.kind === 'priced') for (const line of estimate.lines) used.add(line.priceId);
  }
  return (Object.keys(PRICES) as PriceId[]).filter((id) => used.has(id));
}

/** The pricing pages the prices come from, once each, in the sources' order. */
export function sourcesOf(priceIds: readonly PriceId[]): SourceId[] {
  const used = new Set(priceIds.map((id) => PRICES[id].source));
  return (Object.keys(PRICE_SOURCES) as SourceId[]).filter((id) => used.has(id));
}

/** "$0.015 per shard-hour", "$0.20 per broker-hour": cents always shown, every digit kept. */
export function unitPriceText(id: PriceId): string {
  const { usd, per } = PRICES[id];
  const amount = usd.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 10,
  });
  return `$${amount} per ${per}`;
}

/** Dollars and cents: "$0.48". */
export const usdCents = (usd: number): string =>
  usd.toLocaleString('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });

/** A share as a rounded percentage: 0.651 → "65 %". */
export const percent = (share: number): string => `${Math.round(share * 100)} %`;
