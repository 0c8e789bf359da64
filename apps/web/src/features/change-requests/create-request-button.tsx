import { useTranslation } from 'react-i18next';
import { Button, ButtonLink } from '../../components/ui/button.tsx';
import type { ContractView } from '@guichet/contracts';

type Denial = NonNullable<ContractView['createDenied']>;

/** Why no contract of the perimeter lets the user create, or null when one does. */
export function createDenial(contracts: readonly ContractView[]): Denial | null {
  if (contracts.some((contract) => contract.createDenied === null)) return null;
  return contracts.some((contract) => contract.createDenied === 'viewer_read_only')
    ? 'viewer_read_only'
    : 'no_access';
}

/** « Créer une demande », or the same button disabled with the reason written beside it. */
export function CreateRequestButton({
  contracts,
  isLoading,
}: {
  contracts: readonly ContractView[];
  isLoading: boolean;
}) {
  const { t } = useTranslation();
  const denial = isLoading ? null : createDenial(contracts);
  if (denial === null) {
    return (
      <ButtonLink to="/demandes/nouvelle" variant="primary" aria-disabled={isLoading || undefined}>
        {t('requests.create')}
      </ButtonLink>
    );
  }
  return (
    <div className="create-request create-request--denied">
      <Button variant="primary" disabled aria-describedby="create-request-denied">
        {t('requests.create')}
      </Button>
      <p id="create-request-denied" className="create-request__reason">
        {t(`requests.createDenied.${denial}`)}
      </p>
    </div>
  );
}
