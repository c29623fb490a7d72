import { crc32 as nodeCrc32 } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { crc32, zipStored } from './zip';

/** Reads a stored-only ZIP back through its central directory, checking every header. */
function readZip(bytes: Uint8Array): { name: string; text: string; crc: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const endAt = bytes.length - 22;
  expect(view.getUint32(endAt, true)).toBe(0x06054b50);
  const count = view.getUint16(endAt + 10, true);
  const centralSize = view.getUint32(endAt + 12, true);
  let at = view.getUint32(endAt + 16, true);
  expect(at + centralSize).toBe(endAt);
  const decoder = new TextDecoder();
  const entries = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const crc = view.getUint32(at + 16, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const localAt = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    expect(view.getUint32(localAt, true)).toBe(0x04034b50);
    expect(view.getUint16(localAt + 8, true)).toBe(0); // stored
    expect(view.getUint32(localAt + 14, true)).toBe(crc);
    const localName = view.getUint16(localAt + 26, true);
    const extra = view.getUint16(localAt + 28, true);
    const dataAt = localAt + 30 + localName + extra;
    const data = bytes.subarray(dataAt, dataAt + size);
    entries.push({ name, text: decoder.decode(data), crc: nodeCrc32(data) >>> 0 });
    expect(crc).toBe(nodeCrc32(data) >>> 0);
    at += 46 + nameLength;
  }
  return entries;
}

describe('zip', () => {
  it('computes the standard CRC-32', () => {
    const bytes = new TextEncoder().encode('123456789');
    expect(crc32(bytes)).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    const text = new TextEncoder().encode('from pyspark.sql import functions as F\n');
    expect(crc32(text)).toBe(nodeCrc32(text) >>> 0);
  });

  it('writes entries a reader finds again, with UTF-8 names and contents', () => {
    const encoder = new TextEncoder();
    const zip = zipStored(
      [
        { name: '02-batch/classify_batch.py', data: encoder.encode('print("héllo")\n') },
        { name: '02-batch/règles.py', data: encoder.encode('') },
      ],
      new Date(2026, 0, 2, 3, 4, 6),
    );
    expect(readZip(zip).map(({ name, text }) => ({ name, text }))).toEqual([
      { name: '02-batch/classify_batch.py', text: 'print("héllo")\n' },
      { name: '02-batch/règles.py', text: '' },
    ]);
  });

  it('writes an empty archive as just the end record', () => {
    expect(zipStored([]).length).toBe(22);
    expect(readZip(zipStored([]))).toEqual([]);
  });
});
