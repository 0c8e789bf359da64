import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminCustomerView } from '@guichet/contracts';
import type { Locale } from '@guichet/domain';
import { ButtonLink } from '../../components/ui/button.tsx';
import { FormActions } from '../../components/ui/form-actions.tsx';
import { SelectField, optionsOf } from '../../components/ui/select-field.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { locales } from '../../lib/i18n/index.ts';
import { useFormValues } from '../../lib/use-form-values.ts';
import { useAdminErrors } from './admin-errors.ts';
import { AdminFormNotices } from './admin-form-notices.tsx';
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
  const form = useFormValues<{ name: string; registrationNumber: string; locale: Locale }>({
    name: customer?.name ?? '',
    registrationNumber: customer?.registrationNumber ?? '',
    locale: customer?.locale ?? 'fr',
  });
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
    const { name, registrationNumber, locale } = form.values;
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
      <AdminFormNotices
        errors={errors}
        conflictTitle={t('providerAdmin.errors.customerConflict')}
        onReload={onReload}
        savedText={isSaved ? t('providerAdmin.customer.saved') : null}
      />
      <TextField
        {...form.bind('name')}
        label={labels.name}
        isRequired
        error={errors.at('name')}
        autoComplete="organization"
      />
      <div className="form-grid">
        <TextField
          {...form.bind('registrationNumber')}
          label={labels.registrationNumber}
          hint={t('providerAdmin.customer.registrationNumberHint')}
          error={errors.at('registrationNumber')}
          className="mono"
        />
        <SelectField
          {...form.bind('locale')}
          label={labels.locale}
          hint={t('providerAdmin.customer.localeHint')}
          error={errors.at('locale')}
          options={optionsOf(locales, (value) => t(`providerAdmin.locales.${value}`))}
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
