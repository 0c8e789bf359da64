import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../lib/i18n/index.ts';
import './csv-download.css';

export type CsvSeparator = 'comma' | 'semicolon';

/**
 * A CSV download: a plain link (the browser saves the file, streamed by the server), with the
 * choice of `;` that a spreadsheet set to French expects (`,` is its decimal mark): ticked by
 * default in French.
 */
export function CsvDownload({
  label,
  href,
}: {
  label: string;
  href: (separator: CsvSeparator) => string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const [isSemicolon, setSemicolon] = useState(locale === 'fr');
  return (
    <div className="csv-download">
      <label htmlFor={id} className="csv-download__choice">
        <input
          id={id}
          type="checkbox"
          checked={isSemicolon}
          onChange={(event) => setSemicolon(event.target.checked)}
        />
        {t('common.csv.semicolon')}
      </label>
      <a
        className="button button--secondary"
        href={href(isSemicolon ? 'semicolon' : 'comma')}
        download
      >
        {label}
      </a>
    </div>
  );
}
