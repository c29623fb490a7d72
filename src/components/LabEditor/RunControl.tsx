import { useEffect, useId, useReducer, useRef, useState, type ReactNode } from 'react';

import { codeSpans, matchLabFile, missingText } from '@site/src/lib/labEditor/layout';
import {
  elapsedMs,
  formatElapsed,
  initialRunPanel,
  isActive,
  isFinished,
  progressPercent,
  runLinks,
  runPanelReducer,
  statusText,
} from '@site/src/lib/labEditor/runPanel';
import type {
  LabFiles,
  LabRun,
  LabRunner,
  RunnerAvailability,
  RunState,
  StreamBatch,
} from '@site/src/lib/runner/types';

import styles from './styles.module.css';

type Watching = { run: LabRun; stop?: () => void };

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

function CodeText(props: { text: string }): ReactNode {
  return codeSpans(props.text).map((span, index) =>
    span.code ? <code key={index}>{span.text}</code> : <span key={index}>{span.text}</span>,
  );
}

/**
 * The Run control: where the lab runs, the run's status, elapsed time, Spark's progress, its
 * log, and what went wrong. The files sent are read at the click, as edited.
 */
export default function RunControl(props: {
  runner: LabRunner;
  labId: string;
  fileNames: readonly string[];
  files: () => LabFiles;
  onRunRequested: () => void;
  onShowLine: (file: string, line: number, message: string) => void;
  onRunStart?: (state: RunState) => void;
  onRunFinished?: (state: RunState, run: LabRun) => void;
  /** The lab's run is a live stream: offer Stop, which ends it cleanly with a result. */
  live?: boolean;
  onStreamBatch?: (batch: StreamBatch) => void;
}): ReactNode {
  const { runner, labId, fileNames } = props;
  const [panel, dispatch] = useReducer(runPanelReducer, undefined, () => initialRunPanel());
  const [checked, setChecked] = useState<{ runner: LabRunner; value: RunnerAvailability }>();
  const [checks, setChecks] = useState(0);
  const watching = useRef<Watching | undefined>(undefined);
  const latest = useRef(props);
  const logView = useRef<HTMLPreElement>(null);
  const linksId = useId();
  const followLog = useRef(true);
  useEffect(() => {
    latest.current = props;
  });

  // Ask the runner before offering Run: without Java or the runner, say what to install.
  useEffect(() => {
    let live = true;
    runner.availability().then(
      (value) => live && setChecked({ runner, value }),
      (error: unknown) =>
        live && setChecked({ runner, value: { ready: false, missing: [messageOf(error)] } }),
    );
    return () => {
      live = false;
    };
  }, [runner, checks]);
  const availability = checked?.runner === runner ? checked.value : undefined;

  const active = isActive(panel);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => dispatch({ type: 'tick', at: Date.now() }), 1000);
    return () => clearInterval(timer);
  }, [active]);

  // Leaving the page stops listening; the run itself carries on in the runner.
  useEffect(() => () => watching.current?.stop?.(), []);

  useEffect(() => {
    const view = logView.current;
    if (view && followLog.current) view.scrollTop = view.scrollHeight;
  }, [panel.log]);

  const run = async () => {
    const { onRunRequested, files } = latest.current;
    watching.current?.stop?.();
    watching.current = undefined;
    onRunRequested();
    dispatch({ type: 'request', at: Date.now() });
    let labRun: LabRun;
    try {
      labRun = await runner.start(labId, files());
    } catch (error) {
      dispatch({ type: 'refused', error: messageOf(error), at: Date.now() });
      return;
    }
    const entry: Watching = { run: labRun };
    watching.current = entry;
    let started = false;
    let finished = false;
    const stop = labRun.watch({
      onState: (state) => {
        if (watching.current !== entry || finished) return;
        dispatch({ type: 'state', state, at: Date.now() });
        if (!started) {
          started = true;
          latest.current.onRunStart?.(state);
        }
        if (isFinished(state.status)) {
          finished = true;
          latest.current.onRunFinished?.(state, labRun);
          entry.stop?.();
        }
      },
      onLog: (line) => {
        if (watching.current === entry) dispatch({ type: 'log', line });
      },
      onStreamBatch: (batch) => {
        if (watching.current === entry) latest.current.onStreamBatch?.(batch);
      },
    });
    entry.stop = stop;
    if (finished) stop();
  };

  const cancel = () => {
    const current = watching.current;
    if (!current) return;
    dispatch({ type: 'cancel' });
    current.run.cancel().catch((error: unknown) => {
      dispatch({ type: 'cancel-failed', error: messageOf(error) });
    });
  };

  const stopStream = () => {
    const current = watching.current;
    if (!current?.run.stop) return;
    dispatch({ type: 'stop' });
    current.run.stop().catch((error: unknown) => {
      dispatch({ type: 'stop-failed', error: messageOf(error) });
    });
  };

  const elapsed = elapsedMs(panel);
  const canStop = props.live && panel.run?.status === 'running' && !panel.cancelling;
  const progress = panel.phase === 'watching' ? panel.run?.progress : undefined;
  const percent = progressPercent(progress);
  const failure = panel.phase === 'finished' ? panel.run?.failure : undefined;
  const failedFile = failure?.file ? matchLabFile(failure.file, fileNames) : undefined;
  const failedLine = failure?.line ?? undefined;
  const status = statusText(panel);
  const links = runLinks(panel);
  const tone =
    panel.phase === 'refused' || (panel.phase === 'finished' && panel.run?.status !== 'succeeded')
      ? styles.statusBad
      : panel.run?.status === 'succeeded'
        ? styles.statusGood
        : undefined;

  return (
    <section className={styles.run} aria-label={`Run the lab on ${runner.label}`}>
      <div className={styles.runBar}>
        <span className={styles.target}>
          Target: <strong>{runner.label}</strong>
        </span>
        <button
          type="button"
          className="button button--primary"
          disabled={!availability?.ready || active}
          onClick={() => void run()}
        >
          Run
        </button>
        {active && canStop && (
          <button
            type="button"
            className="button button--secondary"
            disabled={panel.stopping}
            onClick={stopStream}
            title="Finish the micro-batch in progress, then write the result"
          >
            {panel.stopping ? 'Stopping…' : 'Stop stream'}
          </button>
        )}
        {active && (
          <button
            type="button"
            className="button button--secondary"
            disabled={!panel.run || panel.cancelling}
            onClick={cancel}
          >
            {panel.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
        <span className={styles.statusLine}>
          <span role="status" className={tone}>
            {status}
          </span>
          {elapsed !== undefined && (
            <span className={styles.elapsed}>
              <span className={styles.visuallyHidden}>Elapsed time: </span>
              {formatElapsed(elapsed)}
            </span>
          )}
        </span>
      </div>

      {availability === undefined && (
        <p className={styles.note}>Checking that {runner.label} can run labs…</p>
      )}
      {availability && !availability.ready && (
        <p className={styles.missing}>
          <CodeText text={missingText(runner.label, availability.missing)} /> You can still edit,
          copy and download the code.{' '}
          <button
            type="button"
            className="button button--sm button--outline button--secondary"
            onClick={() => setChecks((count) => count + 1)}
          >
            Check again
          </button>
        </p>
      )}

      {progress && percent !== undefined && (
        <div className={styles.progress}>
          <div
            role="progressbar"
            aria-label="Spark progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={`${percent}%: ${progress.tasks_done} of ${progress.tasks_total} tasks of stage ${progress.stage_name}`}
            className={styles.track}
          >
            <div className={styles.fill} style={{ width: `${percent}%` }} />
          </div>
          <span className={styles.progressText}>
            Stage <q>{progress.stage_name}</q>: {progress.tasks_done} of {progress.tasks_total}{' '}
            tasks
          </span>
        </div>
      )}

      {links.length > 0 && (
        <div className={styles.runLinks}>
          <span className={styles.runLinksTitle} id={linksId}>
            Watch it run:
          </span>
          <ul aria-labelledby={linksId}>
            {links.map((link) => (
              <li key={link.href}>
                <a href={link.href} target="_blank" rel="noreferrer">
                  {link.label}
                  <span className={styles.visuallyHidden}> (opens in a new tab)</span>
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}

      {panel.phase === 'refused' && panel.refusal && (
        <p className={styles.error}>
          <CodeText text={panel.refusal} />
        </p>
      )}
      {panel.cancelError && <p className={styles.error}>Cancel failed: {panel.cancelError}</p>}
      {panel.stopError && <p className={styles.error}>Stop failed: {panel.stopError}</p>}
      {failure && (
        <div className={styles.error}>
          <p>
            <strong>Error:</strong> {failure.error}
          </p>
          {failure.file && failedLine !== undefined && (
            <p>
              At{' '}
              {failedFile ? (
                <button
                  type="button"
                  className={styles.lineLink}
                  onClick={() => props.onShowLine(failedFile, failedLine, failure.error)}
                >
                  {failedFile}:{failedLine}
                  <span className={styles.visuallyHidden}> (show this line in the editor)</span>
                </button>
              ) : (
                <code>
                  {failure.file}:{failedLine}
                </code>
              )}
            </p>
          )}
          {failure.traceback && (
            <details className={styles.traceback}>
              <summary>Traceback</summary>
              <pre tabIndex={0}>{failure.traceback}</pre>
            </details>
          )}
        </div>
      )}

      <details className={styles.log}>
        <summary>
          Log{' '}
          {panel.log.lines.length > 0 &&
            `(${panel.log.lines.length} line${panel.log.lines.length === 1 ? '' : 's'})`}
        </summary>
        <pre
          ref={logView}
          tabIndex={0}
          aria-label="Run log"
          className={styles.logLines}
          onScroll={(event) => {
            const view = event.currentTarget;
            followLog.current = view.scrollTop + view.clientHeight >= view.scrollHeight - 24;
          }}
        >
          {panel.log.dropped > 0 && `… ${panel.log.dropped} earlier lines not kept\n`}
          {panel.log.lines.length > 0 ? panel.log.lines.join('\n') : 'No output yet.'}
        </pre>
      </details>
    </section>
  );
}
