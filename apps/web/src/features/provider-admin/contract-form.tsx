import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminContractView, AdminCustomerView, ContractInput } from '@guichet/contracts';
import { contractStatuses, supportLevels } from '@guichet/domain';
import type { ContractStatus, Locale } from '@guichet/domain';
import { ButtonLink } from '../../components/ui/button.tsx';
import { FormActions } from '../../components/ui/form-actions.tsx';
import { SelectField, optionsOf } from '../../components/ui/select-field.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { locales } from '../../lib/i18n/index.ts';
import { useFormValues } from '../../lib/use-form-values.ts';
import { useAdminErrors } from './admin-errors.ts';
import { AdminFormNotices } from './admin-form-notices.tsx';
import { useCreateContract, useUpdateContract } from './provider-admin-api.ts';

/** IANA zones this browser knows, for the time zone's suggestions. */
const timeZones: readonly string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** `49,90` or `49.90` → 49.9; anything else is sent as is for the API to judge. */
function decimalOf(text: string): number {
  const normalized = text.trim().replace(',', '.');
  return normalized === '' ? Number.NaN : Number(normalized);
}

function integerOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text.trim());
}

/** The form's inputs by their API path (errors point at these). */
type ContractValues = {
  id: string;
  offer: string;
  supportLevel: string;
  freeChangesPerMonth: string;
  tokenPriceEur: string;
  timeZone: string;
  status: ContractStatus;
  startsOn: string;
  endsOn: string;
  'referent.userId': string;
  'referent.email': string;
  'referent.firstName': string;
  'referent.lastName': string;
  'referent.locale': Locale;
};

type ReferentChoice = 'none' | 'new' | 'existing';

type ContractFormProps =
  | { mode: 'create'; customer: AdminCustomerView; onCreated: (id: string) => void }
  | { mode: 'edit'; contract: AdminContractView; onReload: () => void };

/**
 * A contract's terms (support level, free changes, token price, time zone), status and days;
 * at creation also its number and first referent. Each API error shows on its field.
 */
export function ContractForm(props: ContractFormProps) {
  const { t } = useTranslation();
  const create = useCreateContract();
  const update = useUpdateContract(props.mode === 'edit' ? props.contract.id : '');
  const current = props.mode === 'edit' ? props.contract : null;
  const form = useFormValues<ContractValues>(() => ({
    id: 'OCB',
    offer: current?.offer ?? 'Flexible Engine',
    supportLevel: current?.supportLevel ?? 'Standard',
    freeChangesPerMonth: String(current?.freeChangesPerMonth ?? 0),
    tokenPriceEur: current
      ? String(current.tokenPriceEur).replace('.', t('providerAdmin.decimalSeparator'))
      : '',
    timeZone: current?.timeZone ?? 'Europe/Paris',
    status: current?.status ?? 'active',
    startsOn: current?.startsOn ?? new Date().toISOString().slice(0, 10),
    endsOn: current?.endsOn ?? '',
    'referent.userId': '',
    'referent.email': '',
    'referent.firstName': '',
    'referent.lastName': '',
    'referent.locale': props.mode === 'create' ? props.customer.locale : 'fr',
  }));
  const values = form.values;
  const [referentChoice, setReferentChoice] = useState<ReferentChoice>('none');
  const [isSaved, setIsSaved] = useState(false);

  const labels: Record<string, string> = {
    offer: t('providerAdmin.contract.offer'),
    supportLevel: t('providerAdmin.contract.supportLevel'),
    freeChangesPerMonth: t('providerAdmin.contract.freeChangesPerMonth'),
    tokenPriceEur: t('providerAdmin.contract.tokenPriceEur'),
    timeZone: t('providerAdmin.contract.timeZone'),
    status: t('providerAdmin.contract.status'),
    startsOn: t('providerAdmin.contract.startsOn'),
    endsOn: t('providerAdmin.contract.endsOn'),
    ...(props.mode === 'create'
      ? {
          id: t('providerAdmin.contract.id'),
          ...(referentChoice === 'new'
            ? {
                'referent.email': t('providerAdmin.contract.email'),
                'referent.firstName': t('providerAdmin.contract.firstName'),
                'referent.lastName': t('providerAdmin.contract.lastName'),
              }
            : {}),
          ...(referentChoice === 'existing'
            ? { 'referent.userId': t('providerAdmin.contract.referentUser') }
            : {}),
        }
      : {}),
  };
  const errors = useAdminErrors(labels);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    setIsSaved(false);
    const terms = {
      offer: values.offer,
      supportLevel: values.supportLevel,
      freeChangesPerMonth: integerOf(values.freeChangesPerMonth),
      tokenPriceEur: decimalOf(values.tokenPriceEur),
      timeZone: values.timeZone.trim(),
      status: values.status,
      startsOn: values.startsOn,
      endsOn: values.endsOn === '' ? null : values.endsOn,
    };
    if (props.mode === 'create') {
      const referent: ContractInput['referent'] =
        referentChoice === 'new'
          ? {
              kind: 'new',
              email: values['referent.email'],
              firstName: values['referent.firstName'],
              lastName: values['referent.lastName'],
              locale: values['referent.locale'],
            }
          : referentChoice === 'existing'
            ? { kind: 'existing', userId: values['referent.userId'] }
            : null;
      create.mutate(
        { id: values.id.trim().toUpperCase(), customerId: props.customer.id, ...terms, referent },
        { onSuccess: (created) => props.onCreated(created.id), onError: errors.take },
      );
    } else {
      update.mutate(
        { version: props.contract.version, ...terms },
        { onSuccess: () => setIsSaved(true), onError: errors.take },
      );
    }
  };

  /** What ties a field to its path: its id, its label and the API's error for it. */
  const fieldOf = <Path extends keyof ContractValues>(path: Path) => ({
    ...form.bind(path),
    label: labels[path] ?? path,
    error: errors.at(path),
  });
  const textOf = <Path extends keyof ContractValues>(path: Path) => ({
    ...fieldOf(path),
    autoComplete: 'off',
  });
  const localeOptions = optionsOf(locales, (value) => t(`providerAdmin.locales.${value}`));

  return (
    <form className="provider-admin__form" onSubmit={onSubmit} noValidate>
      <AdminFormNotices
        errors={errors}
        conflictTitle={props.mode === 'edit' ? t('providerAdmin.contract.conflict') : null}
        onReload={props.mode === 'edit' ? props.onReload : undefined}
        savedText={isSaved ? t('providerAdmin.contract.saved') : null}
      />
      <div className="form-grid">
        {props.mode === 'create' ? (
          <TextField
            {...textOf('id')}
            isRequired
            className="mono"
            hint={t('providerAdmin.contract.idHint')}
          />
        ) : null}
        <TextField {...textOf('offer')} isRequired />
        <SelectField
          {...fieldOf('supportLevel')}
          isRequired
          options={optionsOf(supportLevels, (level) => level)}
        />
        <TextField
          {...textOf('freeChangesPerMonth')}
          isRequired
          inputMode="numeric"
          hint={t('providerAdmin.contract.freeChangesHint')}
        />
        <TextField
          {...textOf('tokenPriceEur')}
          isRequired
          inputMode="decimal"
          hint={t('providerAdmin.contract.tokenPriceHint')}
        />
        <TextField
          {...textOf('timeZone')}
          isRequired
          list="time-zones"
          hint={t('providerAdmin.contract.timeZoneHint')}
        />
        <datalist id="time-zones">
          {timeZones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <SelectField
          {...fieldOf('status')}
          isRequired
          hint={t('providerAdmin.contract.statusHint')}
          options={optionsOf(contractStatuses, (item) => t(`providerAdmin.status.${item}`))}
        />
        <TextField {...textOf('startsOn')} isRequired type="date" />
        <TextField
          {...textOf('endsOn')}
          type="date"
          hint={t('providerAdmin.contract.endsOnHint')}
        />
      </div>

      {props.mode === 'create' ? (
        <fieldset className="provider-admin__referent">
          <legend className="field__label">{t('providerAdmin.contract.referent')}</legend>
          <p className="field__hint">{t('providerAdmin.contract.referentHint')}</p>
          <div className="provider-admin__choices">
            {(['none', 'new', 'existing'] as const).map((choice) => (
              <label key={choice} className="provider-admin__choice">
                <input
                  type="radio"
                  name="referent-choice"
                  value={choice}
                  checked={referentChoice === choice}
                  disabled={choice === 'existing' && props.customer.users.length === 0}
                  onChange={() => setReferentChoice(choice)}
                />
                {choice === 'none'
                  ? t('providerAdmin.contract.referentNone')
                  : choice === 'new'
                    ? t('providerAdmin.contract.referentNew')
                    : t('providerAdmin.contract.referentExisting')}
              </label>
            ))}
          </div>
          {referentChoice === 'new' ? (
            <div className="form-grid">
              <TextField
                {...fieldOf('referent.email')}
                isRequired
                type="email"
                autoComplete="email"
              />
              <TextField {...textOf('referent.firstName')} isRequired />
              <TextField {...textOf('referent.lastName')} isRequired />
              <SelectField
                {...form.bind('referent.locale')}
                label={t('providerAdmin.contract.referentLocale')}
                options={localeOptions}
              />
            </div>
          ) : null}
          {referentChoice === 'existing' ? (
            <SelectField
              {...fieldOf('referent.userId')}
              isRequired
              options={[
                { value: '', label: t('providerAdmin.contract.referentChoose') },
                ...props.customer.users.map((user) => ({
                  value: user.id,
                  label: `${user.displayName} — ${user.email}`,
                })),
              ]}
            />
          ) : null}
        </fieldset>
      ) : null}

      <p className="required-legend">{t('changeForm.requiredLegend')}</p>
      <FormActions
        start={
          props.mode === 'create' ? (
            <ButtonLink to={`/back-office/clients/${props.customer.id}`}>
              {t('providerAdmin.contract.cancel')}
            </ButtonLink>
          ) : null
        }
        submitLabel={
          props.mode === 'create'
            ? t('providerAdmin.contract.create')
            : t('providerAdmin.contract.save')
        }
        isBusy={create.isPending || update.isPending}
      />
    </form>
  );
}
