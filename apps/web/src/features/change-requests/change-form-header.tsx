import { useTranslation } from 'react-i18next';
import type { ContractView } from '@guichet/contracts';
import { PageTitle } from '../../components/ui/page-title.tsx';

interface ChangeFormHeaderProps {
  contract: ContractView;
  isDraft: boolean;
}

/**
 * « Création d'un changement » with the contract; once saved, « Modification d'un brouillon de
 * changement » and « Brouillon ».
 */
export function ChangeFormHeader({ contract, isDraft }: ChangeFormHeaderProps) {
  const { t } = useTranslation();
  const title = isDraft ? t('changeForm.draftTitle') : t('changeForm.title');
  return (
    <>
      <PageTitle title={title} />
      <div className="page__header">
        <div>
          <h1 className="page__title">{title}</h1>
          <p className="page__subtitle">{t('changeForm.intro')}</p>
        </div>
        <dl className="contract-tag">
          <dt>{t('changeForm.contract')}</dt>
          <dd>
            <span className="mono">{contract.id}</span> — {contract.offer}
          </dd>
          {isDraft ? (
            <>
              <dt>{t('changeForm.status')}</dt>
              <dd>{t('status.draft')}</dd>
            </>
          ) : null}
        </dl>
      </div>
    </>
  );
}
