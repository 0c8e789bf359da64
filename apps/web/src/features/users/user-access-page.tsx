import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { contractsWith, denialReason, profileOn, sections } from '@guichet/domain';
import type { Profile, Section } from '@guichet/domain';
import type { UserView } from '@guichet/contracts';
import { Badge } from '../../components/ui/badge.tsx';
import { Button, ButtonLink } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { MessagePage } from '../../components/ui/message-page.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { ProfileSelect } from '../../components/ui/profile-select.tsx';
import { QueryFallback } from '../../components/ui/query-fallback.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { useAuthenticatedSession } from '../../lib/session.ts';
import { useRemoveAccess, useResendInvitation, useSetAccess, useUser } from './users-api.ts';
import { UsersForbidden } from './users-forbidden.tsx';
import './users.css';

/** A user of the perimeter: identity, and their profiles per contract, changed or removed. */
export function UserAccessPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [searchParams] = useSearchParams();
  const session = useAuthenticatedSession();
  const user = useUser(id);
  const visible = contractsWith(session.grants, 'users', 'viewer');
  if (visible.length === 0) return <UsersForbidden />;
  if (!user.isSuccess) {
    return (
      <QueryFallback
        query={user}
        loadFailed={t('errors.unavailable')}
        notFound={
          <MessagePage
            title={t('rights.access.notFound')}
            link={{ to: '/utilisateurs', label: t('rights.access.back') }}
          />
        }
      />
    );
  }
  const focus = searchParams.get('contrat') ?? '';
  const contracts = [...visible.filter((c) => c === focus), ...visible.filter((c) => c !== focus)];
  const view = user.data;
  return (
    <div className="page page--form">
      <PageTitle title={view.displayName} />
      <p className="breadcrumb">
        <ButtonLink
          to={`/utilisateurs${focus ? `?contrat=${encodeURIComponent(focus)}` : ''}`}
          variant="ghost"
        >
          ← {t('rights.access.back')}
        </ButtonLink>
      </p>
      <div className="page__header">
        <h1 className="page__title">
          {view.displayName}
          <Badge tone={view.status === 'active' ? 'success' : 'warning'}>
            {t(`rights.users.status.${view.status}`)}
          </Badge>
        </h1>
      </div>
      <Card title={t('rights.access.identity')} titleId="identity-title">
        <dl className="identity-summary">
          <dt>{t('rights.add.fields.login')}</dt>
          <dd className="mono">{view.login ?? '—'}</dd>
          <dt>{t('rights.add.fields.lastName')}</dt>
          <dd>{view.lastName ?? view.displayName}</dd>
          <dt>{t('rights.add.fields.firstName')}</dt>
          <dd>{view.firstName ?? '—'}</dd>
          <dt>{t('rights.add.fields.email')}</dt>
          <dd>{view.email}</dd>
          <dt>{t('rights.add.fields.phone')}</dt>
          <dd>{view.phone ?? '—'}</dd>
        </dl>
        {view.status === 'invited' ? <ResendInvitation user={view} /> : null}
      </Card>
      {contracts.map((contractId) => (
        <ContractAccessCard key={contractId} user={view} contractId={contractId} />
      ))}
    </div>
  );
}

function ResendInvitation({ user }: { user: UserView }) {
  const { t } = useTranslation();
  const session = useAuthenticatedSession();
  const resend = useResendInvitation(user.id);
  const canResend = user.grants.some(
    (grant) => denialReason(session.grants, grant.contractId, 'users', 'manager') === null,
  );
  if (!canResend) return null;
  return (
    <div className="access-card__actions">
      <p className="access-card__reason">{t('rights.access.invitedNote')}</p>
      {resend.isSuccess ? (
        <Notice tone="success" isLive>
          {t('rights.access.resent', { email: user.email })}
        </Notice>
      ) : (
        <Button onClick={() => resend.mutate()} isBusy={resend.isPending}>
          {t('rights.access.resend')}
        </Button>
      )}
    </div>
  );
}

type Choices = Partial<Record<Section, Profile>>;

function choicesOf(user: UserView, contractId: string): Choices {
  const choices: Choices = {};
  for (const section of sections) {
    const profile = profileOn(user.grants, contractId, section);
    if (profile) choices[section] = profile;
  }
  return choices;
}

function ContractAccessCard({ user, contractId }: { user: UserView; contractId: string }) {
  const { t } = useTranslation();
  const session = useAuthenticatedSession();
  const navigate = useNavigate();
  const [choices, setChoices] = useState<Choices>(() => choicesOf(user, contractId));
  const [isRemoving, setIsRemoving] = useState(false);
  const [saved, setSaved] = useState(false);
  const setAccess = useSetAccess(user.id);
  const remove = useRemoveAccess(user.id);
  const held = sections.some((section) => profileOn(user.grants, contractId, section) !== null);
  const denial = denialReason(session.grants, contractId, 'users', 'manager');
  const isSelf = user.id === session.user.id;
  const isReferent = user.referentOf.includes(contractId);
  const reason =
    denial === 'viewer_read_only'
      ? t('rights.denied.viewer_read_only')
      : isSelf
        ? t('rights.denied.ownAccess')
        : null;
  const isReadOnly = reason !== null;
  const grants = sections.flatMap((section) => {
    const profile = choices[section];
    return profile ? [{ section, profile }] : [];
  });
  const titleId = `access-${contractId}`;
  const error = setAccess.error ?? remove.error;
  return (
    <Card
      title={t('rights.access.contractTitle', { contract: contractId })}
      titleId={titleId}
      actions={
        isReferent ? <Badge tone="info">{t('rights.users.referentBadge')}</Badge> : undefined
      }
    >
      {!held ? <p className="rights-panel__note">{t('rights.access.noAccessYet')}</p> : null}
      <form
        aria-labelledby={titleId}
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          if (grants.length === 0) {
            setIsRemoving(true);
            return;
          }
          setAccess.mutate({ contractId, body: { grants } }, { onSuccess: () => setSaved(true) });
        }}
      >
        <div className="form-grid sections-grid">
          {sections.map((section) => (
            <div className="field" key={section}>
              <label className="field__label" htmlFor={`${titleId}-${section}`}>
                {t(`rights.sections.${section}`)}
              </label>
              <ProfileSelect
                id={`${titleId}-${section}`}
                label={t('rights.grid.cellLabel', {
                  section: t(`rights.sections.${section}`),
                  contract: contractId,
                })}
                value={choices[section] ?? null}
                ceiling={profileOn(session.grants, contractId, section)}
                isDisabled={isReadOnly}
                describedBy={isReadOnly ? `${titleId}-reason` : undefined}
                onChange={(profile) => {
                  setSaved(false);
                  setChoices((current) => {
                    const next = { ...current };
                    if (profile) next[section] = profile;
                    else delete next[section];
                    return next;
                  });
                }}
              />
            </div>
          ))}
        </div>
        {reason ? (
          <p id={`${titleId}-reason`} className="access-card__reason">
            {reason}
          </p>
        ) : null}
        {saved ? (
          <Notice tone="success" isLive>
            {t('rights.access.saved')}
          </Notice>
        ) : null}
        {error ? (
          <Notice tone="error" isLive>
            {isApiError(error) && ['forbidden', 'conflict'].includes(error.code)
              ? error.message
              : t('errors.internal')}
          </Notice>
        ) : null}
        {!isReadOnly ? (
          <div className="access-card__actions">
            {held ? (
              <div>
                <Button
                  variant="danger"
                  onClick={() => setIsRemoving(true)}
                  disabled={isReferent}
                  aria-describedby={isReferent ? `${titleId}-referent` : undefined}
                >
                  {t('rights.access.remove')}
                </Button>
                {isReferent ? (
                  <p id={`${titleId}-referent`} className="access-card__reason">
                    {t('rights.denied.referentAccess')}
                  </p>
                ) : null}
              </div>
            ) : (
              <span />
            )}
            <Button type="submit" variant="primary" isBusy={setAccess.isPending}>
              {t('rights.access.save')}
            </Button>
          </div>
        ) : null}
      </form>
      <ConfirmDialog
        isOpen={isRemoving}
        tone="danger"
        title={t('rights.access.removeTitle', { contract: contractId })}
        confirmLabel={t('rights.access.removeConfirm')}
        cancelLabel={t('common.cancel')}
        isBusy={remove.isPending}
        onCancel={() => setIsRemoving(false)}
        onConfirm={() =>
          remove.mutate(contractId, {
            onSuccess: () => {
              setIsRemoving(false);
              void navigate(`/utilisateurs?contrat=${encodeURIComponent(contractId)}`, {
                state: {
                  flash: t('rights.access.removed', {
                    name: user.displayName,
                    contract: contractId,
                  }),
                },
              });
            },
          })
        }
      >
        <p>{t('rights.access.removeBody', { name: user.displayName, contract: contractId })}</p>
      </ConfirmDialog>
    </Card>
  );
}
