import { useTranslation } from 'react-i18next';
import type { ContractView } from '@guichet/contracts';
import { Button } from '../../components/ui/button.tsx';

interface ChangeFormActionsProps {
  contract: ContractView;
  isSaving: boolean;
  isConfirming: boolean;
  onCancel: () => void;
  onSaveDraft: () => void;
  onConfirm: () => void;
}

/** « Annuler », « Enregistrer en brouillon », « Confirmer la demande », and why one is refused. */
export function ChangeFormActions({
  contract,
  isSaving,
  isConfirming,
  onCancel,
  onSaveDraft,
  onConfirm,
}: ChangeFormActionsProps) {
  const { t } = useTranslation();
  return (
    <div className="form-actions form-actions--sticky">
      <Button onClick={onCancel} disabled={isSaving || isConfirming}>
        {t('changeForm.cancel')}
      </Button>
      <div className="form-actions__main">
        <Button
          onClick={onSaveDraft}
          isBusy={isSaving}
          disabled={isConfirming || contract.draftDenied !== null}
          aria-describedby={contract.draftDenied ? 'confirm-denied' : undefined}
        >
          {t('changeForm.saveDraft')}
        </Button>
        <Button
          variant="primary"
          onClick={onConfirm}
          isBusy={isConfirming}
          disabled={isSaving || contract.confirmDenied !== null}
          aria-describedby={contract.confirmDenied ? 'confirm-denied' : undefined}
        >
          {t('changeForm.confirm')}
        </Button>
      </div>
      {contract.confirmDenied ? (
        <p id="confirm-denied" className="form-actions__reason">
          {t(`changeForm.confirmDenied.${contract.confirmDenied}`)}
        </p>
      ) : null}
    </div>
  );
}
