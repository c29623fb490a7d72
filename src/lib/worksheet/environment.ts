/**
 * Step 2d: the enterprise-environment questionnaire, and the advice its answers give to
 * Step 2e. Advice works on tags of the pieces (see `pieces.ts`), so a new piece only needs tags.
 */
import type {
  Budget,
  Connectivity,
  Environment,
  Hosting,
  Operations,
  Residency,
  Skill,
  Timeline,
  Willingness,
} from './model';

/** What a piece is, as far as the environment cares. */
export type PieceTag =
  /** Exists only as an AWS service. */
  | 'aws'
  /** Open source or plain files: runs on-premise, in a private cloud or on any cloud. */
  | 'portable'
  /** AWS runs it; nothing to patch or size beyond a setting. */
  | 'managed'
  /** A cluster or servers the team sizes, upgrades and watches. */
  | 'self-managed'
  | 'kafka'
  | 'spark'
  /** A second programming model the team would have to learn (Flink). */
  | 'new-framework'
  /** One more technology to learn and maintain beside Spark and Parquet. */
  | 'extra-technology'
  /** Billed per event or per message: expensive at 1,000 events/s. */
  | 'per-event-pricing'
  /** A path for files: uploads after an outage, exports. */
  | 'files';

export type Advice = {
  id: string;
  /** The answer in a few words, for the reasons beside each piece. */
  label: string;
  /** What the answer means for the architecture, in a sentence or two. */
  text: string;
  favours: readonly PieceTag[];
  discourages: readonly PieceTag[];
  /** Pieces with these tags cannot be used at all in this environment. */
  excludes: readonly PieceTag[];
};

type Option<T extends string> = { value: T; label: string };

/** The questions, in the page's order, with the answers offered. */
export const QUESTIONS = {
  hosting: {
    label: 'Where do the company’s systems run today?',
    options: [
      { value: 'aws', label: 'On AWS (the company already has AWS accounts)' },
      { value: 'on-premise', label: 'On-premise only: no public cloud for operational data' },
      { value: 'private-cloud', label: 'A private cloud (for example VMware or OpenStack)' },
      { value: 'other-cloud', label: 'Another public cloud is the company standard' },
    ] satisfies Option<Hosting>[],
  },
  connectivity: {
    label: 'How does the site connect to the outside world?',
    options: [
      { value: 'reliable', label: 'A reliable link' },
      { value: 'intermittent', label: 'Intermittently: the link drops now and then' },
    ] satisfies Option<Connectivity>[],
  },
  skills: {
    label: 'What does the team know?',
    options: [
      { value: 'python-sql', label: 'Python and SQL' },
      { value: 'spark', label: 'Apache Spark' },
      { value: 'kafka', label: 'Apache Kafka' },
      { value: 'java-scala', label: 'Java or Scala' },
      { value: 'kubernetes', label: 'Kubernetes' },
      { value: 'aws', label: 'AWS services' },
    ] satisfies Option<Skill>[],
  },
  operations: {
    label: 'Who runs the platform?',
    options: [
      { value: 'round-the-clock', label: 'An operations team with 24/7 on-call' },
      { value: 'office-hours', label: 'The data team, in office hours' },
      { value: 'none', label: 'Nobody in particular yet' },
    ] satisfies Option<Operations>[],
  },
  budget: {
    label: 'How tight is the monthly budget?',
    options: [
      { value: 'strict', label: 'Strict: every always-on part must earn its place' },
      { value: 'moderate', label: 'Moderate' },
      { value: 'generous', label: 'Generous: reliability first' },
    ] satisfies Option<Budget>[],
  },
  timeline: {
    label: 'How much effort can go into building it, and by when?',
    options: [
      { value: 'pilot-3-months', label: 'A pilot on one site within three months' },
      { value: 'six-months-or-more', label: 'Six months or more, with room to build a platform' },
    ] satisfies Option<Timeline>[],
  },
  willingness: {
    label: 'How willing is the company to change how it works?',
    options: [
      { value: 'low', label: 'Low: wary of new platforms and lock-in' },
      { value: 'medium', label: 'Medium' },
      { value: 'high', label: 'High: happy with managed cloud services' },
    ] satisfies Option<Willingness>[],
  },
  residency: {
    label: 'Where must the data live?',
    options: [
      { value: 'eu', label: 'In the EU' },
      { value: 'us', label: 'In the United States' },
      { value: 'other', label: 'In another country or region' },
      { value: 'none', label: 'No rule' },
    ] satisfies Option<Residency>[],
  },
} as const;

export type QuestionId = keyof typeof QUESTIONS;

/** The label of an answer, for the decision record. */
export function answerLabel(question: QuestionId, value: string): string {
  const options: readonly Option<string>[] = QUESTIONS[question].options;
  return options.find((option) => option.value === value)?.label ?? value;
}

const advice = (
  id: string,
  label: string,
  text: string,
  tags: Partial<Pick<Advice, 'favours' | 'discourages' | 'excludes'>> = {},
): Advice => ({
  id,
  label,
  text,
  favours: tags.favours ?? [],
  discourages: tags.discourages ?? [],
  excludes: tags.excludes ?? [],
});

/** What the answers mean for Step 2e; unanswered questions give no advice. */
export function adviceFor(env: Environment): Advice[] {
  const result: Advice[] = [];
  const knows = (skill: Skill) => env.skills.includes(skill);
  const skillsAnswered = env.skills.length > 0;

  switch (env.hosting) {
    case 'aws':
      result.push(
        advice(
          'hosting-aws',
          'AWS is already there',
          'Build on AWS with managed services: no new hardware, no platform team.',
          { favours: ['managed'] },
        ),
      );
      break;
    case 'on-premise':
      result.push(
        advice(
          'hosting-on-premise',
          'no public cloud',
          'No public cloud: every piece runs in the company’s data centre — Kafka, Spark on your own cluster, an S3-compatible store or HDFS. AWS services are ruled out, and you operate everything yourself.',
          { favours: ['portable'], excludes: ['aws'] },
        ),
      );
      break;
    case 'private-cloud':
      result.push(
        advice(
          'hosting-private-cloud',
          'a private cloud',
          'A private cloud: the same open-source pieces, on virtual machines the company provisions. Capacity is usually fixed, so size for the peak.',
          { favours: ['portable'], excludes: ['aws'] },
        ),
      );
      break;
    case 'other-cloud':
      result.push(
        advice(
          'hosting-other-cloud',
          'another cloud is the standard',
          'Another cloud is the standard: prefer that cloud’s equivalents or portable pieces. AWS just for this project means two sets of skills, bills and security reviews.',
          { favours: ['portable'], discourages: ['aws'] },
        ),
      );
      break;
  }

  if (env.connectivity === 'intermittent') {
    result.push(
      advice(
        'connectivity-intermittent',
        'the site link drops',
        'The link drops: put a gateway on the site that buffers and uploads files when the link returns. The batch path becomes a necessity, not an option.',
        { favours: ['files'] },
      ),
    );
  }

  if (knows('kafka')) {
    result.push(
      advice(
        'skills-kafka',
        'the team knows Kafka',
        'The team knows Kafka: Kafka-based ingestion costs no new skills.',
        {
          favours: ['kafka'],
        },
      ),
    );
  } else if (skillsAnswered) {
    result.push(
      advice(
        'skills-no-kafka',
        'nobody knows Kafka',
        'Nobody knows Kafka: avoid it unless a later need justifies learning it.',
        { discourages: ['kafka'] },
      ),
    );
  }
  if (knows('python-sql') || knows('spark')) {
    result.push(
      advice(
        'skills-spark',
        'the team knows Python, SQL or Spark',
        'Python, SQL or Spark skills: PySpark for both batch and stream uses what the team knows.',
        { favours: ['spark'] },
      ),
    );
  }
  if (skillsAnswered && !knows('java-scala')) {
    result.push(
      advice(
        'skills-no-jvm',
        'no Java or Scala skills',
        'No Java or Scala: a framework that needs them (Flink) would have to be learned first.',
        { discourages: ['new-framework'] },
      ),
    );
  }

  if (env.operations === 'office-hours' || env.operations === 'none') {
    result.push(
      advice(
        'operations-managed',
        'no 24/7 operations team',
        'No 24/7 operations team: prefer managed and serverless pieces; a cluster nobody watches at 3 a.m. is not reliable.',
        { favours: ['managed'], discourages: ['self-managed'] },
      ),
    );
  }

  if (env.budget === 'strict') {
    result.push(
      advice(
        'budget-strict',
        'a strict budget',
        'A strict budget: fewer always-on parts (a trigger every minute instead of every second, Spot capacity for batch, auto-termination) and no per-event pricing at 1,000 events/s.',
        { discourages: ['per-event-pricing'] },
      ),
    );
  }

  if (env.timeline === 'pilot-3-months') {
    result.push(
      advice(
        'timeline-pilot',
        'a pilot in three months',
        'A pilot in three months rules out anything that needs a platform team first.',
        { favours: ['managed'], discourages: ['self-managed', 'new-framework'] },
      ),
    );
  }

  if (env.willingness === 'low') {
    result.push(
      advice(
        'willingness-low',
        'low willingness to change',
        'Low willingness to change: start with the batch path on familiar tools and add streaming once it has earned trust; avoid new frameworks and extra technologies.',
        { favours: ['files'], discourages: ['new-framework', 'extra-technology'] },
      ),
    );
  } else if (env.willingness === 'high') {
    result.push(
      advice(
        'willingness-high',
        'high willingness to change',
        'High willingness to change: managed cloud services are welcome — keep the data in open formats so leaving stays possible.',
        { favours: ['managed'] },
      ),
    );
  }

  switch (env.residency) {
    case 'eu':
      result.push(
        advice(
          'residency-eu',
          'data stays in the EU',
          'Data stays in the EU: an EU Region for every piece, including logs and backups. The prices in Step 2e are for US East; EU Regions are often a little dearer.',
        ),
      );
      break;
    case 'other':
      result.push(
        advice(
          'residency-other',
          'data stays in one country',
          'Data stays in a given country: check that every piece is offered in a Region there, and that no global service copies data elsewhere.',
        ),
      );
      break;
  }

  return result;
}
