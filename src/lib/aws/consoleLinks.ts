/**
 * Where a learner looks while a lab runs on Amazon EMR, as links into the AWS console: the
 * step's log folder in S3 (EMR copies the step's stdout and stderr there, minutes late) and the
 * cluster's page in the EMR console, which opens its Spark UI and Spark History Server.
 */
import type { RunLink } from '../runner/types';

/** An S3 location: bucket and key (a folder's key ends with `/`). */
export type S3Location = { bucket: string; key: string };

/** `s3://bucket/key` (or EMR's older `s3n://`) as bucket and key; undefined when it is not one. */
export function parseS3Uri(uri: string): S3Location | undefined {
  const match = /^s3n?:\/\/([^/]+)\/?(.*)$/.exec(uri.trim());
  if (!match?.[1]) return undefined;
  return { bucket: match[1], key: match[2] ?? '' };
}

/** The folder EMR writes a step's logs to: `<LogUri><cluster id>/steps/<step id>/`. */
export function stepLogFolder(
  logUri: string,
  clusterId: string,
  stepId: string,
): S3Location | undefined {
  const root = parseS3Uri(logUri);
  if (!root) return undefined;
  const prefix = root.key === '' || root.key.endsWith('/') ? root.key : `${root.key}/`;
  return { bucket: root.bucket, key: `${prefix}${clusterId}/steps/${stepId}/` };
}

/** The S3 console's view of a folder (a key prefix) in a bucket. */
export function s3ConsoleUrl(location: S3Location, region: string): string {
  const prefix = location.key.split('/').map(encodeURIComponent).join('/');
  return (
    `https://s3.console.aws.amazon.com/s3/buckets/${encodeURIComponent(location.bucket)}` +
    `?region=${encodeURIComponent(region)}&prefix=${prefix}`
  );
}

/** The cluster's page in the EMR console (its Applications tab links the Spark UI). */
export function emrClusterUrl(clusterId: string, region: string): string {
  const r = encodeURIComponent(region);
  return `https://${r}.console.aws.amazon.com/emr/home?region=${r}#/clusterDetails/${encodeURIComponent(clusterId)}`;
}

/**
 * The links a run on EMR shows: its step's logs (when the cluster has a LogUri) and the
 * cluster's page with its Spark UI.
 */
export function emrRunLinks(run: {
  region: string;
  clusterId: string;
  stepId: string;
  logUri?: string;
}): RunLink[] {
  const links: RunLink[] = [];
  const logs = run.logUri ? stepLogFolder(run.logUri, run.clusterId, run.stepId) : undefined;
  if (logs) {
    links.push({
      label: `Logs of step ${run.stepId} (S3 console)`,
      href: s3ConsoleUrl(logs, run.region),
    });
  }
  links.push({
    label: `Spark UI of cluster ${run.clusterId} (EMR console)`,
    href: emrClusterUrl(run.clusterId, run.region),
  });
  return links;
}
