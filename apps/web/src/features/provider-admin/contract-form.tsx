import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminContractView, AdminCustomerView, ContractInput } from '@guichet/contracts';
import { contractStatuses, supportLevels } from '@guichet/domain';
import type { ContractStatus, Locale } from '@guichet/domain';
import { Button, ButtonLink } from '../../components/ui/button.tsx';
import { ErrorSummary } from '../../components/ui/error-summary.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { fieldId } from '../../lib/field-errors.ts';
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

  const text = (
    path: string,
    value: string,
    onChange: (value: string) => void,
    options: {
      hint?: string;
      isRequired?: boolean;
      inputMode?: 'numeric' | 'decimal';
      className?: string;
      type?: string;
      list?: string;
      autoComplete?: string;
    } = {},
  ) => (
    <FormField
      id={fieldId(path)}
      label={labels[path] ?? path}
      isRequired={options.isRequired ?? false}
      hint={options.hint}
      error={errors.at(path)}
    >
      {(control) => (
        <input
          {...control}
          type={options.type ?? 'text'}
          inputMode={options.inputMode}
          className={options.className}
          list={options.list}
          autoComplete={options.autoComplete ?? 'off'}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FormField>
  );

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
        {props.mode === 'create'
          ? text('id', id, setId, {
              isRequired: true,
              className: 'mono',
              hint: t('providerAdmin.contract.idHint'),
            })
          : null}
        {text('offer', offer, setOffer, { isRequired: true })}
        <FormField
          id={fieldId('supportLevel')}
          label={labels['supportLevel'] ?? ''}
          isRequired
          error={errors.at('supportLevel')}
        >
          {(control) => (
            <select
              {...control}
              value={supportLevel}
              onChange={(event) => setSupportLevel(event.target.value)}
            >
              {supportLevels.map((level) => (
                <option key={level} value={level}>
                  {level}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {text('freeChangesPerMonth', freeChanges, setFreeChanges, {
          isRequired: true,
          inputMode: 'numeric',
          hint: t('providerAdmin.contract.freeChangesHint'),
        })}
        {text('tokenPriceEur', tokenPrice, setTokenPrice, {
          isRequired: true,
          inputMode: 'decimal',
          hint: t('providerAdmin.contract.tokenPriceHint'),
        })}
        {text('timeZone', timeZone, setTimeZone, {
          isRequired: true,
          list: 'time-zones',
          hint: t('providerAdmin.contract.timeZoneHint'),
        })}
        <datalist id="time-zones">
          {timeZones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <FormField
          id={fieldId('status')}
          label={labels['status'] ?? ''}
          isRequired
          hint={t('providerAdmin.contract.statusHint')}
          error={errors.at('status')}
        >
          {(control) => (
            <select
              {...control}
              value={status}
              onChange={(event) => {
                const next = contractStatuses.find((item) => item === event.target.value);
                if (next) setStatus(next);
              }}
            >
              {contractStatuses.map((item) => (
                <option key={item} value={item}>
                  {t(`providerAdmin.status.${item}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {text('startsOn', startsOn, setStartsOn, { isRequired: true, type: 'date' })}
        {text('endsOn', endsOn, setEndsOn, {
          type: 'date',
          hint: t('providerAdmin.contract.endsOnHint'),
        })}
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
              {text('referent.email', email, setEmail, {
                isRequired: true,
                type: 'email',
                autoComplete: 'email',
              })}
              {text('referent.firstName', firstName, setFirstName, { isRequired: true })}
              {text('referent.lastName', lastName, setLastName, { isRequired: true })}
              <FormField
                id={fieldId('referent.locale')}
                label={t('providerAdmin.contract.referentLocale')}
              >
                {(control) => (
                  <select
                    {...control}
                    value={referentLocale}
                    onChange={(event) =>
                      setReferentLocale(event.target.value === 'en' ? 'en' : 'fr')
                    }
                  >
                    <option value="fr">{t('providerAdmin.locales.fr')}</option>
                    <option value="en">{t('providerAdmin.locales.en')}</option>
                  </select>
                )}
              </FormField>
            </div>
          ) : null}
          {referentChoice === 'existing' ? (
            <FormField
              id={fieldId('referent.userId')}
              label={t('providerAdmin.contract.referentUser')}
              isRequired
              error={errors.at('referent.userId')}
            >
              {(control) => (
                <select
                  {...control}
                  value={referentUserId}
                  onChange={(event) => setReferentUserId(event.target.value)}
                >
                  <option value="">{t('providerAdmin.contract.referentChoose')}</option>
                  {props.customer.users.map((user) => (
                    <option key={user.id} value={user.id}>
                      {user.displayName} — {user.email}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          ) : null}
        </fieldset>
      ) : null}

      <p className="required-legend">{t('changeForm.requiredLegend')}</p>
      <div className="form-actions">
        {props.mode === 'create' ? (
          <ButtonLink to={`/back-office/clients/${props.customer.id}`}>
            {t('providerAdmin.contract.cancel')}
          </ButtonLink>
        ) : null}
        <div className="form-actions__main">
          <Button type="submit" variant="primary" isBusy={create.isPending || update.isPending}>
            {props.mode === 'create'
              ? t('providerAdmin.contract.create')
              : t('providerAdmin.contract.save')}
          </Button>
        </div>
      </div>
    </form>
  );
}
