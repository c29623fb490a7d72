import { describe, expect, it } from 'vitest';

import {
  aboutUsd,
  approxUsd,
  COST_MODELS,
  estimateMonthlyCost,
  totalMonthlyCost,
  volumes,
  WORKLOAD,
  type CostEstimate,
} from './cost';
import { PIECES, REFERENCE_CHOICES } from './pieces';
import { PRICES, PRICES_AS_OF } from './prices';

const usd = (estimate: CostEstimate) => (estimate.kind === 'priced' ? estimate.usd : Number.NaN);
const cost = (id: string) => usd(estimateMonthlyCost(id));

describe('the stated workload', () => {
  it('is Step 2c’s load: 2.6 billion events and about 26 GB of raw JSON a day, 3 shards', () => {
    const v = volumes(WORKLOAD);
    expect(v.eventsPerMonth).toBe(2_628_000_000);
    expect(v.rawGBPerDay).toBeCloseTo(25.92, 2);
    expect(v.daysPerMonth).toBeCloseTo(30.42, 2);
    expect(v.shardsForPeak).toBe(3);
  });

  it('is dated', () => {
    expect(PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('estimateMonthlyCost', () => {
  it('adds up each line as quantity × unit price', () => {
    const estimate = estimateMonthlyCost('kinesis-provisioned');
    expect(estimate.kind).toBe('priced');
    if (estimate.kind !== 'priced') return;
    expect(estimate.lines.map((line) => [line.quantity, line.unitPrice])).toEqual([
      [3 * 730, 0.015],
      [2628, 0.014],
    ]);
    expect(estimate.usd).toBeCloseTo(3 * 730 * 0.015 + 2628 * 0.014, 6);
  });

  it('follows the workload: twice the events, twice the per-record charge', () => {
    const double = { ...WORKLOAD, eventsPerSecond: 2000 };
    const once = estimateMonthlyCost('kinesis-on-demand');
    const twice = estimateMonthlyCost('kinesis-on-demand', double);
    if (once.kind !== 'priced' || twice.kind !== 'priced') throw new Error('not priced');
    expect(twice.lines[1]?.usd).toBeCloseTo(2 * (once.lines[1]?.usd ?? 0), 6);
    expect(twice.lines[0]?.usd).toBe(once.lines[0]?.usd);
  });

  it('uses the price table it is given', () => {
    const cheaper = { ...PRICES, glueDpuHour: { ...PRICES.glueDpuHour, usd: 0.22 } };
    expect(usd(estimateMonthlyCost('glue-streaming', WORKLOAD, cheaper))).toBeCloseTo(
      cost('glue-streaming') / 2,
      6,
    );
  });

  it('does not price pieces on the company’s own servers, or unknown ones', () => {
    expect(estimateMonthlyCost('kafka-self-managed')).toMatchObject({ kind: 'not-priced' });
    expect(estimateMonthlyCost('no-such-piece')).toMatchObject({ kind: 'not-priced' });
  });

  it('has a cost model for every piece, and a piece for every cost model', () => {
    expect(Object.keys(COST_MODELS).sort()).toEqual(PIECES.map((p) => p.id).sort());
  });
});

// Step 3's cost section quotes these figures; the worksheet must not contradict the page.
describe('agreement with Step 3', () => {
  it.each([
    ['kinesis-provisioned', 65, 75],
    ['kinesis-on-demand', 250, 350],
    ['msk', 450, 550],
    ['msk-serverless', 650, 700],
    ['iot-core', 2800, 3300],
    ['spark-streaming-emr', 520, 580],
    ['spark-streaming-emr-serverless', 520, 580],
    ['glue-streaming', 620, 680],
    ['spark-batch-emr', 35, 45],
    ['spark-batch-emr-serverless', 40, 50],
    ['glue-batch', 60, 70],
    ['s3-parquet', 100, 200],
    ['dynamodb-all-events', 1600, 3000],
    ['rds-postgresql', 200, 500],
  ])('%s costs between $%d and $%d a month', (id, low, high) => {
    expect(cost(id)).toBeGreaterThanOrEqual(low);
    expect(cost(id)).toBeLessThanOrEqual(high);
  });

  it('DynamoDB writes alone for every event are about $1,600', () => {
    const estimate = estimateMonthlyCost('dynamodb-all-events');
    if (estimate.kind !== 'priced') throw new Error('not priced');
    expect(approxUsd(estimate.lines[0]?.usd ?? 0)).toBe('$1,600');
  });

  it('the reference architecture totals roughly $800–900 a month', () => {
    const total = totalMonthlyCost(Object.values(REFERENCE_CHOICES));
    expect(total.unpriced).toEqual([]);
    expect(total.usd).toBeGreaterThan(800);
    expect(total.usd).toBeLessThan(900);
  });

  it('counts pieces it cannot price', () => {
    expect(totalMonthlyCost(['kinesis-provisioned', 'spark-batch-own'])).toMatchObject({
      unpriced: ['spark-batch-own'],
    });
  });
});

describe('approxUsd', () => {
  it.each([
    [0, '$0'],
    [0.22, 'under $1'],
    [3.94, '$4'],
    [69.64, '$70'],
    [544.8, '$540'],
    [545.2, '$550'],
    [3091, '$3,100'],
  ])('%d reads %s', (amount, text) => {
    expect(approxUsd(amount)).toBe(text);
  });
});

describe('aboutUsd', () => {
  it('says about, except for what rounds to nothing', () => {
    expect(aboutUsd(69.64)).toBe('about $70');
    expect(aboutUsd(0.22)).toBe('under $1');
    expect(aboutUsd(0)).toBe('about $0');
  });
});
