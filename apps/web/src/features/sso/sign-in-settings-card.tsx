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
import { useFormValues } from '../../lib/use-form-values.ts';
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

type SsoValues = {
  issuer: string;
  clientId: string;
  /** Left empty, the stored secret is kept. */
  clientSecret: string;
  displayName: string;
  /** Comma-separated, as typed. */
  allowedDomains: string;
  emailClaim: string;
};

type SsoLabel = 'issuer' | 'clientId' | 'clientSecret' | 'displayName' | 'domains' | 'emailClaim';

function SsoForm({ customerId, sso }: { customerId: string; sso: CustomerSignInSettings['sso'] }) {
  const { t } = useTranslation();
  const save = useSaveSso(customerId);
  const remove = useRemoveSso(customerId);
  const { values, bind } = useFormValues<SsoValues>(() => ({
    issuer: sso?.issuer ?? '',
    clientId: sso?.clientId ?? '',
    clientSecret: '',
    displayName: sso?.displayName ?? '',
    allowedDomains: sso?.allowedDomains.join(', ') ?? '',
    emailClaim: sso?.emailClaim ?? 'email',
  }));
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
  const fieldOf = (path: keyof SsoValues, label: SsoLabel) => ({
    ...bind(path),
    label: t(`sso.settings.${label}`),
    error: errorAt(path),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const { clientSecret, allowedDomains, ...rest } = values;
    save.mutate({
      ...rest,
      ...(clientSecret === '' ? {} : { clientSecret }),
      allowedDomains: allowedDomains
        .split(',')
        .map((domain) => domain.trim().toLowerCase())
        .filter((domain) => domain !== ''),
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
      <TextField {...fieldOf('issuer', 'issuer')} isRequired type="url" />
      <TextField {...fieldOf('clientId', 'clientId')} isRequired />
      <TextField
        {...fieldOf('clientSecret', 'clientSecret')}
        isRequired={!sso?.hasClientSecret}
        type="password"
        autoComplete="new-password"
        hint={sso?.hasClientSecret ? t('sso.settings.clientSecretKept') : undefined}
      />
      <TextField
        {...fieldOf('displayName', 'displayName')}
        isRequired
        hint={t('sso.settings.displayNameHint')}
      />
      <TextField
        {...fieldOf('allowedDomains', 'domains')}
        isRequired
        hint={t('sso.settings.domainsHint')}
      />
      <TextField {...fieldOf('emailClaim', 'emailClaim')} />
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
