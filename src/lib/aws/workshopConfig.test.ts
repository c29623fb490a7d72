import { describe, expect, it } from 'vitest';

import {
  attendeeLogsPrefix,
  attendeePrefix,
  CLUSTER_TAG_KEYS,
  EMR_MANAGED_POLICIES_TAG,
} from './conventions';
import { EMR_RELEASE_LABEL, EMR_RELEASE_LABEL_NEXT } from './release';
import {
  encodeLinkValue,
  parseWorkshopLink,
  type WorkshopConfig,
  workshopLink,
  WorkshopLinkError,
} from './workshopConfig';

const config: WorkshopConfig = {
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_AbC123xyz',
  userPoolClientId: '4example7clientid0123456789',
  identityPoolId: 'eu-west-1:0b2c4d6e-1111-2222-3333-444455556666',
  bucket: 'workshop-bucket-1a2b3c',
  releaseLabel: EMR_RELEASE_LABEL,
  serviceRole: 'emr-spark-workshop-EmrServiceRole-AbCdEf',
  instanceProfile: 'emr-spark-workshop-EmrInstanceRole-GhIjKl',
  subnetId: 'subnet-0123456789abcdef0',
};

const expectError = (link: string): WorkshopLinkError => {
  const result = parseWorkshopLink(link);
  if (result.ok) throw new Error(`expected ${link} to be refused`);
  return result.error;
};

describe('workshopLink', () => {
  it('puts every field in the fragment of the connect page, in a fixed order', () => {
    expect(workshopLink('https://workshop.example.org/', config)).toBe(
      'https://workshop.example.org/connect#region=eu-west-1' +
        '&userPoolId=eu-west-1_AbC123xyz' +
        '&userPoolClientId=4example7clientid0123456789' +
        '&identityPoolId=eu-west-1:0b2c4d6e-1111-2222-3333-444455556666' +
        '&bucket=workshop-bucket-1a2b3c' +
        '&releaseLabel=emr-7.13.0' +
        '&serviceRole=emr-spark-workshop-EmrServiceRole-AbCdEf' +
        '&instanceProfile=emr-spark-workshop-EmrInstanceRole-GhIjKl' +
        '&subnetId=subnet-0123456789abcdef0',
    );
  });

  it('adds the shared cluster only when there is one', () => {
    const link = workshopLink('http://localhost:3000', {
      ...config,
      sharedClusterId: 'j-2AXXXXXXGAPLF',
    });
    expect(link).toContain('&bucket=workshop-bucket-1a2b3c&sharedClusterId=j-2AXXXXXXGAPLF&');
    expect(workshopLink('http://localhost:3000', config)).not.toContain('sharedClusterId');
  });

  it('keeps the site path for sites served below the root', () => {
    expect(workshopLink('https://example.github.io/workshop', config)).toMatch(
      /^https:\/\/example\.github\.io\/workshop\/connect#region=/,
    );
  });

  it('encodes everything but the colon', () => {
    expect(encodeLinkValue('eu-west-1:abc')).toBe('eu-west-1:abc');
    expect(encodeLinkValue('a+b=c&d e/f')).toBe('a%2Bb%3Dc%26d%20e%2Ff');
  });
});

describe('parseWorkshopLink', () => {
  it('reads back what workshopLink wrote', () => {
    const withCluster = { ...config, sharedClusterId: 'j-2AXXXXXXGAPLF' };
    for (const original of [config, withCluster]) {
      expect(parseWorkshopLink(workshopLink('http://localhost:3000', original))).toEqual({
        ok: true,
        config: original,
      });
    }
  });

  it('accepts a whole link, a fragment, a query or the bare fields', () => {
    const link = workshopLink('http://localhost:3000', config);
    const fields = link.slice(link.indexOf('#') + 1);
    for (const form of [link, `#${fields}`, `?${fields}`, fields, `  ${link}\n`]) {
      expect(parseWorkshopLink(form)).toEqual({ ok: true, config });
    }
  });

  it('accepts a colon that a mail client or chat percent-encoded', () => {
    const link = workshopLink('http://localhost:3000', config).replaceAll(':', '%3A');
    const result = parseWorkshopLink(link.slice(link.indexOf('#')));
    expect(result).toEqual({ ok: true, config });
  });

  it('keeps values that need encoding intact', () => {
    const odd = { ...config, serviceRole: 'role+with=odd,chars@x' };
    expect(parseWorkshopLink(workshopLink('http://x', odd))).toEqual({ ok: true, config: odd });
  });

  it('ignores fields it does not know', () => {
    const link = `${workshopLink('http://x', config)}&future=1`;
    expect(parseWorkshopLink(link)).toEqual({ ok: true, config });
  });

  it('lists every missing field', () => {
    const link = workshopLink('http://x', config)
      .replace('&bucket=workshop-bucket-1a2b3c', '')
      .replace('&subnetId=subnet-0123456789abcdef0', '&subnetId=');
    const error = expectError(link);
    expect(error).toBeInstanceOf(WorkshopLinkError);
    expect(error.name).toBe('WorkshopLinkError');
    expect(error.missing).toEqual(['bucket', 'subnetId']);
    expect(error.invalid).toEqual([]);
    expect(error.message).toContain('missing bucket, subnetId');
  });

  it('refuses an empty link with all required fields missing', () => {
    expect(expectError('').missing).toEqual([
      'region',
      'userPoolId',
      'userPoolClientId',
      'identityPoolId',
      'bucket',
      'releaseLabel',
      'serviceRole',
      'instanceProfile',
      'subnetId',
    ]);
  });

  it('names invalid fields with what was expected', () => {
    const broken = {
      ...config,
      region: 'Europe',
      bucket: 'Not_A_Bucket',
      sharedClusterId: 'cluster-1',
      subnetId: 'sg-123',
    };
    const error = expectError(workshopLink('http://x', broken));
    expect(error.missing).toEqual([]);
    expect(error.invalid.map(({ field }) => field)).toEqual([
      'region',
      'bucket',
      'sharedClusterId',
      'subnetId',
    ]);
    expect(error.message).toContain('region "Europe" is not like eu-west-1');
    expect(error.message).toContain('subnetId "sg-123" is not like subnet-0abc123');
  });

  it('refuses Cognito ids from another Region than the link says', () => {
    const error = expectError(workshopLink('http://x', { ...config, region: 'us-east-1' }));
    expect(error.invalid.map(({ field }) => field)).toEqual(['userPoolId', 'identityPoolId']);
    expect(error.message).toContain('an id in us-east-1');
  });

  it('accepts a service role given as an ARN', () => {
    const arn = { ...config, serviceRole: 'arn:aws:iam::123456789012:role/service-role/EmrRole' };
    expect(parseWorkshopLink(workshopLink('http://x', arn))).toEqual({ ok: true, config: arn });
  });
});

describe('the endpoint field (a local AWS stand-in)', () => {
  it('comes last in the link and reads back', () => {
    const local = { ...config, endpoint: 'http://localhost:5000' };
    const link = workshopLink('http://localhost:3000', local);
    expect(link).toMatch(/&subnetId=subnet-0123456789abcdef0&endpoint=http:%2F%2Flocalhost:5000$/);
    expect(parseWorkshopLink(link)).toEqual({ ok: true, config: local });
  });

  it("is optional, so the stack's links (which never carry it) stay valid", () => {
    const result = parseWorkshopLink(workshopLink('https://workshop.example.org', config));
    expect(result).toEqual({ ok: true, config });
    expect(result.ok && 'endpoint' in result.config).toBe(false);
  });

  it.each([
    'https://localhost:5000',
    'http://localhost',
    'http://localhost:5000/',
    'http://localhost:5000/path',
    'http://127.0.0.1:5000',
    'http://localhost.attacker.example:5000',
    'http://attacker.example/?localhost:5000',
    'http://user@localhost:5000',
    'http://localhost:0',
    'http://localhost:65536',
    'https://cognito-idp.eu-west-1.amazonaws.com',
  ])('refuses %s, which could send passwords elsewhere', (endpoint) => {
    const error = expectError(workshopLink('http://x', { ...config, endpoint }));
    expect(error.missing).toEqual([]);
    expect(error.invalid).toEqual([
      { field: 'endpoint', value: endpoint, expected: expect.stringContaining('localhost') },
    ]);
    expect(error.message).toContain(`endpoint "${endpoint}" is not http://localhost:<port>`);
    expect(error.message).toContain('could capture passwords');
  });

  it('accepts any port on localhost', () => {
    for (const endpoint of ['http://localhost:1', 'http://localhost:65535']) {
      const local = { ...config, endpoint };
      expect(parseWorkshopLink(workshopLink('http://x', local))).toEqual({
        ok: true,
        config: local,
      });
    }
  });
});

describe('shared names', () => {
  it('defines both release labels', () => {
    expect(EMR_RELEASE_LABEL).toBe('emr-7.13.0');
    expect(EMR_RELEASE_LABEL_NEXT).toBe('emr-spark-8.0.0');
  });

  it('puts an attendee and their logs under their identity id', () => {
    const id = 'eu-west-1:0b2c4d6e-1111-2222-3333-444455556666';
    expect(attendeePrefix(id)).toBe(`attendees/${id}/`);
    expect(attendeeLogsPrefix(id)).toBe(`attendees/${id}/logs/`);
  });

  it('lets attendees tag clusters for the EMR managed policies', () => {
    expect(CLUSTER_TAG_KEYS).toContain(EMR_MANAGED_POLICIES_TAG.key);
  });
});
