/**
 * The worksheet as a JSON file to continue elsewhere or hand to an instructor, and reading
 * such a file back. An import either yields a whole worksheet or a message saying why not; it
 * never changes anything by itself.
 */
import { WORKSHEET_VERSION, type Worksheet } from './model';
import { normaliseWorksheet } from './normalise';

export const WORKSHEET_FORMAT = 'emr-spark-workshop/worksheet';

/** Larger than any real worksheet by far; a bigger file is something else. */
export const MAX_IMPORT_BYTES = 1_000_000;

export function worksheetToJson(worksheet: Worksheet, now: Date = new Date()): string {
  return JSON.stringify(
    {
      format: WORKSHEET_FORMAT,
      version: WORKSHEET_VERSION,
      exportedAt: now.toISOString(),
      worksheet,
    },
    null,
    2,
  );
}

export type ImportResult = { ok: true; worksheet: Worksheet } | { ok: false; message: string };

const NOTHING_CHANGED = 'Nothing was imported; your saved worksheet is unchanged.';
const fail = (reason: string): ImportResult => ({
  ok: false,
  message: `${reason} ${NOTHING_CHANGED}`,
});

/** Reads an exported worksheet file, checking that it is one and that this site can read its version. */
export function importWorksheet(fileText: string): ImportResult {
  if (fileText.length > MAX_IMPORT_BYTES) {
    return fail('This file is too large to be a worksheet export.');
  }
  let value: unknown;
  try {
    value = JSON.parse(fileText);
  } catch {
    return fail(
      'This file is not JSON. Choose a worksheet file exported from this page (worksheet.json).',
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('This file is not a worksheet export.');
  }
  const { format, version, worksheet } = value as Record<string, unknown>;
  if (format !== WORKSHEET_FORMAT) {
    return fail(
      'This file is not a worksheet export: it lacks the worksheet’s format marker. Choose a file saved with “Download the worksheet (JSON)”.',
    );
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return fail('This worksheet export has no valid version number.');
  }
  if (version < WORKSHEET_VERSION) {
    return fail(
      `This worksheet was exported by an older version of the site (version ${version}); this site reads version ${WORKSHEET_VERSION}.`,
    );
  }
  if (version > WORKSHEET_VERSION) {
    return fail(
      `This worksheet was exported by a newer version of the site (version ${version}); this site reads version ${WORKSHEET_VERSION}. Reload the page to get the latest site.`,
    );
  }
  if (typeof worksheet !== 'object' || worksheet === null || Array.isArray(worksheet)) {
    return fail('This worksheet export has no worksheet in it.');
  }
  return { ok: true, worksheet: normaliseWorksheet(worksheet as Record<string, unknown>) };
}
