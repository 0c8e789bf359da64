import { describe, expect, it } from 'vitest';
import { splitRecords } from './records.ts';

async function split(chunks: string[], options = { maxBytes: 10, isQuoted: false }) {
  const found: [number, string | null][] = [];
  for await (const record of splitRecords(
    chunks.map((chunk) => Buffer.from(chunk)),
    options,
  )) {
    found.push([record.line, record.bytes === null ? null : record.bytes.toString()]);
  }
  return found;
}

describe('splitRecords', () => {
  it.each([
    [
      'one line a chunk',
      ['a\n', 'b\n'],
      [
        [1, 'a'],
        [2, 'b'],
      ],
    ],
    [
      'lines across chunks',
      ['ab', 'c\nd', 'e'],
      [
        [1, 'abc'],
        [2, 'de'],
      ],
    ],
    [
      'CRLF',
      ['a\r\nb\r\n'],
      [
        [1, 'a'],
        [2, 'b'],
      ],
    ],
    [
      'blank lines skipped, numbers kept',
      ['a\n\n\r\nb'],
      [
        [1, 'a'],
        [4, 'b'],
      ],
    ],
    [
      'no final newline',
      ['a\nb'],
      [
        [1, 'a'],
        [2, 'b'],
      ],
    ],
    ['exactly the limit', ['0123456789\n'], [[1, '0123456789']]],
    [
      'one byte over',
      ['0123456789X\nok\n'],
      [
        [1, null],
        [2, 'ok'],
      ],
    ],
    [
      'over the limit across chunks',
      ['01234', '567890123', '45\nok'],
      [
        [1, null],
        [2, 'ok'],
      ],
    ],
  ] as const)('%s', async (_name, chunks, expected) => {
    expect(await split([...chunks])).toEqual(expected);
  });

  it('keeps a quoted line break in a CSV record and counts its lines', async () => {
    const options = { maxBytes: 100, isQuoted: true };
    expect(await split(['a,"two\nli', 'nes",b\r\nc,"""x"""\nd\n'], options)).toEqual([
      [1, 'a,"two\nlines",b'],
      [3, 'c,"""x"""'],
      [4, 'd'],
    ]);
  });
});
