import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/** A CSV file a service hands its route: its name and its text, piece by piece. */
export interface CsvExport {
  fileName: string;
  /**
   * The file's text in pieces (records, or batches of them), pulled as the client reads:
   * a large export is streamed, never held whole (decision 0033).
   */
  records: AsyncIterable<string> | Iterable<string>;
}

/** Answers a CSV export as an attachment, streamed as it is written. */
export function sendCsv(reply: FastifyReply, csv: CsvExport): FastifyReply {
  return (
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${csv.fileName}"`)
      .header('cache-control', 'private, no-store')
      // A byte stream (16 KB high-water mark), not an object stream: the latter pulls 16
      // pieces ahead, i.e. 16 batches of the export in memory before the client reads them.
      .send(Readable.from(csv.records, { objectMode: false }))
  );
}

/** How the request exports are written, for their OpenAPI summaries. */
export const requestCsvNote =
  ' CSV, streamed: UTF-8 with a byte-order mark, a header row in your language, `?separator=semicolon` for spreadsheets set to French, dates as `YYYY-MM-DD HH:MM` in `?timeZone=` (IANA, default Europe/Paris); text cells starting with = + - @, a tab or a carriage return are prefixed with an apostrophe.';
