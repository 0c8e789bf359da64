import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changePeriodKinds } from '@guichet/domain';
import type { ChangePeriodKind } from '@guichet/domain';
import type { ChangePeriodView } from '@guichet/contracts';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { DataTable, EmptyState } from '../../components/ui/data-table.tsx';
import type { Column } from '../../components/ui/data-table.tsx';
import { FormActions } from '../../components/ui/form-actions.tsx';
import { FormFeedback } from '../../components/ui/form-feedback.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryFallback } from '../../components/ui/query-fallback.tsx';
import { SelectField, optionsOf } from '../../components/ui/select-field.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { errorText, firstDetailText, messagesByPath } from '../../lib/field-errors.ts';
import { formatDateTime, localDateTimeValue } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useInvalidatingMutation } from '../../lib/query-hooks.ts';
import {
  changePeriodKeys,
  createChangePeriod,
  deleteChangePeriod,
  updateChangePeriod,
  useChangePeriods,
} from './change-periods-api.ts';

interface Draft {
  id: string | null;
  version: number;
  kind: ChangePeriodKind;
  label: string;
  offer: string;
  region: string;
  startsAt: string;
  endsAt: string;
}

const blank: Draft = {
  id: null,
  version: 1,
  kind: 'freeze',
  label: '',
  offer: '',
  region: '',
  startsAt: '',
  endsAt: '',
};

/** An instant as this browser's `datetime-local` value, and back. */
function localInput(iso: string): string {
  return localDateTimeValue(new Date(iso));
}

function instantOf(local: string): string {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

function draftOf(period: ChangePeriodView): Draft {
  return {
    id: period.id,
    version: period.version,
    kind: period.kind,
    label: period.label,
    offer: period.offer ?? '',
    region: period.region ?? '',
    startsAt: localInput(period.startsAt),
    endsAt: localInput(period.endsAt),
  };
}

/**
 * « Périodes de gel et de maintenance » (decision 0037): the provider's freezes and maintenance
 * periods per offer or region, listed by start, declared, edited and deleted by admins.
 */
export function ChangePeriodsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [includePast, setIncludePast] = useState(false);
  const [draft, setDraft] = useState<Draft>(blank);
  const [flash, setFlash] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<ChangePeriodView | null>(null);
  const periods = useChangePeriods(includePast);
  const stale = [changePeriodKeys.all];

  const save = useInvalidatingMutation((value: Draft) => {
    const body = {
      kind: value.kind,
      label: value.label,
      offer: value.offer.trim() || null,
      region: value.region.trim() || null,
      startsAt: instantOf(value.startsAt),
      endsAt: instantOf(value.endsAt),
    };
    return value.id
      ? updateChangePeriod(value.id, { ...body, version: value.version })
      : createChangePeriod(body);
  }, stale);
  const remove = useInvalidatingMutation((id: string) => deleteChangePeriod(id), stale);

  const errors = save.error && isApiError(save.error) ? messagesByPath(save.error.details) : null;
  const errorFor = (path: string) => errors?.get(path) ?? null;
  const generalError =
    save.error && !(isApiError(save.error) && save.error.details.length > 0)
      ? errorText(save.error, t)
      : null;
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const set = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));

  const columns: Column<ChangePeriodView>[] = [
    {
      key: 'kind',
      header: t('windows.periods.fields.kind'),
      cell: (p) => t(`windows.periods.kinds.${p.kind}`),
    },
    { key: 'label', header: t('windows.periods.fields.label'), cell: (p) => p.label },
    {
      key: 'scope',
      header: t('windows.periods.fields.scope'),
      cell: (p) =>
        [p.offer, p.region].filter(Boolean).join(' · ') || t('windows.periods.everywhere'),
    },
    {
      key: 'startsAt',
      header: t('windows.periods.fields.startsAt'),
      className: 'nowrap',
      cell: (p) => formatDateTime(p.startsAt, locale),
    },
    {
      key: 'endsAt',
      header: t('windows.periods.fields.endsAt'),
      className: 'nowrap',
      cell: (p) => formatDateTime(p.endsAt, locale),
    },
    {
      key: 'actions',
      header: t('windows.periods.fields.actions'),
      isHeaderHidden: true,
      cell: (p) => (
        <span className="row-actions">
          <Button
            onClick={() => {
              save.reset();
              setFlash(null);
              setDraft(draftOf(p));
            }}
          >
            {t('windows.periods.edit')}
          </Button>
          <Button variant="danger" onClick={() => setToDelete(p)}>
            {t('windows.periods.delete')}
          </Button>
        </span>
      ),
    },
  ];

  return (
    <div className="page">
      <PageHeader title={t('windows.periods.title')} subtitle={t('windows.periods.intro')} />
      <FormFeedback success={flash} />
      <Card
        title={draft.id ? t('windows.periods.edit') : t('windows.periods.new')}
        titleId="period-form"
      >
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setFlash(null);
            save.mutate(draft, {
              onSuccess: () => {
                setFlash(t('windows.periods.saved'));
                setDraft(blank);
              },
            });
          }}
        >
          <FormFeedback error={generalError} />
          <div className="form-grid">
            <SelectField
              id="period-kind"
              label={t('windows.periods.fields.kind')}
              isRequired
              value={draft.kind}
              options={optionsOf(changePeriodKinds, (kind) => t(`windows.periods.kinds.${kind}`))}
              error={errorFor('kind')}
              onChange={(kind) => set({ kind })}
            />
            <TextField
              id="period-label"
              label={t('windows.periods.fields.label')}
              isRequired
              maxLength={200}
              value={draft.label}
              error={errorFor('label')}
              onChange={(label) => set({ label })}
            />
            <TextField
              id="period-offer"
              label={t('windows.periods.fields.offer')}
              hint={t('windows.periods.fields.offerHint')}
              maxLength={100}
              value={draft.offer}
              error={errorFor('offer')}
              onChange={(offer) => set({ offer })}
            />
            <TextField
              id="period-region"
              label={t('windows.periods.fields.region')}
              hint={t('windows.periods.fields.regionHint')}
              maxLength={100}
              value={draft.region}
              error={errorFor('region')}
              onChange={(region) => set({ region })}
            />
            <TextField
              id="period-starts-at"
              label={t('windows.periods.fields.startsAt')}
              hint={t('windows.periods.fields.timeHint', { timeZone: browserZone })}
              isRequired
              type="datetime-local"
              value={draft.startsAt}
              error={errorFor('startsAt')}
              onChange={(startsAt) => set({ startsAt })}
            />
            <TextField
              id="period-ends-at"
              label={t('windows.periods.fields.endsAt')}
              isRequired
              type="datetime-local"
              value={draft.endsAt}
              error={errorFor('endsAt')}
              onChange={(endsAt) => set({ endsAt })}
            />
          </div>
          <FormActions submitLabel={t('windows.periods.save')} isBusy={save.isPending}>
            {draft.id ? (
              <Button onClick={() => setDraft(blank)}>{t('windows.periods.cancel')}</Button>
            ) : null}
          </FormActions>
        </form>
      </Card>

      <FormField id="periods-include-past" label={t('windows.periods.includePast')} layout="inline">
        {(control) => (
          <input
            {...control}
            type="checkbox"
            checked={includePast}
            onChange={(event) => setIncludePast(event.target.checked)}
          />
        )}
      </FormField>
      {!periods.isSuccess ? (
        <QueryFallback query={periods} loadFailed={t('windows.periods.title')} />
      ) : periods.data.items.length === 0 ? (
        <EmptyState>{t('windows.periods.empty')}</EmptyState>
      ) : (
        <DataTable
          caption={t('windows.periods.title')}
          columns={columns}
          rows={periods.data.items}
        />
      )}

      <ConfirmDialog
        isOpen={toDelete !== null}
        title={toDelete ? t('windows.periods.deleteTitle', { label: toDelete.label }) : ''}
        confirmLabel={t('windows.periods.delete')}
        cancelLabel={t('windows.periods.cancel')}
        tone="danger"
        isBusy={remove.isPending}
        onCancel={() => setToDelete(null)}
        onConfirm={() => {
          if (!toDelete) return;
          remove.mutate(toDelete.id, {
            onSuccess: () => {
              setFlash(t('windows.periods.deleted'));
              setToDelete(null);
            },
          });
        }}
      >
        <p>{t('windows.periods.deleteBody')}</p>
        {remove.error ? <p role="alert">{firstDetailText(remove.error, t)}</p> : null}
      </ConfirmDialog>
    </div>
  );
}
