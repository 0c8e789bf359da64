import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { Notice } from '../../components/ui/notice.tsx';

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
      {general ? (
        <Notice tone="error" isLive>
          {general}
        </Notice>
      ) : null}
      {children}
      <div className="form-actions">
        <Button onClick={onCancel}>{t('catalogAdmin.common.cancel')}</Button>
        <Button type="submit" variant="primary" isBusy={isBusy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
