import {
  csvByteOrderMark,
  csvRecord,
  requestExportCells,
  requestExportFileName,
  requestExportHeader,
} from '@guichet/domain';
import type { CsvSeparator, ExportedRequest, RequestExportSurface } from '@guichet/domain';

/** What a request export is written with: the user's language, clock and separator. */
export interface RequestCsvOptions {
  surface: RequestExportSurface;
  locale: 'fr' | 'en';
  timeZone: string;
  separator: CsvSeparator;
  now: Date;
}

/**
 * A request export's file: the byte-order mark and the header, then each batch as it comes
 * (one piece of text a batch, pulled by the response as the client reads it).
 */
export function requestCsvFile<Row>(
  batches: AsyncIterable<readonly Row[]>,
  present: (row: Row) => ExportedRequest,
  options: RequestCsvOptions,
): { fileName: string; records: AsyncIterable<string> } {
  const { surface, locale, timeZone, separator } = options;
  async function* records(): AsyncGenerator<string> {
    yield csvByteOrderMark + csvRecord(requestExportHeader(surface, locale), separator);
    for await (const batch of batches) {
      let text = '';
      for (const row of batch) {
        text += csvRecord(requestExportCells(present(row), surface, locale, timeZone), separator);
      }
      yield text;
    }
  }
  return {
    fileName: requestExportFileName(surface, options.now, timeZone),
    records: records(),
  };
}
