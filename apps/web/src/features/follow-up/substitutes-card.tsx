import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SubstitutionBody, SubstitutionView } from '@guichet/contracts';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { DataTable } from '../../components/ui/data-table.tsx';
import type { Column } from '../../components/ui/data-table.tsx';
import { FormActions } from '../../components/ui/form-actions.tsx';
import { FormFeedback } from '../../components/ui/form-feedback.tsx';
import { SelectField, optionsOf } from '../../components/ui/select-field.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { api, isApiError } from '../../lib/api-client.ts';
import type { ErrorDetail } from '../../lib/api-client.ts';
import { detailMessage, errorText } from '../../lib/field-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useInvalidatingMutation } from '../../lib/query-hooks.ts';
import { approvalKeys } from './approvals-api.ts';
import './follow-up.css';

/**
 * « Suppléances » (decision 0034): an approver names a substitute (a Gestionnaire on Demandes of
 * the contract) who approves for them during a period, sees the current and future ones, removes
 * one. Dates are whole days in the browser's zone: from the first day's midnight to the midnight
 * after the last.
 */
const substitutesKey = ['approval-substitutes'] as const;

/** `2026-12-24` → that day's local midnight, as the API's offset datetime. */
function startOfDay(day: string, daysAfter = 0): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year ?? 0, (month ?? 1) - 1, (date ?? 1) + daysAfter).toISOString();
}

export function SubstitutesCard({
  userId,
  contractIds,
}: {
  userId: string;
  /** The contracts where the caller is Gestionnaire on Demandes (may approve). */
  contractIds: readonly string[];
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [contractId, setContractId] = useState(contractIds[0] ?? '');
  const list = useQuery({
    queryKey: substitutesKey,
    // Only the current and future ones, as of the reading.
    queryFn: async ({ signal }) => {
      const { items } = await api.GET('/api/approval-substitutes', { signal });
      const now = Date.now();
      return items.filter((item) => Date.parse(item.endsAt) > now);
    },
  });
  const remove = useInvalidatingMutation(
    (id: string) => api.DELETE('/api/approval-substitutes/{id}', { params: { path: { id } } }),
    [substitutesKey, approvalKeys.pending],
  );
  if (contractIds.length === 0) return null;
  const standing = list.data ?? [];
  const lastDay = (item: SubstitutionView) =>
    formatDate(new Date(Date.parse(item.endsAt) - 1).toISOString(), locale);
  const columns: Column<SubstitutionView>[] = [
    ...(contractIds.length > 1
      ? [
          {
            key: 'contract',
            header: t('approvals.substitutes.contract'),
            cell: (row: SubstitutionView) => row.contractId,
          },
        ]
      : []),
    {
      key: 'approver',
      header: t('approvals.substitutes.approver'),
      cell: (row) => row.approver.name,
    },
    {
      key: 'substitute',
      header: t('approvals.substitutes.substitute'),
      cell: (row) => row.substitute.name,
    },
    {
      key: 'period',
      header: t('approvals.substitutes.period'),
      cell: (row) =>
        t('approvals.substitutes.periodValue', {
          start: formatDate(row.startsAt, locale),
          end: lastDay(row),
        }),
    },
    {
      key: 'actions',
      header: t('approvals.substitutes.remove'),
      isHeaderHidden: true,
      cell: (row) =>
        row.approver.id === userId ? (
          <Button
            variant="danger"
            isBusy={remove.isPending && remove.variables === row.id}
            aria-label={t('approvals.substitutes.removeOne', { name: row.substitute.name })}
            onClick={() => remove.mutate(row.id)}
          >
            {t('approvals.substitutes.remove')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Card title={t('approvals.substitutes.title')} titleId="approval-substitutes">
      <p className="muted">{t('approvals.substitutes.intro')}</p>
      {contractIds.length > 1 ? (
        <SelectField
          id="substitute-contract"
          label={t('approvals.substitutes.contract')}
          value={contractId}
          options={optionsOf(contractIds, (id) => id)}
          onChange={setContractId}
        />
      ) : null}
      <SubstituteForm key={contractId} contractId={contractId} userId={userId} />
      <h3>{t('approvals.substitutes.list')}</h3>
      {standing.length === 0 ? (
        <p className="muted">{t('approvals.substitutes.empty')}</p>
      ) : (
        <DataTable caption={t('approvals.substitutes.list')} columns={columns} rows={standing} />
      )}
      <FormFeedback
        success={remove.isSuccess ? t('approvals.substitutes.removed') : null}
        error={remove.error ? errorText(remove.error, t) : null}
      />
    </Card>
  );
}

function SubstituteForm({ contractId, userId }: { contractId: string; userId: string }) {
  const { t } = useTranslation();
  const [substituteId, setSubstituteId] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [details, setDetails] = useState<ErrorDetail[]>([]);
  const candidates = useQuery({
    queryKey: ['approval-rules', contractId],
    queryFn: ({ signal }) =>
      api.GET('/api/contracts/{contractId}/approval-rules', {
        params: { path: { contractId } },
        signal,
      }),
  });
  const add = useInvalidatingMutation(
    (body: SubstitutionBody) => api.POST('/api/approval-substitutes', { body }),
    [substitutesKey],
  );
  const others = (candidates.data?.candidates ?? []).filter((user) => user.id !== userId);
  const errorOf = (path: string) => {
    const detail = details.find((item) => item.path === path);
    if (!detail) return null;
    return t(
      `approvals.substitutes.problems.${detail.rule ?? ''}` as 'approvals.substitutes.required',
      {
        defaultValue: detailMessage(detail),
      },
    );
  };
  const submit = () => {
    add.reset();
    const required = t('approvals.substitutes.required');
    const missing: ErrorDetail[] = (
      [
        ['substituteId', substituteId],
        ['startsAt', startsOn],
        ['endsAt', endsOn],
      ] as const
    )
      .filter(([, value]) => value === '')
      .map(([path]) => ({ path, message: required }));
    setDetails(missing);
    if (missing.length > 0) return;
    add.mutate(
      {
        contractId,
        substituteId,
        startsAt: startOfDay(startsOn),
        endsAt: startOfDay(endsOn, 1),
      },
      {
        onSuccess: () => {
          setSubstituteId('');
          setStartsOn('');
          setEndsOn('');
        },
        onError: (error) => {
          if (isApiError(error)) setDetails(error.details);
        },
      },
    );
  };
  if (candidates.data && others.length === 0) {
    return <p className="muted">{t('approvals.substitutes.noCandidate')}</p>;
  }
  const generalError = add.error && details.length === 0 ? errorText(add.error, t) : null;
  return (
    <form
      noValidate
      className="substitute-form"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <SelectField
        id="field-substituteId"
        label={t('approvals.substitutes.substitute')}
        isRequired
        value={substituteId}
        options={[
          { value: '', label: t('approvals.substitutes.choose') },
          ...others.map((user) => ({ value: user.id, label: user.name })),
        ]}
        error={errorOf('substituteId')}
        onChange={(value) => {
          setSubstituteId(value);
          setDetails((list) => list.filter((item) => item.path !== 'substituteId'));
        }}
      />
      <div className="substitute-form__period">
        <TextField
          id="field-startsAt"
          label={t('approvals.substitutes.startsOn')}
          type="date"
          isRequired
          value={startsOn}
          error={errorOf('startsAt')}
          onChange={(value) => {
            setStartsOn(value);
            setDetails((list) => list.filter((item) => item.path !== 'startsAt'));
          }}
        />
        <TextField
          id="field-endsAt"
          label={t('approvals.substitutes.endsOn')}
          type="date"
          isRequired
          min={startsOn || undefined}
          value={endsOn}
          error={errorOf('endsAt')}
          onChange={(value) => {
            setEndsOn(value);
            setDetails((list) => list.filter((item) => item.path !== 'endsAt'));
          }}
        />
      </div>
      <FormFeedback
        success={add.isSuccess ? t('approvals.substitutes.added') : null}
        error={generalError}
      />
      <FormActions submitLabel={t('approvals.substitutes.add')} isBusy={add.isPending} />
    </form>
  );
}
