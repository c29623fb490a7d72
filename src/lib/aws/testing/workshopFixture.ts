/**
 * A workshop in moto, as the instructor's stack (infra/) would leave it: the bucket with the
 * sample data, a user pool with a public client, an identity pool for its authenticated users,
 * and one attendee account with a temporary password.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CognitoIdentityClient, CreateIdentityPoolCommand } from '@aws-sdk/client-cognito-identity';
import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateBucketCommand,
  PutBucketCorsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';

import { BUCKET_CORS, SAMPLE_DATA_RAW_PREFIX } from '../conventions';
import { EMR_RELEASE_LABEL } from '../release';
import type { WorkshopConfig } from '../workshopConfig';
import { TEST_CREDENTIALS, TEST_REGION } from './motoServer';

export type TestWorkshop = { config: WorkshopConfig; username: string; temporaryPassword: string };

export async function createTestWorkshop(
  endpoint: string,
  siteOrigin: string,
  sampleDir = join('labs', 'sample-data', 'raw'),
): Promise<TestWorkshop> {
  const admin = { region: TEST_REGION, endpoint, credentials: TEST_CREDENTIALS };
  const bucket = 'workshop-e2e-bucket';
  const s3 = new S3Client({ ...admin, forcePathStyle: true });
  await s3.send(
    new CreateBucketCommand({
      Bucket: bucket,
      CreateBucketConfiguration: { LocationConstraint: TEST_REGION },
    }),
  );
  // The same browser access as the stack gives the site's origin.
  await s3.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: [siteOrigin],
            AllowedMethods: [...BUCKET_CORS.methods],
            AllowedHeaders: [...BUCKET_CORS.headers],
            ExposeHeaders: [...BUCKET_CORS.exposedHeaders],
            MaxAgeSeconds: BUCKET_CORS.maxAgeSeconds,
          },
        ],
      },
    }),
  );
  for (const name of readdirSync(sampleDir)) {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `${SAMPLE_DATA_RAW_PREFIX}${name}`,
        Body: readFileSync(join(sampleDir, name)),
      }),
    );
  }

  const idp = new CognitoIdentityProviderClient(admin);
  const { UserPool } = await idp.send(
    new CreateUserPoolCommand({
      PoolName: 'workshop-attendees',
      Policies: { PasswordPolicy: { MinimumLength: 12 } },
    }),
  );
  const userPoolId = UserPool?.Id ?? '';
  const { UserPoolClient } = await idp.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'site',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  const userPoolClientId = UserPoolClient?.ClientId ?? '';
  const { IdentityPoolId } = await new CognitoIdentityClient(admin).send(
    new CreateIdentityPoolCommand({
      IdentityPoolName: 'workshop',
      AllowUnauthenticatedIdentities: false,
      CognitoIdentityProviders: [
        {
          ProviderName: `cognito-idp.${TEST_REGION}.amazonaws.com/${userPoolId}`,
          ClientId: userPoolClientId,
        },
      ],
    }),
  );
  const username = 'ana';
  const temporaryPassword = 'Temporary-pass-42';
  await idp.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: username,
      TemporaryPassword: temporaryPassword,
      MessageAction: 'SUPPRESS',
    }),
  );
  return {
    username,
    temporaryPassword,
    config: {
      region: TEST_REGION,
      userPoolId,
      userPoolClientId,
      identityPoolId: IdentityPoolId ?? '',
      bucket,
      releaseLabel: EMR_RELEASE_LABEL,
      serviceRole: 'WorkshopEmrService',
      instanceProfile: 'WorkshopEmrInstance',
      subnetId: 'subnet-0abc1234',
      workshop: 'e2e-workshop',
      endpoint,
    },
  };
}
