import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiTokenView, CreatedApiToken } from '@guichet/contracts';
import { ButtonLink } from '../../components/ui/button.tsx';
import { GrantsGrid, choicesToGrants } from '../../components/ui/grants-grid.tsx';
import type { GrantChoices } from '../../components/ui/grants-grid.tsx';
import { MessagePage } from '../../components/ui/message-page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import {
  CreatedTokenNotice,
  GrantTags,
  TokenForm,
  TokenTable,
} from '../../components/ui/token-list.tsx';
import type { TokenDraft } from '../../components/ui/token-list.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { useAuthenticatedSession } from '../../lib/session.ts';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from './api-tokens-api.ts';

/** « Jetons d'API »: personal tokens for scripts, limited to chosen contracts and profiles. */
export function ApiTokensPage() {
  const { t } = useTranslation();
  const session = useAuthenticatedSession();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  if (session.user.kind !== 'customer') {
    return (
      <MessagePage
        title={t('rights.tokens.title')}
        text={t('rights.tokens.customersOnly')}
        link={{ to: '/mon-compte', label: t('rights.account.title') }}
      />
    );
  }
  return (
    <div className="page">
      <p className="breadcrumb">
        <ButtonLink to="/mon-compte" variant="ghost">
          ← {t('rights.account.title')}
        </ButtonLink>
      </p>
      <PageHeader title={t('rights.tokens.title')} subtitle={t('rights.tokens.intro')} />
      {created ? (
        <CreatedTokenNotice texts="rights.tokens" token={created} onDone={() => setCreated(null)} />
      ) : null}
      <CreateTokenCard onCreated={setCreated} />
      <TokenList />
    </div>
  );
}

/** A customer's token carries rights per contract, at most the user's own. */
function CreateTokenCard({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const { t } = useTranslation();
  const session = useAuthenticatedSession();
  const [choices, setChoices] = useState<GrantChoices>({});
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const create = useCreateApiToken();
  const contracts = [...new Set(session.grants.map((grant) => grant.contractId))];
  const onSubmit = (draft: TokenDraft, clearName: () => void) => {
    const grants = choicesToGrants(choices);
    const found = new Map<string, string>();
    if (!draft.name) found.set('name', t('rights.add.required'));
    if (grants.length === 0) found.set('grants', t('rights.tokens.noGrant'));
    setErrors(found);
    if (found.size > 0) return;
    create.mutate(
      { ...draft, grants },
      {
        onSuccess: (token) => {
          onCreated(token);
          clearName();
          setChoices({});
        },
        onError: (error) => {
          if (isApiError(error))
            setErrors(new Map([['form', error.message || t(`errors.${error.code}`)]]));
        },
      },
    );
  };
  return (
    <TokenForm
      texts="rights.tokens"
      nameError={errors.get('name') ?? null}
      intro={<p>{t('rights.tokens.perimeter', { perimeter: session.perimeter?.name ?? '' })}</p>}
      scope={
        <>
          <GrantsGrid
            idPrefix="token"
            caption={t('rights.tokens.gridCaption')}
            contracts={contracts}
            choices={choices}
            ceilings={session.grants}
            onChange={setChoices}
          />
          <p className="field__hint">{t('rights.tokens.ceilingHint')}</p>
        </>
      }
      error={errors.get('grants') ?? errors.get('form') ?? null}
      requiredLegend={t('rights.add.requiredLegend')}
      isBusy={create.isPending}
      onSubmit={onSubmit}
    />
  );
}

function TokenList() {
  const { t } = useTranslation();
  return (
    <TokenTable<ApiTokenView>
      texts="rights.tokens"
      tokens={useApiTokens()}
      loadFailed={t('errors.unavailable')}
      scope={{
        key: 'rights',
        header: t('rights.tokens.columns.rights'),
        cell: (token) => (
          <>
            <span className="table__secondary">{token.perimeter.name}</span>
            <GrantTags grants={token.grants} />
          </>
        ),
      }}
      statusLabel={(status) => t(`rights.tokens.status.${status}`)}
      canRevoke={(status) => status === 'active'}
      revokeLabelOf={(token) => t('rights.tokens.revokeOf', { name: token.name })}
      revoke={useRevokeApiToken()}
      confirmLabel={t('rights.tokens.revoke')}
      cancelLabel={t('common.cancel')}
    />
  );
}
