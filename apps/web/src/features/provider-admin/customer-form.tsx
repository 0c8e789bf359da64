import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminCustomerView } from '@guichet/contracts';
import type { Locale } from '@guichet/domain';
import { Button, ButtonLink } from '../../components/ui/button.tsx';
import { ErrorSummary } from '../../components/ui/error-summary.tsx';
import { FormActions } from '../../components/ui/form-actions.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { SelectField, optionsOf } from '../../components/ui/select-field.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { fieldId } from '../../lib/field-errors.ts';
import { locales } from '../../lib/i18n/index.ts';
import { useAdminErrors } from './admin-errors.ts';
import { useCreateCustomer, useUpdateCustomer } from './provider-admin-api.ts';

interface CustomerFormProps {
  /** The customer as read (its version is sent back), or null to create one. */
  customer: AdminCustomerView | null;
  onCreated?: (customer: AdminCustomerView) => void;
  onReload?: () => void;
}

/** A customer's name, registration number and default language; creates or edits. */
export function CustomerForm({ customer, onCreated, onReload }: CustomerFormProps) {
  const { t } = useTranslation();
  const create = useCreateCustomer();
  const update = useUpdateCustomer(customer?.id ?? '');
  const [name, setName] = useState(customer?.name ?? '');
  const [registrationNumber, setRegistrationNumber] = useState(customer?.registrationNumber ?? '');
  const [locale, setLocale] = useState<Locale>(customer?.locale ?? 'fr');
  const [isSaved, setIsSaved] = useState(false);
  const labels = {
    name: t('providerAdmin.customer.name'),
    registrationNumber: t('providerAdmin.customer.registrationNumber'),
    locale: t('providerAdmin.customer.locale'),
  };
  const errors = useAdminErrors(labels);
  const isBusy = create.isPending || update.isPending;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    setIsSaved(false);
    const fields = { name, registrationNumber: registrationNumber.trim() || null, locale };
    if (customer === null) {
      create.mutate(fields, {
        onSuccess: (created) => onCreated?.(created),
        onError: errors.take,
      });
    } else {
      update.mutate(
        { version: customer.version, ...fields },
        { onSuccess: () => setIsSaved(true), onError: errors.take },
      );
    }
  };

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
      {errors.isStale ? (
        <Notice tone="error" isLive title={t('providerAdmin.errors.customerConflict')}>
          {onReload ? (
            <Button onClick={onReload}>{t('providerAdmin.contract.reload')}</Button>
          ) : null}
        </Notice>
      ) : null}
      {isSaved ? (
        <Notice tone="success" isLive>
          {t('providerAdmin.customer.saved')}
        </Notice>
      ) : null}
      <TextField
        id={fieldId('name')}
        label={labels.name}
        isRequired
        error={errors.at('name')}
        autoComplete="organization"
        value={name}
        onChange={setName}
      />
      <div className="form-grid">
        <TextField
          id={fieldId('registrationNumber')}
          label={labels.registrationNumber}
          hint={t('providerAdmin.customer.registrationNumberHint')}
          error={errors.at('registrationNumber')}
          className="mono"
          value={registrationNumber}
          onChange={setRegistrationNumber}
        />
        <SelectField
          id={fieldId('locale')}
          label={labels.locale}
          hint={t('providerAdmin.customer.localeHint')}
          error={errors.at('locale')}
          value={locale}
          options={optionsOf(locales, (value) => t(`providerAdmin.locales.${value}`))}
          onChange={setLocale}
        />
      </div>
      <FormActions
        start={
          customer === null ? (
            <ButtonLink to="/back-office/clients">{t('providerAdmin.customer.cancel')}</ButtonLink>
          ) : null
        }
        submitLabel={
          customer === null ? t('providerAdmin.customer.create') : t('providerAdmin.customer.save')
        }
        isBusy={isBusy}
      />
    </form>
  );
}
