import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { ErrorSummary } from '../../components/ui/error-summary.tsx';
import { FormFeedback } from '../../components/ui/form-feedback.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import type { AdminErrors } from './admin-errors.ts';

interface AdminFormNoticesProps {
  errors: AdminErrors;
  /** What a 409 says (someone changed the row meanwhile), and how to read it again; null: said by no notice. */
  conflictTitle: string | null;
  onReload: (() => void) | undefined;
  /** The news of a save, once saved. */
  savedText: string | null;
}

/** Above a customer's or a contract's form: the error summary, a general error, a conflict, the save. */
export function AdminFormNotices({
  errors,
  conflictTitle,
  onReload,
  savedText,
}: AdminFormNoticesProps) {
  const { t } = useTranslation();
  return (
    <>
      <ErrorSummary
        title={t('providerAdmin.errors.title')}
        items={errors.summary}
        focusKey={errors.attempt}
      />
      {errors.isStale && conflictTitle ? (
        <Notice tone="error" isLive title={conflictTitle}>
          {onReload ? (
            <Button onClick={onReload}>{t('providerAdmin.contract.reload')}</Button>
          ) : null}
        </Notice>
      ) : null}
      <FormFeedback success={savedText} error={errors.general} />
    </>
  );
}
