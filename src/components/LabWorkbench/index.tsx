import useBaseUrl from '@docusaurus/useBaseUrl';
import { useCallback, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';

import EmrTarget from '@site/src/components/EmrTarget';
import LabEditor, { type LabFile } from '@site/src/components/LabEditor';
import LiveStream from '@site/src/components/LiveStream';
import ResultsViewer from '@site/src/components/ResultsViewer';
import type { RunResult } from '@site/src/lib/results/contract';
import { addLiveBatch, type LiveBatch } from '@site/src/lib/results/liveStream';
import { LocalSparkRunner, tokenFromPage } from '@site/src/lib/runner/localRunner';
import { fetchSampleResult } from '@site/src/lib/runner/staticResult';
import { recordRun } from '@site/src/lib/worksheet/measurementsStore';
import type { LabRun, LabRunner, RunState, StreamBatch } from '@site/src/lib/runner/types';

import styles from './styles.module.css';

type Shown =
  | { result: RunResult; source: string }
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
  useEffect(() => {
    let current = true;
    fetchSampleResult(sampleBase).then(
      (result) =>
        current && setShown((now) => ('loading' in now ? { result, source: SAMPLE_SOURCE } : now)),
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
      {target === 'emr' && <EmrTarget onRunner={setEmrRunner} />}
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
      <ResultsViewer result={'result' in shown ? shown.result : undefined} stale={running} />
    </div>
  );
}
