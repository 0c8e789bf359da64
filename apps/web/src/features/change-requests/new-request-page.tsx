import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button, ButtonLink } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import { LoadFailedNotice } from '../../components/ui/load-failed-notice.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { MessagePage } from '../../components/ui/message-page.tsx';
import { RequiredMark } from '../../components/ui/required-mark.tsx';
import { useAuthenticatedSession } from '../../lib/session.ts';
import { PerimeterReminder } from './perimeter-reminder.tsx';
import { useContracts } from './requests-api.ts';
import { createDenial } from './create-request-button.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';

const requestTypes = ['change', 'incident', 'order'] as const;
type RequestType = (typeof requestTypes)[number];

/** « Créer une demande »: the contract, then the type of request. */
export function NewRequestPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useAuthenticatedSession();
  const contracts = useContracts();
  const allowed = contracts.data?.items.filter((contract) => contract.createDenied === null) ?? [];
  const [contractId, setContractId] = useState<string>('');
  const [requestType, setRequestType] = useState<RequestType>('change');
  const [isSubmitted, setIsSubmitted] = useState(false);
  const chosenContract = contractId || (allowed.length === 1 ? (allowed[0]?.id ?? '') : '');

  if (contracts.isPending) return <Loading />;
  if (contracts.isError) {
    return <LoadFailedNotice title={t('errors.unavailable')} onRetry={contracts.refetch} />;
  }
  if (allowed.length === 0) {
    const denial = createDenial(contracts.data.items) ?? 'no_access';
    return (
      <MessagePage
        title={t('forbidden.title')}
        tone="warning"
        actions={<ButtonLink to="/demandes">{t('common.backToRequests')}</ButtonLink>}
      >
        <p>{t(`requests.createDenied.${denial}`)}</p>
        <p>{t('forbidden.needManager')}</p>
      </MessagePage>
    );
  }

  const contractError = isSubmitted && !chosenContract ? t('newRequest.contractRequired') : null;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setIsSubmitted(true);
    if (requestType === 'incident') return void navigate('/demandes/nouvelle/incident');
    if (requestType === 'order') return void navigate('/demandes/nouvelle/commande');
    if (!chosenContract) {
      document.getElementById('new-request-contract')?.focus();
      return;
    }
    void navigate(`/demandes/nouvelle/changement?contrat=${encodeURIComponent(chosenContract)}`);
  };

  return (
    <div className="page page--narrow">
      <PageTitle title={t('newRequest.title')} />
      <div className="page__header">
        <h1 className="page__title">{t('newRequest.title')}</h1>
      </div>
      <PerimeterReminder perimeterName={session.perimeter?.name ?? null} />
      <form onSubmit={onSubmit} noValidate>
        <Card title={t('newRequest.cardTitle')} titleId="new-request-card">
          <FormField
            id="new-request-contract"
            label={t('newRequest.contract')}
            isRequired
            error={contractError}
          >
            {(control) => (
              <select
                {...control}
                value={chosenContract}
                onChange={(event) => setContractId(event.target.value)}
              >
                <option value="">{t('newRequest.chooseContract')}</option>
                {allowed.map((contract) => (
                  <option key={contract.id} value={contract.id}>
                    {t('newRequest.contractOption', {
                      id: contract.id,
                      offer: contract.offer,
                      supportLevel: contract.supportLevel,
                    })}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <fieldset className="choice-cards">
            <legend className="field__label">
              {t('newRequest.requestType')}
              <RequiredMark />
            </legend>
            {requestTypes.map((type) => (
              <label key={type} className="choice-card">
                <input
                  type="radio"
                  name="request-type"
                  value={type}
                  checked={requestType === type}
                  onChange={() => setRequestType(type)}
                />
                <span className="choice-card__text">
                  <span className="choice-card__title">{t(`newRequest.types.${type}.label`)}</span>
                  <span className="choice-card__hint">{t(`newRequest.types.${type}.hint`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
        </Card>
        <div className="form-actions">
          <ButtonLink to="/demandes">{t('common.cancel')}</ButtonLink>
          <Button type="submit" variant="primary">
            {t('newRequest.continue')}
          </Button>
        </div>
      </form>
    </div>
  );
}
