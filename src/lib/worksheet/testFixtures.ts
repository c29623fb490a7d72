/** Worksheets for the unit tests. */
import { addNode, boardFromChoices, connect } from './board';
import { WORKED_SCENARIOS } from './drivers';
import { emptyWorksheet, type Worksheet } from './model';

/** A worksheet with something in every part. */
export function filledWorksheet(): Worksheet {
  const start = emptyWorksheet();
  const [first] = start.functionalities;
  const last = start.functionalities.at(-1);
  if (!first || !last) throw new Error('the starting list is empty');
  const choices = {
    ingestion: { optionId: 'kinesis-provisioned', reason: 'Replay after outages' },
    realtime: { optionId: 'spark-streaming-emr', reason: 'Same code as batch' },
  };
  let board = boardFromChoices(choices);
  const gateway = addNode(board, { label: 'Site gateway', role: 'gateway' });
  board = connect(gateway.board, 'n1', gateway.id, 'MQTT');
  return {
    ...start,
    functionalities: [
      { ...first, priority: 'must' },
      { id: 'F14', text: 'Detect a tag | in the tank farm', actor: 'Security', priority: 'should' },
      { ...last, priority: 'wont' },
    ],
    useCase: 'An employee enters the restricted tank-farm zone.',
    drivers: [
      { id: 'reliability', name: 'Reliability', importance: 'high', difficulty: 'high' },
      { id: 'latency', name: 'Latency', importance: 'high', difficulty: 'medium' },
      { id: 'QA-1', name: 'Testability', importance: null, difficulty: null },
    ],
    scenarios: [{ id: 'QAS-1', ...WORKED_SCENARIOS.latency }],
    requirements: [
      {
        id: 'NFR-1',
        attribute: 'latency',
        text: 'p95 under 3 s',
        verifiedBy: 'A load test',
        scenarioId: 'QAS-1',
        check: { metric: 'streamLatencyP95Ms', target: 3000 },
      },
    ],
    environment: {
      ...start.environment,
      hosting: 'aws',
      skills: ['python-sql', 'spark'],
      residency: 'eu',
    },
    choices,
    board,
  };
}
