/** Every lab's manifest, imported from `labs/<id>/lab.json` at build time. */
import devices from '../../../labs/01-devices/lab.json';
import batch from '../../../labs/02-batch/lab.json';
import streaming from '../../../labs/03-streaming/lab.json';
import serve from '../../../labs/04-serve/lab.json';

import type { LabManifest } from './manifest';

export const LAB_MANIFESTS: ReadonlyMap<string, LabManifest> = new Map(
  ([devices, batch, streaming, serve] as LabManifest[]).map((lab) => [lab.id, lab]),
);
