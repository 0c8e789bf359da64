import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { CustomerSignInSettings } from '@guichet/contracts';
import { Button, SubmitButton } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { isApiError } from '../../lib/api-client.ts';
import {
  useRemoveSso,
  useSaveSso,
  useSetTwoFactorPolicy,
  useSignInSettings,
} from './sso-settings-api.ts';

/**
 * The customer page's « Connexion » card (issue 21, decision 0030): the second factor's
 * requirement and the customer's OpenID Connect connection, set by the provider's admin.
 */
export function SignInSettingsCard() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const settings = useSignInSettings(id);
  const policy = useSetTwoFactorPolicy(id);
  if (settings.isPending) return <Loading />;
  if (settings.isError)
    return (
      <Notice tone="error" isLive>
        {t('errors.unavailable')}
      </Notice>
    );
  const data = settings.data;
  return (
    <div className="page provider-admin">
      <Card title={t('sso.settings.title')} titleId="sign-in-settings-title">
        <FormField id="requires-two-factor" label={t('sso.settings.twoFactor')} layout="inline">
          {(control) => (
            <input
              {...control}
              type="checkbox"
              checked={data.requiresTwoFactor}
              disabled={policy.isPending}
              onChange={(event) => policy.mutate(event.target.checked)}
            />
          )}
        </FormField>
        {policy.isSuccess ? (
          <Notice tone="success" isLive>
            {t('sso.settings.twoFactorSaved')}
          </Notice>
        ) : null}
        <h3>{t('sso.settings.ssoTitle')}</h3>
        <SsoForm customerId={id} sso={data.sso} />
      </Card>
    </div>
  );
}

function SsoForm({ customerId, sso }: { customerId: string; sso: CustomerSignInSettings['sso'] }) {
  const { t } = useTranslation();
  const save = useSaveSso(customerId);
  const remove = useRemoveSso(customerId);
  const [issuer, setIssuer] = useState(sso?.issuer ?? '');
  const [clientId, setClientId] = useState(sso?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [displayName, setDisplayName] = useState(sso?.displayName ?? '');
  const [domains, setDomains] = useState(sso?.allowedDomains.join(', ') ?? '');
  const [emailClaim, setEmailClaim] = useState(sso?.emailClaim ?? 'email');
  const [isRequired, setIsRequired] = useState(sso?.isRequired ?? false);
  const errorAt = (path: string) => {
    const error = save.error;
    if (!isApiError(error)) return null;
    const detail = error.details.find(
      (candidate) => candidate.path === path || candidate.path.startsWith(`${path}.`),
    );
    if (!detail) return null;
    return isApiError(error, 'conflict') ? t('sso.settings.domainTaken') : detail.message;
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    save.mutate({
      issuer,
      clientId,
      ...(clientSecret === '' ? {} : { clientSecret }),
      displayName,
      allowedDomains: domains
        .split(',')
        .map((domain) => domain.trim().toLowerCase())
        .filter((domain) => domain !== ''),
      emailClaim,
      isRequired,
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate className="stack-form">
      {sso ? null : <p>{t('sso.settings.none')}</p>}
      {save.isSuccess ? (
        <Notice tone="success" isLive>
          {t('sso.settings.saved')}
        </Notice>
      ) : null}
      {remove.isSuccess && !sso ? (
        <Notice tone="success" isLive>
          {t('sso.settings.removed')}
        </Notice>
      ) : null}
      {save.isError &&
      !isApiError(save.error, 'validation_failed') &&
      !isApiError(save.error, 'conflict') ? (
        <Notice tone="error" isLive>
          {t('errors.unavailable')}
        </Notice>
      ) : null}
      <TextField
        id="sso-issuer"
        label={t('sso.settings.issuer')}
        isRequired
        type="url"
        value={issuer}
        onChange={setIssuer}
        error={errorAt('issuer')}
      />
      <TextField
        id="sso-client-id"
        label={t('sso.settings.clientId')}
        isRequired
        value={clientId}
        onChange={setClientId}
        error={errorAt('clientId')}
      />
      <TextField
        id="sso-client-secret"
        label={t('sso.settings.clientSecret')}
        isRequired={!sso?.hasClientSecret}
        type="password"
        autoComplete="new-password"
        hint={sso?.hasClientSecret ? t('sso.settings.clientSecretKept') : undefined}
        value={clientSecret}
        onChange={setClientSecret}
        error={errorAt('clientSecret')}
      />
      <TextField
        id="sso-display-name"
        label={t('sso.settings.displayName')}
        isRequired
        hint={t('sso.settings.displayNameHint')}
        value={displayName}
        onChange={setDisplayName}
        error={errorAt('displayName')}
      />
      <TextField
        id="sso-domains"
        label={t('sso.settings.domains')}
        isRequired
        hint={t('sso.settings.domainsHint')}
        value={domains}
        onChange={setDomains}
        error={errorAt('allowedDomains')}
      />
      <TextField
        id="sso-email-claim"
        label={t('sso.settings.emailClaim')}
        value={emailClaim}
        onChange={setEmailClaim}
        error={errorAt('emailClaim')}
      />
      <FormField id="sso-required" label={t('sso.settings.isRequired')} layout="inline">
        {(control) => (
          <input
            {...control}
            type="checkbox"
            checked={isRequired}
            onChange={(event) => setIsRequired(event.target.checked)}
          />
        )}
      </FormField>
      {sso ? (
        <dl className="facts">
          <dt>{t('sso.settings.loginLink')}</dt>
          <dd className="mono">{sso.loginLink}</dd>
          <dt>{t('sso.settings.redirectUri')}</dt>
          <dd className="mono">{sso.redirectUri}</dd>
          <dt>{t('sso.settings.postLogoutRedirectUri')}</dt>
          <dd className="mono">{sso.postLogoutRedirectUri}</dd>
        </dl>
      ) : null}
      <div className="form-actions">
        <SubmitButton isBusy={save.isPending}>{t('sso.settings.save')}</SubmitButton>
        {sso ? (
          <Button variant="danger" isBusy={remove.isPending} onClick={() => remove.mutate()}>
            {t('sso.settings.remove')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
