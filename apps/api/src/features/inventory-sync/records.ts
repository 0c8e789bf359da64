/** One record of a streamed file: its first line's number, and its bytes (or too long). */
export type FileRecord =
  | { line: number; bytes: Buffer; isTooLong: false }
  | { line: number; bytes: null; isTooLong: true };

const newline = 0x0a;
const carriageReturn = 0x0d;
const quote = 0x22;

/**
 * Splits a byte stream into records, one a line, holding at most `maxBytes` of one record in
 * memory (a longer one is skipped to its end and reported `isTooLong`). With `isQuoted`
 * (CSV), a line break inside double quotes belongs to the record. Blank lines are skipped; a
 * trailing `\r` is dropped.
 */
export async function* splitRecords(
  chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  options: { maxBytes: number; isQuoted: boolean },
): AsyncGenerator<FileRecord> {
  let parts: Buffer[] = [];
  let size = 0;
  let isTooLong = false;
  // Quotes seen in the current record: odd means a line break belongs to it.
  let quotes = 0;
  let line = 1;
  let recordLine = 1;

  const take = (chunk: Buffer, start: number, end: number) => {
    if (isTooLong || end === start) return;
    if (size + (end - start) > options.maxBytes + 1) {
      // +1: a record's trailing \r is not counted against it.
      isTooLong = true;
      parts = [];
      size = 0;
      return;
    }
    parts.push(chunk.subarray(start, end));
    size += end - start;
  };
  const finish = (): FileRecord | null => {
    const startLine = recordLine;
    const wasTooLong = isTooLong;
    let bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
    if (bytes.length > 0 && bytes[bytes.length - 1] === carriageReturn) {
      bytes = bytes.subarray(0, bytes.length - 1);
    }
    parts = [];
    size = 0;
    isTooLong = false;
    quotes = 0;
    recordLine = line;
    if (wasTooLong || bytes.length > options.maxBytes) {
      return { line: startLine, bytes: null, isTooLong: true };
    }
    if (bytes.length === 0) return null;
    return { line: startLine, bytes, isTooLong: false };
  };

  for await (const raw of chunks) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    let position = 0;
    while (position < chunk.length) {
      const end = chunk.indexOf(newline, position);
      const stop = end === -1 ? chunk.length : end;
      if (options.isQuoted) {
        for (let at = chunk.indexOf(quote, position); at !== -1 && at < stop;) {
          quotes += 1;
          at = chunk.indexOf(quote, at + 1);
        }
      }
      take(chunk, position, stop);
      if (end === -1) break;
      line += 1;
      position = end + 1;
      if (options.isQuoted && quotes % 2 === 1) {
        // The line break is inside a quoted field: keep it in the record.
        take(chunk, end, end + 1);
        continue;
      }
      const record = finish();
      if (record) yield record;
    }
  }
  const last = finish();
  if (last) yield last;
}
