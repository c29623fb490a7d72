/**
 * The S3 connector the tests' EMR stand-in gives Spark: Hadoop's S3A for the Hadoop inside
 * pyspark 3.5.6 (3.3.4) and the AWS SDK bundle it was built against, from Maven Central,
 * downloaded once into .cache/s3a/ and checked against the SHA-1 Maven Central publishes.
 */
import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const MAVEN_CENTRAL = 'https://repo1.maven.org/maven2';

export const S3A_JARS = [
  {
    group: 'org.apache.hadoop',
    artifact: 'hadoop-aws',
    version: '3.3.4',
    sha1: 'a65839fbf1869f81a1632e09f415e586922e4f80',
  },
  {
    group: 'com.amazonaws',
    artifact: 'aws-java-sdk-bundle',
    version: '1.12.262',
    sha1: '02deec3a0ad83d13d032b1812421b23d7a961eea',
  },
];

export const s3aJarDir = (root) => join(root, '.cache', 's3a');
export const s3aJarPaths = (root) =>
  S3A_JARS.map((jar) => join(s3aJarDir(root), `${jar.artifact}-${jar.version}.jar`));

async function sha1Of(path) {
  const hash = createHash('sha1');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** Downloads the jars that are missing; throws with what to do when one cannot be had. */
export async function ensureS3aJars(root) {
  mkdirSync(s3aJarDir(root), { recursive: true });
  for (const [index, jar] of S3A_JARS.entries()) {
    const path = s3aJarPaths(root)[index];
    const stamp = `${path}.sha1-ok`;
    if (existsSync(path) && existsSync(stamp)) continue;
    const url = `${MAVEN_CENTRAL}/${jar.group.replaceAll('.', '/')}/${jar.artifact}/${jar.version}/${jar.artifact}-${jar.version}.jar`;
    console.log(`→ Downloading ${jar.artifact} ${jar.version} (the tests' S3 connector)…`);
    const response = await fetch(url).catch((error) => {
      throw new Error(`could not reach Maven Central for ${url}: ${error.message}`);
    });
    if (!response.ok || !response.body) {
      throw new Error(`Maven Central answered ${response.status} for ${url}`);
    }
    const partial = `${path}.part`;
    await pipeline(Readable.fromWeb(response.body), createWriteStream(partial));
    const actual = await sha1Of(partial);
    if (actual !== jar.sha1) {
      throw new Error(`${url} has SHA-1 ${actual}, expected ${jar.sha1}: not using it`);
    }
    renameSync(partial, path);
    writeFileSync(stamp, jar.sha1);
  }
}
