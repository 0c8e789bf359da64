import { useTranslation } from 'react-i18next';
import type { CatalogAudience } from '@guichet/contracts';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';

interface PublishDialogProps {
  isOpen: boolean;
  version: number;
  audience: CatalogAudience;
  onConfirm: () => void;
  onCancel: () => void;
}

/** « Publier la version N ? », with the contracts and customers that get it at once. */
export function PublishDialog({
  isOpen,
  version,
  audience,
  onConfirm,
  onCancel,
}: PublishDialogProps) {
  const { t } = useTranslation();
  const more = audience.contractCount - audience.contracts.length;
  return (
    <ConfirmDialog
      isOpen={isOpen}
      title={t('catalogAdmin.editor.publishTitle', { version })}
      confirmLabel={t('catalogAdmin.editor.publish', { version })}
      cancelLabel={t('catalogAdmin.common.cancel')}
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      {audience.contractCount === 0 ? (
        <p>{t('catalogAdmin.editor.publishNobody', { version })}</p>
      ) : (
        <>
          <p>
            {t('catalogAdmin.editor.publishAudience', {
              version,
              count: audience.contractCount,
              customers: t('catalogAdmin.editor.publishCustomers', {
                count: audience.customerCount,
              }),
            })}
          </p>
          <ul className="publish-audience">
            {audience.contracts.map((contract) => (
              <li key={contract.id}>
                {t('catalogAdmin.editor.publishContract', {
                  id: contract.id,
                  customer: contract.customerName,
                })}
              </li>
            ))}
            {more > 0 ? <li>{t('catalogAdmin.editor.publishMore', { count: more })}</li> : null}
          </ul>
        </>
      )}
      <p className="field__hint">{t('catalogAdmin.editor.publishHint')}</p>
    </ConfirmDialog>
  );
}
