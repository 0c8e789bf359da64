import { useTranslation } from 'react-i18next';
import type { BackOfficeRequestDetail, ProposedWindow, WindowView } from '@guichet/contracts';
import { formatWindowRange } from '../../components/ui/execution-window-facts.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { useLocale } from '../../lib/i18n/index.ts';

export interface LocalWindow {
  startsAt: string;
  endsAt: string;
}

export const noWindow: LocalWindow = { startsAt: '', endsAt: '' };

/** What « Planifier » starts from: the proposal (the customer's window, else the next maintenance). */
export function proposedLocal(
  detail: Pick<BackOfficeRequestDetail, 'proposedWindow'>,
): LocalWindow {
  return detail.proposedWindow?.local ?? noWindow;
}

/** The schedule body's `plannedWindow`: only when both ends are typed. */
export function plannedWindowInput(window: LocalWindow): { plannedWindow?: LocalWindow } {
  return window.startsAt && window.endsAt ? { plannedWindow: window } : {};
}

interface PlannedWindowFieldsProps {
  proposal: ProposedWindow | null;
  /** The window the customer asked, said when it is not the one proposed (frozen or past). */
  asked: WindowView | null;
  value: LocalWindow;
  onChange: (window: LocalWindow) => void;
}

/**
 * « Fenêtre d'exécution planifiée » in the « Planifier » dialog (decision 0037): prefilled with
 * the proposal, said where it comes from, typed in the contract's time zone. Inside a freeze
 * the server refuses it with `in_freeze_period`.
 */
export function PlannedWindowFields({
  proposal,
  asked,
  value,
  onChange,
}: PlannedWindowFieldsProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <fieldset className="execution-window">
      <legend>{t('windows.planned')}</legend>
      <p className="muted">
        {proposal
          ? t(`windows.schedule.proposed.${proposal.source}`, {
              range: formatWindowRange(proposal, locale, t),
            })
          : asked
            ? t('windows.schedule.noMaintenance')
            : t('windows.schedule.noProposal')}
      </p>
      {asked && proposal?.source !== 'customer' ? (
        <p className="muted">
          {t('windows.schedule.askedUnavailable', {
            range: formatWindowRange(asked, locale, t),
          })}
        </p>
      ) : null}
      <div className="form-grid">
        <TextField
          id="move-window-start"
          label={t('windows.form.startsAt')}
          hint={proposal ? t('windows.form.zone', { timeZone: proposal.timeZone }) : undefined}
          type="datetime-local"
          value={value.startsAt}
          onChange={(startsAt) => onChange({ ...value, startsAt })}
        />
        <TextField
          id="move-window-end"
          label={t('windows.form.endsAt')}
          type="datetime-local"
          value={value.endsAt}
          onChange={(endsAt) => onChange({ ...value, endsAt })}
        />
      </div>
    </fieldset>
  );
}
