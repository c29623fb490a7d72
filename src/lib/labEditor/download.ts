/**
 * What the Download button hands over: one file as itself, several as one ZIP with the lab's
 * folder inside, so the download runs as the lab's page says (`spark-submit <entry>`).
 */
import type { LabFileSource } from './drafts';
import { zipStored } from './zip';

export type Download = { filename: string; type: string; bytes: Uint8Array };

export function labDownload(
  labId: string,
  files: readonly LabFileSource[],
  date = new Date(),
): Download {
  const encoder = new TextEncoder();
  const [only] = files;
  if (files.length === 1 && only) {
    return {
      filename: baseName(only.name),
      type: only.name.endsWith('.py') ? 'text/x-python' : 'text/plain',
      bytes: encoder.encode(only.code),
    };
  }
  const folder = safeSegment(labId);
  return {
    filename: `${folder}.zip`,
    type: 'application/zip',
    bytes: zipStored(
      files.map((file) => ({ name: `${folder}/${file.name}`, data: encoder.encode(file.code) })),
      date,
    ),
  };
}

const safeSegment = (name: string): string => name.replace(/[^\w.-]+/g, '-') || 'lab';
const baseName = (path: string): string => safeSegment(path.split('/').pop() ?? path);
