import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ContractRightsView } from '@guichet/contracts';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { SelectField } from '../../components/ui/select-field.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { ApprovalRulesCard } from './approval-rules-card.tsx';
import {
  useContractRights,
  useDesignateReferent,
  useSetRequesters,
  useUserList,
} from './users-api.ts';

/** « Référent du contrat » and « Demandeurs autorisés » of one contract. */
export function ContractRightsPanel({ contractId }: { contractId: string }) {
  const rights = useContractRights(contractId);
  if (!rights.data) return null;
  return (
    <div className="rights-panels">
      <ReferentCard rights={rights.data} />
      <RequestersCard rights={rights.data} />
      <ApprovalRulesCard contractId={contractId} />
    </div>
  );
}

/** Everyone with rights on the contract (one page is plenty for a dialog's list). */
function useContractUsers(contractId: string, isEnabled: boolean) {
  const list = useUserList(isEnabled ? contractId : '', '');
  return list.data?.pages.flatMap((page) => page.items) ?? [];
}

function errorText(t: TFunction, error: unknown): string | null {
  if (!error) return null;
  if (isApiError(error)) {
    const detail = error.details[0];
    if (detail?.rule === 'candidate_without_rights')
      return t('rights.referent.candidateWithoutRights');
    if (error.code === 'forbidden' || error.code === 'conflict') return error.message;
    return t(`errors.${error.code}`);
  }
  return t('errors.internal');
}

function ReferentCard({ rights }: { rights: ContractRightsView }) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  const [candidate, setCandidate] = useState('');
  const [removeFormerRights, setRemoveFormerRights] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const users = useContractUsers(rights.contractId, isOpen);
  const designate = useDesignateReferent(rights.contractId);
  const candidates = users.filter((user) => user.id !== rights.referent?.id);
  const close = () => {
    setIsOpen(false);
    designate.reset();
  };
  return (
    <Card title={t('rights.referent.title')} titleId="referent-title" level={2}>
      <p className="rights-panel__value">
        {rights.referent ? rights.referent.displayName : t('rights.referent.none')}
        {rights.isReferent ? ` — ${t('rights.referent.you')}` : null}
      </p>
      {done ? (
        <Notice tone="success" isLive>
          {done}
        </Notice>
      ) : null}
      {rights.referentDenied === null ? (
        <>
          <p className="rights-panel__note">{t('rights.referent.youDesignate')}</p>
          <div>
            <Button onClick={() => setIsOpen(true)}>{t('rights.referent.designate')}</Button>
          </div>
        </>
      ) : (
        <p className="rights-panel__note">{t(`rights.referent.denied.${rights.referentDenied}`)}</p>
      )}
      <ConfirmDialog
        isOpen={isOpen}
        title={t('rights.referent.dialogTitle', { contract: rights.contractId })}
        confirmLabel={t('rights.referent.confirm')}
        cancelLabel={t('common.cancel')}
        isBusy={designate.isPending}
        onCancel={close}
        onConfirm={() => {
          if (!candidate) return;
          designate.mutate(
            { userId: candidate, removeFormerRights },
            {
              onSuccess: () => {
                const name = users.find((user) => user.id === candidate)?.displayName ?? '';
                setDone(t('rights.referent.done', { name }));
                setIsOpen(false);
                setCandidate('');
                setRemoveFormerRights(false);
              },
            },
          );
        }}
      >
        <p>{t('rights.referent.dialogIntro')}</p>
        <SelectField
          id="referent-candidate"
          label={t('rights.referent.candidate')}
          value={candidate}
          options={[
            { value: '', label: t('rights.referent.chooseCandidate') },
            ...candidates.map((user) => ({
              value: user.id,
              label: `${user.displayName} (${user.email})`,
            })),
          ]}
          onChange={setCandidate}
        />
        <label className="field__inline">
          <input
            type="checkbox"
            checked={removeFormerRights}
            onChange={(event) => setRemoveFormerRights(event.target.checked)}
          />
          <span>
            {rights.isReferent
              ? t('rights.referent.removeOwnRights')
              : t('rights.referent.removeFormerRights')}
          </span>
        </label>
        {designate.isError ? (
          <Notice tone="error" isLive>
            {errorText(t, designate.error)}
          </Notice>
        ) : null}
      </ConfirmDialog>
    </Card>
  );
}

function RequestersCard({ rights }: { rights: ContractRightsView }) {
  const { t } = useTranslation();
  const [isEditing, setIsEditing] = useState(false);
  const [isRestricted, setIsRestricted] = useState(rights.restrictsRequesters);
  const [chosen, setChosen] = useState<string[]>(rights.requesters.map((user) => user.id));
  const users = useContractUsers(rights.contractId, isEditing);
  const save = useSetRequesters(rights.contractId);
  const startEditing = () => {
    setIsRestricted(rights.restrictsRequesters);
    setChosen(rights.requesters.map((user) => user.id));
    setIsEditing(true);
  };
  const canEdit = rights.manageDenied === null;
  return (
    <Card title={t('rights.requesters.title')} titleId="requesters-title" level={2}>
      {!isEditing ? (
        <>
          <p className="rights-panel__note">
            {rights.restrictsRequesters
              ? t('rights.requesters.restricted')
              : t('rights.requesters.open')}
          </p>
          {rights.restrictsRequesters ? (
            rights.requesters.length > 0 ? (
              <ul className="rights-panel__list">
                {rights.requesters.map((user) => (
                  <li key={user.id}>{user.displayName}</li>
                ))}
              </ul>
            ) : (
              <Notice tone="warning">{t('rights.requesters.nobody')}</Notice>
            )
          ) : null}
          {canEdit ? (
            <div>
              <Button onClick={startEditing}>{t('rights.requesters.edit')}</Button>
            </div>
          ) : rights.usersProfile === 'viewer' ? (
            <p className="access-card__reason">{t('rights.denied.viewer_read_only')}</p>
          ) : null}
        </>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(
              { restrictsRequesters: isRestricted, userIds: isRestricted ? chosen : [] },
              { onSuccess: () => setIsEditing(false) },
            );
          }}
        >
          <label className="field__inline">
            <input
              type="checkbox"
              checked={isRestricted}
              onChange={(event) => setIsRestricted(event.target.checked)}
            />
            <span>{t('rights.requesters.restrict')}</span>
          </label>
          {isRestricted ? (
            <fieldset className="checkbox-list">
              <legend>{t('rights.requesters.who')}</legend>
              {users.map((user) => (
                <label key={user.id}>
                  <input
                    type="checkbox"
                    checked={chosen.includes(user.id)}
                    onChange={(event) =>
                      setChosen((current) =>
                        event.target.checked
                          ? [...current, user.id]
                          : current.filter((id) => id !== user.id),
                      )
                    }
                  />
                  <span>
                    {user.displayName} <span className="muted">({user.email})</span>
                  </span>
                </label>
              ))}
            </fieldset>
          ) : null}
          {save.isError ? (
            <Notice tone="error" isLive>
              {errorText(t, save.error)}
            </Notice>
          ) : null}
          <div className="form-actions">
            <Button onClick={() => setIsEditing(false)}>{t('common.cancel')}</Button>
            <Button type="submit" variant="primary" isBusy={save.isPending}>
              {t('rights.requesters.save')}
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
