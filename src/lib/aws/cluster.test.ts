import { describe, expect, it } from 'vitest';

import { PRICE_REGION_CODE, PRICES, PRICES_AS_OF } from '../worksheet/prices';
import {
  approximateCost,
  clusterView,
  hourlyCost,
  IDLE_TIMEOUT_S,
  INSTANCE_COUNT,
  INSTANCE_TYPE,
  PRICE_TABLE,
  releaseLabelFor,
  runJobFlowRequest,
} from './cluster';
import { EMR_RELEASE_LABEL, EMR_RELEASE_LABEL_NEXT } from './release';
import type { WorkshopConfig } from './workshopConfig';

const config: WorkshopConfig = {
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_AbC123',
  userPoolClientId: 'client123',
  identityPoolId: 'eu-west-1:0000aaaa-1111-2222-3333-444455556666',
  bucket: 'workshop-bucket',
  releaseLabel: EMR_RELEASE_LABEL,
  serviceRole: 'WorkshopEmrService',
  instanceProfile: 'WorkshopEmrInstance',
  subnetId: 'subnet-0abc123',
};
const attendee = {
  identityId: 'eu-west-1:1234-abcd',
  attendeeKey: '0e6f4c2a-7b1d-4a8e-9c3f-5d2b1a0e9f87',
  username: 'ana',
};

describe('the cluster an attendee launches', () => {
  it('asks for Spark on the workshop release, small, self-ending, tagged with the attendee', () => {
    const request = runJobFlowRequest(config, attendee);
    expect(request).toMatchObject({
      ReleaseLabel: 'emr-7.13.0',
      Applications: [{ Name: 'Spark' }],
      // Steps without their own setting (a learner's own add-steps) run on Python 3.11 too.
      Configurations: [
        {
          Classification: 'spark-env',
          Configurations: [
            {
              Classification: 'export',
              Properties: {
                PYSPARK_PYTHON: '/usr/bin/python3.11',
                PYSPARK_DRIVER_PYTHON: '/usr/bin/python3.11',
              },
            },
          ],
        },
      ],
      // Keyed by the user pool's sub: Hadoop takes no colon in a path segment.
      LogUri: 's3://workshop-bucket/attendees/0e6f4c2a-7b1d-4a8e-9c3f-5d2b1a0e9f87/logs/',
      AutoTerminationPolicy: { IdleTimeout: IDLE_TIMEOUT_S },
      ServiceRole: 'WorkshopEmrService',
      JobFlowRole: 'WorkshopEmrInstance',
      Instances: { Ec2SubnetId: 'subnet-0abc123', KeepJobFlowAliveWhenNoSteps: true },
    });
    expect(
      request.Instances?.InstanceGroups?.map((g) => [g.InstanceRole, g.InstanceCount]),
    ).toEqual([
      ['MASTER', 1],
      ['CORE', 1],
    ]);
    expect(request.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'workshop-attendee', Value: 'eu-west-1:1234-abcd' },
        { Key: 'for-use-with-amazon-emr-managed-policies', Value: 'true' },
      ]),
    );
    // The workshop tag the instructor finds and cleans up by.
    expect(
      runJobFlowRequest({ ...config, workshop: 'spring-school' }, attendee).Tags,
    ).toContainEqual({ Key: 'workshop', Value: 'spring-school' });
  });

  it('takes the release label from the workshop, or the next release when the attendee opts in', () => {
    expect(releaseLabelFor('default')).toBe(EMR_RELEASE_LABEL);
    expect(releaseLabelFor('default', { ...config, releaseLabel: 'emr-7.12.0' })).toBe(
      'emr-7.12.0',
    );
    expect(runJobFlowRequest(config, attendee, 'next').ReleaseLabel).toBe(EMR_RELEASE_LABEL_NEXT);
  });
});

describe('a cluster as the page shows it', () => {
  const created = new Date('2026-11-29T10:00:00Z');

  it('is ready while waiting or running, ended once terminated', () => {
    expect(clusterView({ Id: 'j-1', Status: { State: 'WAITING' } })).toMatchObject({
      ready: true,
      ended: false,
    });
    expect(clusterView({ Id: 'j-1', Status: { State: 'STARTING' } })).toMatchObject({
      ready: false,
      text: expect.stringMatching(/^Starting/),
    });
    const ended = clusterView({
      Id: 'j-1',
      Status: { State: 'TERMINATED_WITH_ERRORS', StateChangeReason: { Message: 'VPC limit' } },
    });
    expect(ended).toMatchObject({ ready: false, ended: true, stateReason: 'VPC limit' });
  });

  it('costs approximately its instances’ hourly price for the time it has run', () => {
    const view = clusterView({
      Id: 'j-1',
      Status: { State: 'WAITING', Timeline: { CreationDateTime: created } },
    });
    expect(hourlyCost()).toBeCloseTo(0.48);
    expect(approximateCost(view, new Date('2026-11-29T10:30:00Z'))).toBeCloseTo(0.24);
    const ended = clusterView({
      Id: 'j-1',
      Status: {
        State: 'TERMINATED',
        Timeline: { CreationDateTime: created, EndDateTime: new Date('2026-11-29T11:00:00Z') },
      },
    });
    // A terminated cluster costs nothing more.
    expect(approximateCost(ended, new Date('2026-11-29T15:00:00Z'))).toBeCloseTo(0.48);
  });

  it('is priced from the workshop’s one price table, for the instances it launches', () => {
    const request = runJobFlowRequest(config, attendee);
    const groups = request.Instances?.InstanceGroups ?? [];
    expect(groups.reduce((sum, g) => sum + (g.InstanceCount ?? 0), 0)).toBe(INSTANCE_COUNT);
    expect(new Set(groups.map((g) => g.InstanceType))).toEqual(new Set([INSTANCE_TYPE]));
    expect(PRICES.ec2M5XlargeHour.item.startsWith(`${INSTANCE_TYPE} `)).toBe(true);
    expect(PRICE_TABLE).toEqual({
      date: PRICES_AS_OF,
      region: PRICE_REGION_CODE,
      instanceType: INSTANCE_TYPE,
      ec2PerHour: PRICES.ec2M5XlargeHour.usd,
      emrPerHour: PRICES.emrM5XlargeHour.usd,
    });
    expect(hourlyCost(1)).toBe(PRICES.ec2M5XlargeHour.usd + PRICES.emrM5XlargeHour.usd);
  });
});
