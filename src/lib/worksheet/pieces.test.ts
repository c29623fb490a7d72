import { describe, expect, it } from 'vitest';

import { weightedDrivers } from './drivers';
import { adviceFor } from './environment';
import { emptyEnvironment, LAYER_IDS, type Driver, type Environment } from './model';
import { assessPiece, bestFits, pieceById, PIECES, piecesOf, REFERENCE_CHOICES } from './pieces';

const piece = (id: string) => {
  const found = pieceById(id);
  if (!found) throw new Error(`no piece ${id}`);
  return found;
};
const env = (answers: Partial<Environment>) => adviceFor({ ...emptyEnvironment(), ...answers });
/** Step 2b's ratings: latency, reliability and availability are the drivers. */
const PAGE_RATINGS: Driver[] = [
  { id: 'latency', name: 'Latency', importance: 'high', difficulty: 'high' },
  { id: 'reliability', name: 'Reliability', importance: 'high', difficulty: 'high' },
  { id: 'availability', name: 'Availability', importance: 'high', difficulty: 'medium' },
  { id: 'interoperability', name: 'Interoperability', importance: 'medium', difficulty: 'medium' },
];
const rankedLatencyFirst = weightedDrivers(PAGE_RATINGS);

describe('the catalogue', () => {
  it('offers several real pieces for every layer, with unique ids', () => {
    for (const layer of LAYER_IDS) expect(piecesOf(layer).length).toBeGreaterThanOrEqual(4);
    expect(new Set(PIECES.map((p) => p.id)).size).toBe(PIECES.length);
  });

  it('contains the workshop’s reference choice for every layer', () => {
    for (const layer of LAYER_IDS) expect(piece(REFERENCE_CHOICES[layer]).layer).toBe(layer);
  });

  it('has a portable piece in every layer, so an on-premise company can fill each one', () => {
    for (const layer of LAYER_IDS) {
      expect(piecesOf(layer).some((p) => p.tags.includes('portable'))).toBe(true);
    }
  });
});

describe('assessPiece', () => {
  it('weighs the learner’s drivers by rank and says why', () => {
    const flink = assessPiece(piece('flink'), rankedLatencyFirst, []);
    // Latency ✔ (×4) and reliability ✔ (×3): the page's first two drivers.
    expect(flink.score).toBe(7);
    expect(flink.reasons.map((r) => r.tone)).toEqual(['plus', 'plus']);
    expect(flink.reasons[0]?.text).toBe(
      'Latency (your #1 driver): milliseconds, an event at a time',
    );
  });

  it('lets the ranking change the best fit', () => {
    const realtime = piecesOf('realtime');
    const latencyFirst = realtime.map((p) => assessPiece(p, rankedLatencyFirst, []));
    expect(bestFits(latencyFirst)).toEqual(['flink']);
    const costFirst = weightedDrivers([
      { id: 'cost', name: 'Cost', importance: 'high', difficulty: 'high' },
    ]);
    expect(bestFits(realtime.map((p) => assessPiece(p, costFirst, [])))).toEqual(['lambda']);
  });

  it('rules AWS services out when no public cloud is allowed', () => {
    const onPremise = env({ hosting: 'on-premise' });
    expect(assessPiece(piece('kinesis-provisioned'), [], onPremise)).toMatchObject({
      excluded: true,
    });
    const kafka = assessPiece(piece('kafka-self-managed'), [], onPremise);
    expect(kafka).toMatchObject({ excluded: false, score: 2 });
    const ingestion = piecesOf('ingestion').map((p) => assessPiece(p, [], onPremise));
    expect(bestFits(ingestion)).toEqual(['kafka-self-managed']);
  });

  it('adds the environment’s advice for and against', () => {
    const pilotNoKafka = env({ skills: ['python-sql'], timeline: 'pilot-3-months' });
    // Nobody knows Kafka (−2); self-managed brokers in a pilot (−2).
    expect(assessPiece(piece('msk'), [], pilotNoKafka).score).toBe(-4);
    // Spark skills (+2); managed for a pilot (+2).
    expect(assessPiece(piece('spark-streaming-emr-serverless'), [], pilotNoKafka).score).toBe(4);
  });

  it('marks a piece that needs another layer’s piece', () => {
    const dashboards = piece('opensearch-dashboards');
    expect(assessPiece(dashboards, [], []).reasons).toEqual([
      { tone: 'minus', text: 'Fits only if OpenSearch is the store.' },
    ]);
    const withStore = assessPiece(dashboards, [], [], { storage: { optionId: 'opensearch' } });
    expect(withStore.reasons).toEqual([]);
  });

  it('names no best fit when nothing weighs', () => {
    expect(bestFits(piecesOf('batch').map((p) => assessPiece(p, [], [])))).toEqual([]);
  });
});
