import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { instantOfLocal } from '@guichet/domain';
import type { Locale } from '@guichet/domain';
import type { RequestDetail } from '@guichet/contracts';
import { formatDateTime } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { Fact } from './fact.tsx';

type Span =
  | { startsAt: string; endsAt: string; timeZone: string }
  | { local: { startsAt: string; endsAt: string }; timeZone: string };

/** « du 20 déc. 2026, 22:00 au 21 déc. 2026, 02:00 (Europe/Paris) », read in the span's zone. */
export function formatWindowRange(span: Span, locale: Locale, t: TFunction): string {
  const [startsAt, endsAt] =
    'local' in span
      ? [span.local.startsAt, span.local.endsAt].map((local) =>
          instantOfLocal(local, span.timeZone).toISOString(),
        )
      : [span.startsAt, span.endsAt];
  return t('windows.range', {
    start: formatDateTime(startsAt, locale, span.timeZone),
    end: formatDateTime(endsAt, locale, span.timeZone),
    timeZone: span.timeZone,
  });
}

/**
 * A request's execution windows among its facts (decision 0037), to the customer and the
 * agent alike: the one asked, and the one planned with « Planifier ».
 */
export function ExecutionWindowFacts({
  detail,
}: {
  detail: Pick<RequestDetail, 'executionWindow' | 'plannedWindow'>;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      {detail.executionWindow ? (
        <Fact label={t('windows.asked')}>
          {formatWindowRange(detail.executionWindow, locale, t)}
        </Fact>
      ) : null}
      {detail.plannedWindow ? (
        <Fact label={t('windows.planned')}>
          {formatWindowRange(detail.plannedWindow, locale, t)}
        </Fact>
      ) : null}
    </>
  );
}
