import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApprovalRuleInput, ApprovalRules } from '@guichet/contracts';
import { approvalModes, approvalScopes, maxApprovalRules } from '@guichet/domain';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { FieldError } from '../../components/ui/form-field.tsx';
import { FormActions } from '../../components/ui/form-actions.tsx';
import { FormFeedback } from '../../components/ui/form-feedback.tsx';
import { SelectField, optionsOf } from '../../components/ui/select-field.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { api, isApiError } from '../../lib/api-client.ts';
import type { ErrorDetail } from '../../lib/api-client.ts';
import { detailMessage, errorId, errorText, fieldId, isUnder } from '../../lib/field-errors.ts';
import { localize } from '../../lib/form-values.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useInvalidatingMutation } from '../../lib/query-hooks.ts';

/**
 * Approvals (decision 0034): the contract's approval rules, in order, set by its referent. The
 * first rule that catches a request decides who approves it.
 */
const rulesKey = (contractId: string) => ['approval-rules', contractId] as const;
type Scope = ApprovalRuleInput['scope'];
type Mode = ApprovalRuleInput['mode'];

/** A rule being edited: the input, its tokens as typed, and a key that follows it when moved. */
interface Draft extends Omit<ApprovalRuleInput, 'minTokens'> {
  key: number;
  minTokens: string;
}

let nextKey = 0;
function draftOf(rule: ApprovalRules['rules'][number] | null): Draft {
  nextKey += 1;
  return {
    key: nextKey,
    scope: rule?.scope ?? 'billable',
    minTokens: rule?.minTokens === null || rule === null ? '' : String(rule.minTokens),
    catalogIds: rule?.catalogIds ?? [],
    articleIds: rule?.articleIds ?? [],
    includeReferent: rule?.includeReferent ?? true,
    approverIds: rule?.approverIds ?? [],
    mode: rule?.mode ?? 'any',
  };
}

/** What is sent: the tokens only for `above_tokens`, the catalogs and articles only for `articles`. */
export function ruleInputOf(draft: Draft): ApprovalRuleInput {
  const isArticles = draft.scope === 'articles';
  return {
    scope: draft.scope,
    minTokens:
      draft.scope === 'above_tokens' && draft.minTokens.trim() !== ''
        ? Number(draft.minTokens)
        : null,
    catalogIds: isArticles ? draft.catalogIds : [],
    articleIds: isArticles ? draft.articleIds : [],
    includeReferent: draft.includeReferent,
    approverIds: draft.approverIds,
    mode: draft.mode,
  };
}

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

function useContractCatalogs(contractId: string) {
  return useQuery({
    queryKey: ['approval-rules', contractId, 'catalogs'],
    queryFn: ({ signal }) =>
      api.GET('/api/contracts/{contractId}/catalogs', { params: { path: { contractId } }, signal }),
    staleTime: 5 * 60_000,
  });
}

/** A toggled id in a list: added when checked, taken out when not. */
function toggled(ids: readonly string[], id: string, isChecked: boolean): string[] {
  return isChecked ? [...ids, id] : ids.filter((other) => other !== id);
}

function RulesForm({ rules }: { rules: ApprovalRules }) {
  const { t } = useTranslation();
  const catalogs = useContractCatalogs(rules.contractId);
  const [drafts, setDrafts] = useState<Draft[]>(() => rules.rules.map(draftOf));
  const [details, setDetails] = useState<ErrorDetail[]>([]);
  const save = useInvalidatingMutation(
    (body: { rules: ApprovalRuleInput[] }) =>
      api.PUT('/api/contracts/{contractId}/approval-rules', {
        params: { path: { contractId: rules.contractId } },
        body,
      }),
    [rulesKey(rules.contractId)],
  );
  const names = new Map(rules.candidates.map((user) => [user.id, user.name]));
  const change = (index: number, patch: Partial<Draft>) => {
    setDrafts((list) => list.map((draft, at) => (at === index ? { ...draft, ...patch } : draft)));
    setDetails((list) => list.filter((detail) => !isUnder(detail.path, `rules.${index}`)));
    save.reset();
  };
  const reorder = (next: Draft[]) => {
    setDrafts(next);
    setDetails([]);
    save.reset();
  };
  const move = (index: number, by: -1 | 1) => {
    const next = [...drafts];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + by, 0, moved);
    reorder(next);
  };
  const submit = () => {
    setDetails([]);
    save.mutate(
      { rules: drafts.map(ruleInputOf) },
      {
        onError: (error) => {
          if (isApiError(error)) setDetails(error.details);
        },
      },
    );
  };
  const generalError =
    save.error && details.length === 0
      ? errorText(save.error, t)
      : save.error
        ? t('approvals.rules.invalid')
        : null;
  return (
    <Card title={t('approvals.rules.title')} titleId="approval-rules">
      <p className="muted">{t('approvals.rules.intro')}</p>
      {!rules.canEdit ? (
        rules.rules.length === 0 ? (
          <p>{t('approvals.rules.scopes.none')}</p>
        ) : (
          <ol className="approval-rules__list">
            {rules.rules.map((rule, index) => (
              <li key={index}>
                {t(`approvals.rules.scopes.${rule.scope}`)}
                {rule.scope === 'above_tokens' ? ` (${rule.minTokens ?? 0})` : null}
                {` · ${[
                  ...(rule.includeReferent ? [t('approvals.rules.referent')] : []),
                  ...rule.approverIds.map((id) => names.get(id) ?? id),
                ].join(', ')} · ${t(`approvals.rules.modes.${rule.mode}`)}`}
              </li>
            ))}
          </ol>
        )
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          {drafts.length === 0 ? <p>{t('approvals.rules.empty')}</p> : null}
          {drafts.map((draft, index) => (
            <RuleFields
              key={draft.key}
              index={index}
              count={drafts.length}
              draft={draft}
              rules={rules}
              catalogs={catalogs.data ?? null}
              details={details}
              onChange={(patch) => change(index, patch)}
              onMove={(by) => move(index, by)}
              onRemove={() => reorder(drafts.filter((_, at) => at !== index))}
            />
          ))}
          {drafts.length < maxApprovalRules ? (
            <Button onClick={() => reorder([...drafts, draftOf(null)])}>
              {t('approvals.rules.add')}
            </Button>
          ) : null}
          <FormFeedback
            success={save.isSuccess ? t('approvals.rules.saved') : null}
            error={generalError}
          />
          <FormActions submitLabel={t('approvals.rules.save')} isBusy={save.isPending} />
        </form>
      )}
    </Card>
  );
}

/** What the rules need of the contract's catalogs: their names and their articles'. */
interface Named {
  id: string;
  name: { fr: string; en: string };
}
interface CatalogChoice extends Named {
  articles: Named[];
  categories: { articles: Named[] }[];
}

interface RuleFieldsProps {
  index: number;
  count: number;
  draft: Draft;
  rules: ApprovalRules;
  catalogs: { items: CatalogChoice[] } | null;
  details: readonly ErrorDetail[];
  onChange: (patch: Partial<Draft>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/** Which field a rule's own problem belongs to (the API reports them on `rules.N`). */
const problemField = {
  min_tokens_required: 'minTokens',
  articles_required: 'articles',
  no_approver: 'approvers',
} as const;
type ProblemField = (typeof problemField)[keyof typeof problemField];

function RuleFields({
  index,
  count,
  draft,
  rules,
  catalogs,
  details,
  onChange,
  onMove,
  onRemove,
}: RuleFieldsProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const base = `rules.${index}`;
  const errorOf = (field: ProblemField): string | null => {
    const detail = details.find(
      (item) =>
        (item.path === base && problemField[item.rule as keyof typeof problemField] === field) ||
        isUnder(item.path, `${base}.${field === 'articles' ? 'catalogIds' : field}`) ||
        (field === 'articles' && isUnder(item.path, `${base}.articleIds`)) ||
        (field === 'approvers' && isUnder(item.path, `${base}.approverIds`)),
    );
    if (!detail) return null;
    const key = `approvals.rules.problems.${detail.rule ?? ''}`;
    return t(key as 'approvals.rules.problems.no_approver', {
      defaultValue: detailMessage(detail),
    });
  };
  const articlesError = errorOf('articles');
  const approversError = errorOf('approvers');
  const legend = t('approvals.rules.rule', { number: index + 1 });
  return (
    <fieldset className="approval-rule">
      <legend>{legend}</legend>
      <div className="approval-rule__tools">
        <Button
          variant="ghost"
          disabled={index === 0}
          aria-label={t('approvals.rules.moveUp', { number: index + 1 })}
          onClick={() => onMove(-1)}
        >
          {t('approvals.rules.up')}
        </Button>
        <Button
          variant="ghost"
          disabled={index === count - 1}
          aria-label={t('approvals.rules.moveDown', { number: index + 1 })}
          onClick={() => onMove(1)}
        >
          {t('approvals.rules.down')}
        </Button>
        <Button
          variant="danger"
          aria-label={t('approvals.rules.removeRule', { number: index + 1 })}
          onClick={onRemove}
        >
          {t('approvals.rules.remove')}
        </Button>
      </div>
      <SelectField<Scope>
        id={fieldId(`${base}.scope`)}
        label={t('approvals.rules.scope')}
        value={draft.scope}
        options={optionsOf(approvalScopes, (value) => t(`approvals.rules.scopes.${value}`))}
        onChange={(scope) => onChange({ scope })}
      />
      {draft.scope === 'above_tokens' ? (
        <TextField
          id={fieldId(`${base}.minTokens`)}
          label={t('approvals.rules.minTokens')}
          type="number"
          inputMode="numeric"
          min={0}
          isRequired
          value={draft.minTokens}
          error={errorOf('minTokens')}
          onChange={(minTokens) => onChange({ minTokens })}
        />
      ) : null}
      {draft.scope === 'articles' ? (
        <fieldset
          className="approval-rule__choices"
          aria-describedby={articlesError ? errorId(`${base}.articles`) : undefined}
          aria-invalid={articlesError ? true : undefined}
        >
          <legend>{t('approvals.rules.articles')}</legend>
          {catalogs === null ? (
            <p className="muted">{t('approvals.rules.catalogsLoading')}</p>
          ) : catalogs.items.length === 0 ? (
            <p className="muted">{t('approvals.rules.noCatalog')}</p>
          ) : (
            catalogs.items.map((catalog) => {
              const articles = [
                ...catalog.articles,
                ...catalog.categories.flatMap((category) => category.articles),
              ];
              const isWhole = draft.catalogIds.includes(catalog.id);
              return (
                <div key={catalog.id} className="approval-rule__catalog">
                  <label>
                    <input
                      type="checkbox"
                      checked={isWhole}
                      onChange={(event) =>
                        onChange({
                          catalogIds: toggled(draft.catalogIds, catalog.id, event.target.checked),
                        })
                      }
                    />{' '}
                    {t('approvals.rules.wholeCatalog', { name: localize(catalog.name, locale) })}
                  </label>
                  {isWhole ? null : (
                    <ul className="approval-rule__articles">
                      {articles.map((article) => (
                        <li key={article.id}>
                          <label>
                            <input
                              type="checkbox"
                              checked={draft.articleIds.includes(article.id)}
                              onChange={(event) =>
                                onChange({
                                  articleIds: toggled(
                                    draft.articleIds,
                                    article.id,
                                    event.target.checked,
                                  ),
                                })
                              }
                            />{' '}
                            {localize(article.name, locale)}
                          </label>
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              );
            })
          )}
          <FieldError id={errorId(`${base}.articles`)} error={articlesError} />
        </fieldset>
      ) : null}
      <fieldset
        className="approval-rule__choices"
        aria-describedby={approversError ? errorId(`${base}.approvers`) : undefined}
        aria-invalid={approversError ? true : undefined}
      >
        <legend>{t('approvals.rules.approvers')}</legend>
        <label>
          <input
            type="checkbox"
            checked={draft.includeReferent}
            onChange={(event) => onChange({ includeReferent: event.target.checked })}
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
                checked={draft.approverIds.includes(user.id)}
                onChange={(event) =>
                  onChange({
                    approverIds: toggled(draft.approverIds, user.id, event.target.checked),
                  })
                }
              />{' '}
              {user.name}
            </label>
          ))}
        <FieldError id={errorId(`${base}.approvers`)} error={approversError} />
      </fieldset>
      <SelectField<Mode>
        id={fieldId(`${base}.mode`)}
        label={t('approvals.rules.mode')}
        value={draft.mode}
        options={optionsOf(approvalModes, (value) => t(`approvals.rules.modes.${value}`))}
        onChange={(mode) => onChange({ mode })}
      />
    </fieldset>
  );
}
