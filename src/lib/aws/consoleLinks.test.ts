import { describe, expect, it } from 'vitest';

import {
  emrClusterUrl,
  emrRunLinks,
  parseS3Uri,
  s3ConsoleUrl,
  stepLogFolder,
} from './consoleLinks';

describe('console links of a run on EMR', () => {
  it('finds the step’s log folder under the cluster’s LogUri, with or without its slash', () => {
    const folder = {
      bucket: 'workshop-bucket',
      key: 'attendees/6a1f/logs/j-2AB3CD4EF5GH/steps/s-0123ABCDEF/',
    };
    for (const logUri of [
      's3://workshop-bucket/attendees/6a1f/logs/',
      's3://workshop-bucket/attendees/6a1f/logs',
      's3n://workshop-bucket/attendees/6a1f/logs/',
    ]) {
      expect(stepLogFolder(logUri, 'j-2AB3CD4EF5GH', 's-0123ABCDEF')).toEqual(folder);
    }
    expect(stepLogFolder('s3://logs-bucket', 'j-1', 's-2')).toEqual({
      bucket: 'logs-bucket',
      key: 'j-1/steps/s-2/',
    });
    expect(stepLogFolder('https://example.com/logs/', 'j-1', 's-2')).toBeUndefined();
    expect(parseS3Uri('s3:///key')).toBeUndefined();
  });

  it('opens the S3 console on that folder, and the EMR console on the cluster', () => {
    expect(
      s3ConsoleUrl({ bucket: 'b-1', key: 'attendees/a b/logs/j-1/steps/s-2/' }, 'eu-west-1'),
    ).toBe(
      'https://s3.console.aws.amazon.com/s3/buckets/b-1?region=eu-west-1&prefix=attendees/a%20b/logs/j-1/steps/s-2/',
    );
    expect(emrClusterUrl('j-2AB3CD4EF5GH', 'us-east-2')).toBe(
      'https://us-east-2.console.aws.amazon.com/emr/home?region=us-east-2#/clusterDetails/j-2AB3CD4EF5GH',
    );
  });

  it('links the logs when the cluster has a LogUri, and always the cluster’s Spark UI', () => {
    const run = { region: 'eu-west-1', clusterId: 'j-1', stepId: 's-2' };
    expect(emrRunLinks({ ...run, logUri: 's3://b/attendees/k/logs/' })).toEqual([
      {
        label: 'Logs of step s-2 (S3 console)',
        href: 'https://s3.console.aws.amazon.com/s3/buckets/b?region=eu-west-1&prefix=attendees/k/logs/j-1/steps/s-2/',
      },
      {
        label: 'Spark UI of cluster j-1 (EMR console)',
        href: 'https://eu-west-1.console.aws.amazon.com/emr/home?region=eu-west-1#/clusterDetails/j-1',
      },
    ]);
    expect(emrRunLinks(run).map((link) => link.label)).toEqual([
      'Spark UI of cluster j-1 (EMR console)',
    ]);
  });
});
