import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { FormActions } from '../../components/ui/form-actions.tsx';
import { FormFeedback } from '../../components/ui/form-feedback.tsx';

interface CatalogSubformProps {
  /** What the API refused, for the whole form. */
  general: string | null;
  submitLabel: string;
  isBusy: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}

/** A small form opened inside a card (a category, a new article): its fields, cancel, submit. */
export function CatalogSubform({
  general,
  submitLabel,
  isBusy,
  onSubmit,
  onCancel,
  children,
}: CatalogSubformProps) {
  const { t } = useTranslation();
  return (
    <form
      className="catalog-admin__subform"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <FormFeedback error={general} />
      {children}
      <FormActions
        start={<Button onClick={onCancel}>{t('catalogAdmin.common.cancel')}</Button>}
        submitLabel={submitLabel}
        isBusy={isBusy}
      />
    </form>
  );
}
