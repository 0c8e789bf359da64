import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApprovalRuleInput, ApprovalRules } from '@guichet/contracts';
import { Card } from '../../components/ui/card.tsx';
import { FormActions } from '../../components/ui/form-actions.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { SelectField, optionsOf } from '../../components/ui/select-field.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { api, isApiError } from '../../lib/api-client.ts';
import { useInvalidatingMutation } from '../../lib/query-hooks.ts';

/** Approvals (decision 0034): the contract's first approval rule, set by its referent. */
const rulesKey = (contractId: string) => ['approval-rules', contractId] as const;
const scopes = ['none', 'billable', 'above_tokens', 'all'] as const;
type Scope = (typeof scopes)[number];

export function ApprovalRulesCard({ contractId }: { contractId: string }) {
  const rules = useQuery({
    queryKey: rulesKey(contractId),
    queryFn: ({ signal }) =>
      api.GET('/api/contracts/{contractId}/approval-rules', {
        params: { path: { contractId } },
        signal,
      }),
  });
  if (!rules.data) return null;
  return <RulesForm key={contractId} rules={rules.data} />;
}

function RulesForm({ rules }: { rules: ApprovalRules }) {
  const { t } = useTranslation();
  const first = rules.rules[0];
  const [scope, setScope] = useState<Scope>(
    first && first.scope !== 'articles' ? first.scope : 'none',
  );
  const [minTokens, setMinTokens] = useState(String(first?.minTokens ?? 0));
  const [includeReferent, setIncludeReferent] = useState(first?.includeReferent ?? true);
  const [approverIds, setApproverIds] = useState<string[]>(first?.approverIds ?? []);
  const [mode, setMode] = useState<'any' | 'all'>(first?.mode ?? 'any');
  const save = useInvalidatingMutation(
    (body: { rules: ApprovalRuleInput[] }) =>
      api.PUT('/api/contracts/{contractId}/approval-rules', {
        params: { path: { contractId: rules.contractId } },
        body,
      }),
    [rulesKey(rules.contractId)],
  );
  const names = new Map(rules.candidates.map((user) => [user.id, user.name]));
  const submit = () => {
    const rule: ApprovalRuleInput = {
      scope: scope === 'none' ? 'all' : scope,
      minTokens: scope === 'above_tokens' ? Number(minTokens) || 0 : null,
      catalogIds: [],
      articleIds: [],
      includeReferent,
      approverIds,
      mode,
    };
    save.mutate({ rules: scope === 'none' ? [] : [rule] });
  };
  return (
    <Card title={t('approvals.rules.title')} titleId="approval-rules">
      <p className="muted">{t('approvals.rules.intro')}</p>
      {!rules.canEdit ? (
        <p>
          {first ? t(`approvals.rules.scopes.${first.scope}`) : t('approvals.rules.scopes.none')}
          {first
            ? ` · ${[
                ...(first.includeReferent ? [t('approvals.rules.referent')] : []),
                ...first.approverIds.map((id) => names.get(id) ?? id),
              ].join(', ')}`
            : null}
        </p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <SelectField
            id="approval-scope"
            label={t('approvals.rules.scope')}
            value={scope}
            options={optionsOf(scopes, (value) => t(`approvals.rules.scopes.${value}`))}
            onChange={setScope}
          />
          {scope === 'above_tokens' ? (
            <TextField
              id="approval-min-tokens"
              label={t('approvals.rules.minTokens')}
              type="number"
              min={0}
              value={minTokens}
              onChange={setMinTokens}
            />
          ) : null}
          {scope === 'none' ? null : (
            <fieldset className="approval-rules__approvers">
              <legend>{t('approvals.rules.approvers')}</legend>
              <label>
                <input
                  type="checkbox"
                  checked={includeReferent}
                  onChange={(event) => setIncludeReferent(event.target.checked)}
                />{' '}
                {t('approvals.rules.referent')}
                {rules.referent ? ` (${rules.referent.name})` : null}
              </label>
              {rules.candidates
                .filter((user) => user.id !== rules.referent?.id)
                .map((user) => (
                  <label key={user.id}>
                    <input
                      type="checkbox"
                      checked={approverIds.includes(user.id)}
                      onChange={(event) =>
                        setApproverIds((ids) =>
                          event.target.checked
                            ? [...ids, user.id]
                            : ids.filter((id) => id !== user.id),
                        )
                      }
                    />{' '}
                    {user.name}
                  </label>
                ))}
              <SelectField
                id="approval-mode"
                label={t('approvals.rules.mode')}
                value={mode}
                options={optionsOf(['any', 'all'] as const, (value) =>
                  t(`approvals.rules.modes.${value}`),
                )}
                onChange={setMode}
              />
            </fieldset>
          )}
          {save.isSuccess ? (
            <Notice tone="success" isLive>
              {t('approvals.rules.saved')}
            </Notice>
          ) : null}
          {save.error ? (
            <Notice tone="error" isLive>
              {isApiError(save.error) ? t(`errors.${save.error.code}`) : t('errors.internal')}
            </Notice>
          ) : null}
          <FormActions submitLabel={t('approvals.rules.save')} isBusy={save.isPending} />
        </form>
      )}
    </Card>
  );
}
