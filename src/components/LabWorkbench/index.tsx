import useBaseUrl from '@docusaurus/useBaseUrl';
import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';

import LabEditor, { type LabFile } from '@site/src/components/LabEditor';
import LiveStream from '@site/src/components/LiveStream';
import ResultsViewer from '@site/src/components/ResultsViewer';
import type { RunResult } from '@site/src/lib/results/contract';
import { addLiveBatch, type LiveBatch } from '@site/src/lib/results/liveStream';
import { LocalSparkRunner, tokenFromPage } from '@site/src/lib/runner/localRunner';
import { fetchSampleResult, fetchSampleSummary } from '@site/src/lib/runner/staticResult';
import { recordRun } from '@site/src/lib/worksheet/measurementsStore';
import type { LabRun, LabRunner, RunState, StreamBatch } from '@site/src/lib/runner/types';

import styles from './styles.module.css';

// Amazon EMR's panel (sign-in, cluster, costs) is a chunk of its own, fetched when the learner
// picks it: a page that runs on local Spark never loads it.
const EmrTarget = lazy(() => import('@site/src/components/EmrTarget'));

type Shown =
  /** `partial`: the sample's summary only; its events and quarantine lines come on demand. */
  | { result: RunResult; source: string; partial?: boolean; rowsError?: string }
  | { error: string; source: string }
  | { loading: true; source: string };

/** The page's one local runner. Its token is in the page only when the local runner served it. */
let localRunner: LabRunner | undefined;
const pageRunner = (): LabRunner => (localRunner ??= new LocalSparkRunner(tokenFromPage(document)));
const noRunner = (): undefined => undefined;
const neverChanges = () => () => {};

const SAMPLE_SOURCE = 'Sample run: this lab’s code on the sample data, committed with the site';

/**
 * A lab on its page: the editor with the lab's real files and the viewer of the classified
 * events. The page starts with the committed result of the sample run, so it is useful before
 * anything runs; a learner's run replaces it when it finishes.
 */
export default function LabWorkbench(props: {
  labId: string;
  files: LabFile[];
  /** The page's Run is a live stream (the manifest's `page_args` feed it): show it arriving. */
  live?: boolean;
}): ReactNode {
  const { labId, files, live = false } = props;
  const sampleBase = useBaseUrl(`/lab-results/${labId}/`);
  const [shown, setShown] = useState<Shown>({ loading: true, source: SAMPLE_SOURCE });
  const [running, setRunning] = useState(false);
  const [batches, setBatches] = useState<LiveBatch[]>([]);
  // No runner while rendering on the server and hydrating; the browser's page has the token.
  const localSpark = useSyncExternalStore(neverChanges, pageRunner, noRunner);
  const [target, setTarget] = useState<'local' | 'emr'>('local');
  const [emrRunner, setEmrRunner] = useState<LabRunner>();
  const runner = target === 'emr' ? emrRunner : localSpark;
  const targetName = `run-target-${labId}`;

  // The sample result is fetched, not bundled: its events would weigh down the page's script.
  // Its summary first (the counts and checks the viewer opens with); the events and quarantine
  // lines when a panel that shows them comes into view (onNeedSampleRows).
  useEffect(() => {
    let current = true;
    fetchSampleSummary(sampleBase).then(
      (result) =>
        current &&
        setShown((now) =>
          'loading' in now ? { result, source: SAMPLE_SOURCE, partial: true } : now,
        ),
      (error: unknown) =>
        current &&
        setShown((now) =>
          'loading' in now ? { error: (error as Error).message, source: SAMPLE_SOURCE } : now,
        ),
    );
    return () => {
      current = false;
    };
  }, [sampleBase]);

  const [sampleRowsAsked, setSampleRowsAsked] = useState(false);
  const onNeedSampleRows = useCallback(() => setSampleRowsAsked(true), []);
  useEffect(() => {
    if (!sampleRowsAsked) return undefined;
    let current = true;
    const stillPartial = (now: Shown): now is Extract<Shown, { result: RunResult }> =>
      'result' in now && now.partial === true;
    fetchSampleResult(sampleBase).then(
      (result) =>
        current && setShown((now) => (stillPartial(now) ? { result, source: SAMPLE_SOURCE } : now)),
      (error: unknown) =>
        current &&
        // The summary stays on the page; the panels say the rows are missing.
        setShown((now) =>
          stillPartial(now) ? { ...now, partial: false, rowsError: (error as Error).message } : now,
        ),
    );
    return () => {
      current = false;
    };
  }, [sampleBase, sampleRowsAsked]);

  const onRunStart = useCallback(() => {
    setRunning(true);
    setBatches([]);
  }, []);
  const onStreamBatch = useCallback(
    (batch: StreamBatch) => setBatches((seen) => addLiveBatch(seen, batch)),
    [],
  );
  const onRunFinished = useCallback(
    (state: RunState, run: LabRun) => {
      setRunning(false);
      if (state.status !== 'succeeded') return; // the editor shows why; keep the last result
      const source = `Your run (${new Date(state.finishedAt ?? Date.now()).toLocaleTimeString()})`;
      run.result().then(
        (result) => {
          setShown({ result, source });
          // Step 2c compares the learner's requirements with what their runs measured.
          recordRun(result.summary, runner?.target ?? 'local');
        },
        (error: unknown) => setShown({ error: (error as Error).message, source }),
      );
    },
    [runner],
  );

  return (
    <div className={styles.workbench}>
      <fieldset className={styles.target}>
        <legend>Run on</legend>
        <label>
          <input
            type="radio"
            name={targetName}
            checked={target === 'local'}
            onChange={() => setTarget('local')}
          />{' '}
          Local Spark (your machine, no account)
        </label>
        <label>
          <input
            type="radio"
            name={targetName}
            checked={target === 'emr'}
            onChange={() => setTarget('emr')}
          />{' '}
          Amazon EMR (your workshop account)
        </label>
      </fieldset>
      {target === 'emr' && (
        <Suspense fallback={<p className={styles.source}>Loading the Amazon EMR panel…</p>}>
          <EmrTarget onRunner={setEmrRunner} />
        </Suspense>
      )}
      <LabEditor
        labId={labId}
        files={files}
        runner={runner}
        onRunStart={onRunStart}
        onRunFinished={onRunFinished}
        live={live && target === 'local'}
        onStreamBatch={onStreamBatch}
      />
      {live && (running || batches.length > 0) && (
        <LiveStream batches={batches} running={running} />
      )}
      <p className={styles.source} aria-live="polite">
        Showing: {shown.source}
        {running ? ' — a new run is in progress' : ''}
      </p>
      {'error' in shown && (
        <p role="alert" className={styles.error}>
          The result could not be read: {shown.error}
        </p>
      )}
      {'rowsError' in shown && shown.rowsError && (
        <p role="alert" className={styles.error}>
          The sample run’s events could not be loaded: {shown.rowsError} Reload the page to try
          again; the counts and checks above are complete.
        </p>
      )}
      <ResultsViewer
        result={'result' in shown ? shown.result : undefined}
        stale={running}
        onNeedRows={'partial' in shown && shown.partial ? onNeedSampleRows : undefined}
      />
    </div>
  );
}
