import Link from '@docusaurus/Link';
import useBaseUrl from '@docusaurus/useBaseUrl';
import { useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';

import type { AttendeeSession } from '@site/src/lib/aws/attendeeSession';
import {
  approximateCost,
  hourlyCost,
  IDLE_TIMEOUT_S,
  INSTANCE_COUNT,
  PRICE_TABLE,
  releaseLabelFor,
  type ClusterView,
  type ReleaseChoice,
} from '@site/src/lib/aws/cluster';
import {
  getCluster,
  getServerCluster,
  setCluster,
  subscribeCluster,
} from '@site/src/lib/aws/clusterStore';
import { awsErrorText } from '@site/src/lib/aws/errors';
import { getServerSession, getSession, subscribeSession } from '@site/src/lib/aws/sessionStore';
import { LAB_MANIFESTS } from '@site/src/lib/labs/manifests';
import { WORKSHOP_PACKAGE_PATH } from '@site/src/lib/labs/workshopPackagePath';
import { formatDuration } from '@site/src/lib/results/format';
import type { LabRunner } from '@site/src/lib/runner/types';

import styles from './styles.module.css';

/** How often the cluster's state is asked for while the panel is open. */
const CLUSTER_POLL_MS = 10_000;

type Control = typeof import('@site/src/lib/aws/clusterControl');
/** The SDK and everything that needs it, loaded when the learner picks Amazon EMR. */
const loadControl = (): Promise<Control> => import('@site/src/lib/aws/clusterControl');

const usd = (value: number) => `$${value.toFixed(2)}`;

/**
 * Running on Amazon EMR from a lab page: who is signed in, which cluster the runs go to (the
 * instructor's shared one or the attendee's own, launched here), its state, elapsed time and
 * approximate cost, and Terminate. Hands the page a runner once a cluster is chosen.
 */
export default function EmrTarget(props: {
  onRunner: (runner: LabRunner | undefined) => void;
}): ReactNode {
  const { onRunner } = props;
  const session = useSyncExternalStore(subscribeSession, getSession, getServerSession);
  const cluster = useSyncExternalStore(subscribeCluster, getCluster, getServerCluster);
  const packageUrl = useBaseUrl(WORKSHOP_PACKAGE_PATH);
  const connectUrl = useBaseUrl('/connect');
  const [seen, setSeen] = useState<{ id: string; view: ClusterView }>();
  // What EMR last said about the chosen cluster (not about one chosen before it).
  const view = cluster && seen?.id === cluster.id ? seen.view : undefined;
  const [busy, setBusy] = useState<'launching' | 'terminating'>();
  const [confirming, setConfirming] = useState(false);
  const [release, setRelease] = useState<ReleaseChoice>('default');
  const [problem, setProblem] = useState<string>();
  const [now, setNow] = useState(() => new Date());

  // The runner for the chosen cluster, built once the SDK is loaded.
  useEffect(() => {
    if (!session || !cluster) {
      onRunner(undefined);
      return;
    }
    let current = true;
    loadControl().then(
      ({ EmrLabRunner, awsClientConfig }) => {
        if (!current) return;
        onRunner(
          new EmrLabRunner({
            bucket: session.config.bucket,
            attendeeKey: session.attendeeKey,
            clusterId: cluster.id,
            clientConfig: awsClientConfig(session),
            manifests: LAB_MANIFESTS,
            workshopPackage: async () => {
              const response = await fetch(packageUrl);
              if (!response.ok) throw new Error(`${packageUrl} answered ${response.status}`);
              return new Uint8Array(await response.arrayBuffer());
            },
          }),
        );
      },
      (error: unknown) => current && setProblem(awsErrorText(error)),
    );
    return () => {
      current = false;
    };
  }, [session, cluster, onRunner, packageUrl]);

  // The cluster's state, now and every few seconds.
  useEffect(() => {
    if (!session || !cluster) return;
    let current = true;
    const refresh = () =>
      loadControl()
        .then((control) => control.describeCluster(session, cluster.id))
        .then(
          (next) => {
            if (!current) return;
            setSeen({ id: cluster.id, view: next });
            setNow(new Date());
          },
          (error: unknown) => current && setProblem(awsErrorText(error)),
        );
    void refresh();
    const timer = setInterval(() => void refresh(), CLUSTER_POLL_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [session, cluster]);

  // The elapsed time and cost move every second while the cluster lives.
  useEffect(() => {
    if (!view || view.ended) return;
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, [view]);

  const launch = async (signedIn: AttendeeSession) => {
    setBusy('launching');
    setProblem(undefined);
    try {
      const control = await loadControl();
      const id = await control.launchCluster(signedIn, release);
      setCluster({ id, kind: 'own' });
    } catch (error) {
      setProblem(awsErrorText(error));
    } finally {
      setBusy(undefined);
    }
  };

  const terminate = async (signedIn: AttendeeSession, id: string) => {
    setBusy('terminating');
    setConfirming(false);
    setProblem(undefined);
    try {
      const control = await loadControl();
      await control.terminateCluster(signedIn, id);
      setSeen({ id, view: await control.describeCluster(signedIn, id) });
    } catch (error) {
      setProblem(awsErrorText(error));
    } finally {
      setBusy(undefined);
    }
  };

  const elapsed = useMemo(
    () => (view?.createdAt ? (view.endedAt ?? now).getTime() - view.createdAt.getTime() : 0),
    [view, now],
  );

  if (!session) {
    return (
      <section className={styles.panel} aria-label="Amazon EMR">
        <p>
          Runs on Amazon EMR use your workshop account. <Link to={connectUrl}>Sign in</Link> with
          the workshop link your instructor shared, then come back to this page (sign-in lasts while
          the site stays open in this tab).
        </p>
      </section>
    );
  }

  const shared = session.config.sharedClusterId;
  return (
    <section className={styles.panel} aria-label="Amazon EMR">
      <p className={styles.who}>
        Signed in as <strong>{session.username}</strong> (identity <code>{session.identityId}</code>
        ); your files go to your own prefix in <code>{session.config.bucket}</code>.
      </p>
      {!cluster && (
        <div className={styles.choices}>
          {shared && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setCluster({ id: shared, kind: 'shared' })}
            >
              Use the workshop’s shared cluster ({shared})
            </button>
          )}
          <button
            type="button"
            className="button button--primary"
            disabled={busy === 'launching'}
            onClick={() => void launch(session)}
          >
            {busy === 'launching' ? 'Launching…' : 'Launch my own cluster'}
          </button>
          <label className={styles.note}>
            <input
              type="checkbox"
              checked={release === 'next'}
              onChange={(event) => setRelease(event.target.checked ? 'next' : 'default')}
            />{' '}
            Try the next release instead: {releaseLabelFor('next')} (Spark 4, ANSI SQL mode on by
            default; the labs are tested on {releaseLabelFor('default', session.config)})
          </label>
          <p className={styles.note}>
            Your own cluster: {releaseLabelFor(release, session.config)}, Spark, {INSTANCE_COUNT}{' '}
            {PRICE_TABLE.instanceType} nodes, about {usd(hourlyCost())} an hour (
            {PRICE_TABLE.region} prices of {PRICE_TABLE.date}), ends itself after{' '}
            {IDLE_TIMEOUT_S / 60} minutes idle. It takes 5 to 8 minutes to start.
          </p>
        </div>
      )}
      {cluster && (
        <div className={styles.cluster}>
          <p role="status" aria-live="polite">
            <strong>{cluster.kind === 'shared' ? 'Shared cluster' : 'Your cluster'}</strong>{' '}
            <code>{cluster.id}</code>: {view ? view.text : 'asking EMR…'}
            {view?.stateReason && view.ended ? ` (${view.stateReason})` : ''}
          </p>
          {view && cluster.kind === 'own' && (
            <p className={styles.note}>
              Up for {formatDuration(elapsed)}; approximate cost so far{' '}
              {usd(approximateCost(view, now))} (about {usd(hourlyCost())} an hour while it runs).
            </p>
          )}
          <div className={styles.choices}>
            {cluster.kind === 'own' && view && !view.ended && !confirming && (
              <button
                type="button"
                className="button button--danger button--outline"
                disabled={busy === 'terminating' || view.state === 'TERMINATING'}
                onClick={() => setConfirming(true)}
              >
                {busy === 'terminating' ? 'Terminating…' : 'Terminate cluster'}
              </button>
            )}
            {confirming && (
              <span className={styles.confirm} role="group" aria-label="Confirm termination">
                Terminate {cluster.id}? Runs in progress stop and it cannot be restarted.{' '}
                <button
                  type="button"
                  className="button button--danger button--sm"
                  onClick={() => void terminate(session, cluster.id)}
                >
                  Yes, terminate
                </button>{' '}
                <button
                  type="button"
                  className="button button--secondary button--sm"
                  onClick={() => setConfirming(false)}
                >
                  Keep it
                </button>
              </span>
            )}
            {(cluster.kind === 'shared' || view?.ended) && (
              <button
                type="button"
                className="button button--secondary button--sm"
                onClick={() => setCluster(undefined)}
              >
                Choose another cluster
              </button>
            )}
          </div>
        </div>
      )}
      {problem && (
        <p role="alert" className={styles.error}>
          {problem}
        </p>
      )}
    </section>
  );
}
