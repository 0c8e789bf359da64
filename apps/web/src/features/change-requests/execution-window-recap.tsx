import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { localDateTimePattern } from '@guichet/domain';
import type { PreviewBody, PreviewView } from '@guichet/contracts';
import { formatWindowRange } from '../../components/ui/execution-window-facts.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { useLocale } from '../../lib/i18n/index.ts';
import type { ChangeFormState } from './change-form-state.ts';

/** The preview's `executionWindow`: sent once both inputs hold a date and time. */
export function previewWindowOf(state: ChangeFormState): Pick<PreviewBody, 'executionWindow'> {
  const { startsAt, endsAt } = state.window;
  return localDateTimePattern.test(startsAt) && localDateTimePattern.test(endsAt)
    ? { executionWindow: { startsAt, endsAt } }
    : {};
}

interface WindowRecapProps {
  window: { startsAt: string; endsAt: string } | null;
  timeZone: string;
  preview: PreviewView | undefined;
}

/**
 * Before « Confirmer la demande »: the window asked, and what the preview warns about it — a
 * freeze period the provider declared, another open change on the item in the same span.
 * Warnings only: the request may be confirmed all the same (decision 0037).
 */
export function WindowRecap({ window, timeZone, preview }: WindowRecapProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (
    !window ||
    !localDateTimePattern.test(window.startsAt) ||
    !localDateTimePattern.test(window.endsAt)
  )
    return null;
  const warnings = preview?.windowWarnings ?? { freezes: [], overlaps: [] };
  return (
    <div className="window-recap" aria-live="polite">
      <p>
        <strong>{t('windows.asked')}</strong>{' '}
        {formatWindowRange({ local: window, timeZone }, locale, t)}
      </p>
      {warnings.freezes.length > 0 ? (
        <Notice tone="warning" title={t('windows.warnings.freezeTitle')}>
          <p>{t('windows.warnings.freeze', { count: warnings.freezes.length })}</p>
          <ul>
            {warnings.freezes.map((freeze) => (
              <li key={freeze.id}>
                {t('windows.warnings.freezeItem', {
                  label: freeze.label,
                  range: formatWindowRange(
                    { startsAt: freeze.startsAt, endsAt: freeze.endsAt, timeZone },
                    locale,
                    t,
                  ),
                })}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {warnings.overlaps.length > 0 ? (
        <Notice tone="warning" title={t('windows.warnings.overlapTitle')}>
          <p>{t('windows.warnings.overlap', { count: warnings.overlaps.length })}</p>
          <ul>
            {warnings.overlaps.map((other) => (
              <li key={other.id}>
                <Link to={`/demandes/${other.id}`}>{other.number}</Link>{' '}
                {formatWindowRange(other.window, locale, t)}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
    </div>
  );
}
