import { describe, expect, it } from 'vitest';

import { labDownload } from './download';

describe('lab download', () => {
  it('hands over a single file as itself', () => {
    const download = labDownload('02-batch', [{ name: 'classify_batch.py', code: 'x = 1\n' }]);
    expect(download.filename).toBe('classify_batch.py');
    expect(download.type).toBe('text/x-python');
    expect(new TextDecoder().decode(download.bytes)).toBe('x = 1\n');
  });

  it('hands over several files as one ZIP named after the lab, files in its folder', () => {
    const download = labDownload('03-streaming', [
      { name: 'classify_stream.py', code: 'a' },
      { name: 'helpers.py', code: 'b' },
    ]);
    expect(download.filename).toBe('03-streaming.zip');
    expect(download.type).toBe('application/zip');
    const text = new TextDecoder().decode(download.bytes);
    expect(text).toContain('03-streaming/classify_stream.py');
    expect(text).toContain('03-streaming/helpers.py');
  });
});
