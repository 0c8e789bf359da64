import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ButtonLink, SubmitButton } from '../../components/ui/button.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { MessagePage } from '../../components/ui/message-page.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { NewPasswordFields, useNewPassword } from '../../components/ui/new-password-fields.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useAcceptInvitation, useInvitation } from './invitation-api.ts';
import './invitation.css';

/** `/invitation/:token`: the invited user chooses their first password (the link works once). */
export function InvitationPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { token = '' } = useParams();
  const invitation = useInvitation(token);
  const newPassword = useNewPassword();
  const accept = useAcceptInvitation(token);

  if (invitation.isPending) return <Loading />;
  if (invitation.isError || (accept.isError && isApiError(accept.error, 'not_found'))) {
    const isGone =
      isApiError(invitation.error, 'not_found') ||
      isApiError(invitation.error, 'validation_failed') ||
      isApiError(accept.error, 'not_found');
    return (
      <MessagePage
        title={isGone ? t('rights.invitation.invalidTitle') : t('errors.unavailable')}
        tone="warning"
        text={isGone ? t('rights.invitation.invalidBody') : null}
        link={{ to: '/connexion', label: t('rights.invitation.toLogin') }}
      />
    );
  }
  if (accept.isSuccess) {
    return (
      <MessagePage
        title={t('rights.invitation.doneTitle')}
        actions={
          <ButtonLink to="/connexion" variant="primary">
            {t('rights.invitation.toLogin')}
          </ButtonLink>
        }
      >
        <p>{t('rights.invitation.doneBody', { email: invitation.data.email })}</p>
      </MessagePage>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!newPassword.submit()) return;
    accept.mutate({ password: newPassword.password, confirmation: newPassword.confirmation });
  };
  const view = invitation.data;
  return (
    <div className="login">
      <PageTitle title={t('rights.invitation.title')} />
      <div className="login__panel">
        <h1 className="login__title">{t('rights.invitation.title')}</h1>
        <p className="login__intro">{t('rights.invitation.welcome', { name: view.displayName })}</p>
        <dl className="invitation__identity">
          <dt>{t('rights.add.fields.login')}</dt>
          <dd className="mono">{view.login ?? view.email}</dd>
          <dt>{t('rights.add.fields.email')}</dt>
          <dd>{view.email}</dd>
        </dl>
        <p className="field__hint">
          {t('rights.invitation.expires', { date: formatDateTime(view.expiresAt, locale) })}
        </p>
        {accept.isError ? (
          <Notice tone="error" isLive>
            {t('rights.password.breaksRules')}
          </Notice>
        ) : null}
        <form onSubmit={onSubmit} noValidate className="login__form">
          <NewPasswordFields
            name="password"
            label={t('rights.invitation.password')}
            state={newPassword}
            rulesId="invitation-rules"
          />
          <SubmitButton isBusy={accept.isPending} className="login__submit">
            {t('rights.invitation.submit')}
          </SubmitButton>
        </form>
      </div>
    </div>
  );
}
