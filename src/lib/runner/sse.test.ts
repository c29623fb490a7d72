import { describe, expect, it } from 'vitest';

import { parseSse } from './sse';

describe('parseSse', () => {
  it('parses complete messages and keeps the unfinished rest', () => {
    const { messages, rest } = parseSse(
      'event: log\ndata: {"line":"a"}\n\nevent: status\ndata: {"x":1}\n\nevent: lo',
    );
    expect(messages).toEqual([
      { event: 'log', data: '{"line":"a"}' },
      { event: 'status', data: '{"x":1}' },
    ]);
    expect(rest).toBe('event: lo');
  });

  it('joins multi-line data, defaults the event name and ignores comments', () => {
    const { messages } = parseSse(': keep-alive\n\ndata: one\r\ndata: two\r\n\r\n');
    expect(messages).toEqual([{ event: 'message', data: 'one\ntwo' }]);
  });
});
