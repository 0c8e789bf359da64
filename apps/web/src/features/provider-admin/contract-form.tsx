import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminContractView, AdminCustomerView, ContractInput } from '@guichet/contracts';
import { contractStatuses, supportLevels } from '@guichet/domain';
import type { ContractStatus, Locale } from '@guichet/domain';
import { Button, ButtonLink } from '../../components/ui/button.tsx';
import { ErrorSummary } from '../../components/ui/error-summary.tsx';
import { FormActions } from '../../components/ui/form-actions.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { SelectField, optionsOf } from '../../components/ui/select-field.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { fieldId } from '../../lib/field-errors.ts';
import { locales } from '../../lib/i18n/index.ts';
import { useAdminErrors } from './admin-errors.ts';
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
  const [id, setId] = useState('OCB');
  const [offer, setOffer] = useState(current?.offer ?? 'Flexible Engine');
  const [supportLevel, setSupportLevel] = useState(current?.supportLevel ?? 'Standard');
  const [freeChanges, setFreeChanges] = useState(String(current?.freeChangesPerMonth ?? 0));
  const [tokenPrice, setTokenPrice] = useState(
    current ? String(current.tokenPriceEur).replace('.', t('providerAdmin.decimalSeparator')) : '',
  );
  const [timeZone, setTimeZone] = useState(current?.timeZone ?? 'Europe/Paris');
  const [status, setStatus] = useState<ContractStatus>(current?.status ?? 'active');
  const [startsOn, setStartsOn] = useState(
    current?.startsOn ?? new Date().toISOString().slice(0, 10),
  );
  const [endsOn, setEndsOn] = useState(current?.endsOn ?? '');
  const [referentChoice, setReferentChoice] = useState<ReferentChoice>('none');
  const [referentUserId, setReferentUserId] = useState('');
  const [email, setEmail] = useState('');
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [referentLocale, setReferentLocale] = useState<Locale>(
    props.mode === 'create' ? props.customer.locale : 'fr',
  );
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
      offer,
      supportLevel,
      freeChangesPerMonth: integerOf(freeChanges),
      tokenPriceEur: decimalOf(tokenPrice),
      timeZone: timeZone.trim(),
      status,
      startsOn,
      endsOn: endsOn === '' ? null : endsOn,
    };
    if (props.mode === 'create') {
      const referent: ContractInput['referent'] =
        referentChoice === 'new'
          ? { kind: 'new', email, firstName, lastName, locale: referentLocale }
          : referentChoice === 'existing'
            ? { kind: 'existing', userId: referentUserId }
            : null;
      create.mutate(
        { id: id.trim().toUpperCase(), customerId: props.customer.id, ...terms, referent },
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
  const fieldOf = (path: string) => ({
    id: fieldId(path),
    label: labels[path] ?? path,
    error: errors.at(path),
  });
  const localeOptions = optionsOf(locales, (value) => t(`providerAdmin.locales.${value}`));

  return (
    <form className="provider-admin__form" onSubmit={onSubmit} noValidate>
      <ErrorSummary
        title={t('providerAdmin.errors.title')}
        items={errors.summary}
        focusKey={errors.attempt}
      />
      {errors.general ? (
        <Notice tone="error" isLive>
          {errors.general}
        </Notice>
      ) : null}
      {errors.isStale && props.mode === 'edit' ? (
        <Notice tone="error" isLive title={t('providerAdmin.contract.conflict')}>
          <Button onClick={props.onReload}>{t('providerAdmin.contract.reload')}</Button>
        </Notice>
      ) : null}
      {isSaved ? (
        <Notice tone="success" isLive>
          {t('providerAdmin.contract.saved')}
        </Notice>
      ) : null}
      <div className="form-grid">
        {props.mode === 'create' ? (
          <TextField
            {...fieldOf('id')}
            isRequired
            className="mono"
            hint={t('providerAdmin.contract.idHint')}
            autoComplete="off"
            value={id}
            onChange={setId}
          />
        ) : null}
        <TextField
          {...fieldOf('offer')}
          isRequired
          autoComplete="off"
          value={offer}
          onChange={setOffer}
        />
        <SelectField
          {...fieldOf('supportLevel')}
          isRequired
          value={supportLevel}
          options={optionsOf(supportLevels, (level) => level)}
          onChange={setSupportLevel}
        />
        <TextField
          {...fieldOf('freeChangesPerMonth')}
          isRequired
          inputMode="numeric"
          hint={t('providerAdmin.contract.freeChangesHint')}
          autoComplete="off"
          value={freeChanges}
          onChange={setFreeChanges}
        />
        <TextField
          {...fieldOf('tokenPriceEur')}
          isRequired
          inputMode="decimal"
          hint={t('providerAdmin.contract.tokenPriceHint')}
          autoComplete="off"
          value={tokenPrice}
          onChange={setTokenPrice}
        />
        <TextField
          {...fieldOf('timeZone')}
          isRequired
          list="time-zones"
          hint={t('providerAdmin.contract.timeZoneHint')}
          autoComplete="off"
          value={timeZone}
          onChange={setTimeZone}
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
          value={status}
          options={optionsOf(contractStatuses, (item) => t(`providerAdmin.status.${item}`))}
          onChange={setStatus}
        />
        <TextField
          {...fieldOf('startsOn')}
          isRequired
          type="date"
          autoComplete="off"
          value={startsOn}
          onChange={setStartsOn}
        />
        <TextField
          {...fieldOf('endsOn')}
          type="date"
          hint={t('providerAdmin.contract.endsOnHint')}
          autoComplete="off"
          value={endsOn}
          onChange={setEndsOn}
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
                value={email}
                onChange={setEmail}
              />
              <TextField
                {...fieldOf('referent.firstName')}
                isRequired
                autoComplete="off"
                value={firstName}
                onChange={setFirstName}
              />
              <TextField
                {...fieldOf('referent.lastName')}
                isRequired
                autoComplete="off"
                value={lastName}
                onChange={setLastName}
              />
              <SelectField
                id={fieldId('referent.locale')}
                label={t('providerAdmin.contract.referentLocale')}
                value={referentLocale}
                options={localeOptions}
                onChange={setReferentLocale}
              />
            </div>
          ) : null}
          {referentChoice === 'existing' ? (
            <SelectField
              {...fieldOf('referent.userId')}
              isRequired
              value={referentUserId}
              options={[
                { value: '', label: t('providerAdmin.contract.referentChoose') },
                ...props.customer.users.map((user) => ({
                  value: user.id,
                  label: `${user.displayName} — ${user.email}`,
                })),
              ]}
              onChange={setReferentUserId}
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
