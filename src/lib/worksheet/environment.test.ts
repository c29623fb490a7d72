import { describe, expect, it } from 'vitest';

import { adviceFor } from './environment';
import { emptyEnvironment, type Environment } from './model';

const env = (answers: Partial<Environment>): Environment => ({ ...emptyEnvironment(), ...answers });
const ids = (answers: Partial<Environment>) => adviceFor(env(answers)).map((a) => a.id);

describe('adviceFor', () => {
  it('gives no advice before any answer', () => {
    expect(adviceFor(emptyEnvironment())).toEqual([]);
  });

  it('rules AWS services out when no public cloud is allowed', () => {
    const [advice] = adviceFor(env({ hosting: 'on-premise' }));
    expect(advice).toMatchObject({ excludes: ['aws'], favours: ['portable'] });
  });

  it('discourages a second cloud rather than ruling it out', () => {
    const [advice] = adviceFor(env({ hosting: 'other-cloud' }));
    expect(advice).toMatchObject({ excludes: [], discourages: ['aws'] });
  });

  it('reads the team’s skills: Kafka, Spark, no JVM', () => {
    expect(ids({ skills: ['kafka', 'java-scala'] })).toEqual(['skills-kafka']);
    expect(ids({ skills: ['python-sql'] })).toEqual([
      'skills-no-kafka',
      'skills-spark',
      'skills-no-jvm',
    ]);
  });

  it('reproduces the advice for the workshop’s company (Step 2d)', () => {
    const company = env({
      hosting: 'aws',
      connectivity: 'intermittent',
      skills: ['python-sql', 'spark', 'aws'],
      operations: 'office-hours',
      budget: 'moderate',
      timeline: 'pilot-3-months',
      willingness: 'high',
      residency: 'eu',
    });
    expect(adviceFor(company).map((a) => a.id)).toEqual([
      'hosting-aws',
      'connectivity-intermittent',
      'skills-no-kafka',
      'skills-spark',
      'skills-no-jvm',
      'operations-managed',
      'timeline-pilot',
      'willingness-high',
      'residency-eu',
    ]);
  });

  it('pushes a strict budget away from per-event pricing and low willingness away from new frameworks', () => {
    const advice = adviceFor(env({ budget: 'strict', willingness: 'low' }));
    expect(advice.flatMap((a) => a.discourages)).toEqual([
      'per-event-pricing',
      'new-framework',
      'extra-technology',
    ]);
  });
});
