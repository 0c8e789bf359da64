import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams, useSearchParams } from 'react-router';
import { ButtonLink } from '../../components/ui/button.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { MessagePage } from '../../components/ui/message-page.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { isApiError } from '../../lib/api-client.ts';
import type { ArticleFieldsProps } from '../../lib/article-form-slots.ts';
import { useAuthenticatedSession } from '../../lib/session.ts';
import { ChangeForm } from './change-form.tsx';
import { changeFormFromDraft, emptyChangeForm } from './change-form-state.ts';
import { RequestNotFound } from './request-not-found.tsx';
import { assetQuery, useAsset, useContracts, useRequest } from './requests-api.ts';

interface ChangeFormPageProps {
  ArticleFields: ComponentType<ArticleFieldsProps>;
}

/** `/demandes/nouvelle/changement?contrat=…` and `/demandes/:id/modifier`. */
export function ChangeFormPage({ ArticleFields }: ChangeFormPageProps) {
  const { id } = useParams();
  return id ? (
    <EditDraft id={id} ArticleFields={ArticleFields} />
  ) : (
    <NewChange ArticleFields={ArticleFields} />
  );
}

function useContractFor(contractId: string | null) {
  const contracts = useContracts();
  const contract = contracts.data?.items.find((candidate) => candidate.id === contractId) ?? null;
  return { contracts, contract };
}

function ContractProblem({ reason }: { reason: 'missing' | 'no_access' | 'viewer_read_only' }) {
  const { t } = useTranslation();
  return (
    <MessagePage
      title={reason === 'missing' ? t('changeForm.contractMissing.title') : t('forbidden.title')}
      tone="warning"
      actions={
        <ButtonLink to="/demandes/nouvelle">{t('changeForm.contractMissing.choose')}</ButtonLink>
      }
    >
      <p>
        {reason === 'missing'
          ? t('changeForm.contractMissing.body')
          : t(`requests.createDenied.${reason}`)}
      </p>
      {reason === 'missing' ? null : <p>{t('forbidden.needManager')}</p>}
    </MessagePage>
  );
}

function LoadFailed({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Notice tone="error" isLive title={t('errors.unavailable')}>
      <button type="button" className="button button--secondary" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </Notice>
  );
}

function NewChange({ ArticleFields }: ChangeFormPageProps) {
  const session = useAuthenticatedSession();
  const [searchParams] = useSearchParams();
  const contractId = searchParams.get('contrat');
  const { contracts, contract } = useContractFor(contractId);
  if (contracts.isPending) return <Loading />;
  if (contracts.isError) return <LoadFailed onRetry={() => void contracts.refetch()} />;
  if (!contract) return <ContractProblem reason="missing" />;
  if (contract.createDenied) return <ContractProblem reason={contract.createDenied} />;
  return (
    <ChangeForm
      key={`new:${contract.id}`}
      contract={contract}
      perimeterName={session.perimeter?.name ?? null}
      draft={null}
      initialState={emptyChangeForm()}
      isJustSaved={false}
      ArticleFields={ArticleFields}
      onReload={() => undefined}
    />
  );
}

function EditDraft({ id, ArticleFields }: ChangeFormPageProps & { id: string }) {
  const { t } = useTranslation();
  const session = useAuthenticatedSession();
  const location = useLocation();
  const isJustSaved = (location.state as { saved?: boolean } | null)?.saved === true;
  const request = useRequest(id);
  const { contracts, contract } = useContractFor(request.data?.contractId ?? null);
  const asset = useAsset(request.data?.assetId ?? null, { keepPrevious: true });
  const [loadCount, setLoadCount] = useState(0);
  const queryClient = useQueryClient();

  if (request.isError && isApiError(request.error, 'not_found')) return <RequestNotFound />;
  if (request.isError) return <LoadFailed onRetry={() => void request.refetch()} />;
  if (
    request.isPending ||
    contracts.isPending ||
    (request.data.assetId !== null && asset.isPending)
  )
    return <Loading />;
  const draft = request.data;
  if (draft.status !== 'draft' || !draft.canEdit) {
    return (
      <MessagePage
        title={t('changeForm.notEditable.title')}
        actions={
          <ButtonLink to={`/demandes/${draft.id}`}>{t('changeForm.notEditable.open')}</ButtonLink>
        }
      >
        <p>{t('changeForm.notEditable.body')}</p>
      </MessagePage>
    );
  }
  if (!contract) return <ContractProblem reason="missing" />;
  if (contract.createDenied) return <ContractProblem reason={contract.createDenied} />;
  return (
    <ChangeForm
      key={`${draft.id}:${loadCount}`}
      contract={contract}
      perimeterName={session.perimeter?.name ?? null}
      draft={draft}
      initialState={changeFormFromDraft(draft, asset.data ?? null)}
      isJustSaved={isJustSaved && loadCount === 0}
      ArticleFields={ArticleFields}
      onReload={() => {
        // The form starts again from the latest version, with its item (perhaps another one).
        void request
          .refetch()
          .then(({ data }) =>
            data?.assetId ? queryClient.ensureQueryData(assetQuery(data.assetId)) : null,
          )
          .then(() => setLoadCount((count) => count + 1));
      }}
    />
  );
}
