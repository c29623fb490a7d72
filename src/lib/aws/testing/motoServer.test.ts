import {
  CognitoIdentityProviderClient,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { EMRClient, ListClustersCommand } from '@aws-sdk/client-emr';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  hasMoto,
  type MotoServer,
  startMotoServer,
  TEST_CREDENTIALS,
  TEST_REGION,
} from './motoServer';

/** What the SDK for JavaScript marks its requests with; the server checks only those. */
const JS_SDK = { 'x-amz-user-agent': 'aws-sdk-js/3.0.0' };
const PAGE_ORIGIN = 'http://localhost:3210';

const postJson = (
  endpoint: string,
  target: string,
  body: unknown,
  headers: Record<string, string> = JS_SDK,
) =>
  fetch(endpoint, {
    method: 'POST',
    headers: {
      ...headers,
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': target,
      origin: PAGE_ORIGIN,
    },
    body: JSON.stringify(body),
  });

describe.skipIf(!hasMoto)('validating moto server', () => {
  describe('valid requests from the SDK', () => {
    let moto: MotoServer;
    beforeAll(async () => {
      moto = await startMotoServer();
    });
    afterAll(async () => {
      await moto?.stop();
    });

    it('are answered by moto and record nothing (S3, EMR, Cognito user pools)', async () => {
      const config = {
        region: TEST_REGION,
        endpoint: moto.endpoint,
        credentials: TEST_CREDENTIALS,
      };
      const s3 = new S3Client({ ...config, forcePathStyle: true });
      await s3.send(
        new CreateBucketCommand({
          Bucket: 'valid-bucket',
          CreateBucketConfiguration: { LocationConstraint: TEST_REGION },
        }),
      );
      await s3.send(
        new PutObjectCommand({
          Bucket: 'valid-bucket',
          Key: 'dir/a.json',
          Body: '{}',
          ContentType: 'application/json',
          Metadata: { workshop: 'test' },
        }),
      );
      const listing = await s3.send(
        new ListObjectsV2Command({ Bucket: 'valid-bucket', Prefix: 'dir/', MaxKeys: 10 }),
      );
      expect(listing.Contents?.map((object) => object.Key)).toEqual(['dir/a.json']);
      const object = await s3.send(
        new GetObjectCommand({ Bucket: 'valid-bucket', Key: 'dir/a.json' }),
      );
      expect(await object.Body?.transformToString()).toBe('{}');
      await new EMRClient(config).send(new ListClustersCommand({}));
      await new CognitoIdentityProviderClient(config).send(
        new ListUserPoolsCommand({ MaxResults: 10 }),
      );

      expect(await moto.violations()).toEqual([]);
    });
  });

  describe('invalid requests from the SDK', () => {
    let moto: MotoServer;
    beforeAll(async () => {
      moto = await startMotoServer();
    });
    afterAll(async () => {
      // The last test stops it and checks the rejection; this only cleans up after a failure.
      await moto?.stop().catch(() => undefined);
    });

    const expectJsonRefusal = async (response: Response, parameter: string) => {
      expect(response.status).toBe(400);
      // Readable by a page on another origin, as AWS's errors are.
      expect(response.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);
      const error = (await response.json()) as { __type: string; message: string };
      expect(error.__type).toBe('ValidationException');
      expect(error.message).toContain(parameter);
      expect(await moto.violations()).toContainEqual(expect.stringContaining(parameter));
    };

    const expectS3Refusal = async (response: Response, parameter: string) => {
      expect(response.status).toBe(400);
      const body = await response.text();
      expect(body).toMatch(
        /<Error><Code>InvalidArgument<\/Code><Message>[^<]+<\/Message><\/Error>/,
      );
      expect(body).toContain(parameter);
      expect(await moto.violations()).toContainEqual(expect.stringContaining(parameter));
    };

    it('refuses a JSON member the operation does not have', async () => {
      const response = await postJson(moto.endpoint, 'ElasticMapReduce.ListClusters', {
        ClusterStates: ['RUNNING'],
        NotAMember: true,
      });
      await expectJsonRefusal(response, 'Unknown parameter in input: "NotAMember"');
    });

    it('refuses a JSON request without a required member', async () => {
      const response = await postJson(
        moto.endpoint,
        'AWSCognitoIdentityProviderService.ListUserPools',
        {},
      );
      await expectJsonRefusal(response, 'Missing required parameter in input: "MaxResults"');
    });

    it('refuses a JSON member of the wrong type', async () => {
      const response = await postJson(
        moto.endpoint,
        'AWSCognitoIdentityService.ListIdentityPools',
        {
          MaxResults: 'ten',
        },
      );
      await expectJsonRefusal(response, 'Invalid type for parameter MaxResults, value: ten');
    });

    it('refuses an S3 query key the operation does not name', async () => {
      const response = await fetch(
        `${moto.endpoint}/some-bucket?list-type=2&max-keys=5&not-a-key=1`,
        { headers: JS_SDK },
      );
      await expectS3Refusal(response, "Unknown query parameter(s) in input: 'not-a-key'");
    });

    it('refuses an S3 header that is not of its member’s type', async () => {
      // GetObjectAttributes: x-amz-max-parts is the integer MaxParts.
      const response = await fetch(`${moto.endpoint}/some-bucket/some/key?attributes`, {
        headers: { ...JS_SDK, 'x-amz-object-attributes': 'ETag', 'x-amz-max-parts': 'many' },
      });
      await expectS3Refusal(response, 'Invalid type for parameter MaxParts, value: many');
    });

    it('refuses what the SDK itself sends, and the SDK names the parameter', async () => {
      const idp = new CognitoIdentityProviderClient({
        region: TEST_REGION,
        endpoint: moto.endpoint,
        credentials: TEST_CREDENTIALS,
      });
      // The SDK does not check required members itself: the cast sends what a bug would.
      await expect(idp.send(new ListUserPoolsCommand({} as never))).rejects.toMatchObject({
        name: 'ValidationException',
        message: expect.stringContaining('cognito-idp ListUserPools: Missing required parameter'),
      });
    });

    it('lets a request without the JavaScript SDK’s mark through unchecked', async () => {
      const before = await moto.violations();
      const response = await postJson(
        moto.endpoint,
        'AWSCognitoIdentityProviderService.ListUserPools',
        { MaxResults: 10, NotAMember: true },
        {},
      );
      expect(response.status).toBe(200);
      expect(await moto.violations()).toEqual(before);
    });

    it('stop() rejects listing every violation', async () => {
      expect(await moto.violations()).toHaveLength(6);
      const stopped = moto.stop();
      await expect(stopped).rejects.toThrow(/refused 6 request/);
      const message = await stopped.then(
        () => '',
        (error: Error) => error.message,
      );
      for (const parameter of ['NotAMember', 'MaxResults', 'not-a-key', 'MaxParts']) {
        expect(message).toContain(parameter);
      }
      expect(message).toMatch(/emr ListClusters/);
      expect(message).toMatch(
        /s3 GetObjectAttributes \(GET \/some-bucket\/some\/key\?attributes\)/,
      );
    });
  });
});
