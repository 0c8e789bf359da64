import { useState } from 'react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { billingModes, lintForm } from '@guichet/domain';
import type { ErrorDetail, FormDefinition, Locale } from '@guichet/domain';
import type { ArticleAdminView, ArticleDefinition } from '@guichet/contracts';
import { Badge } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { ArticleExecutionCard } from './article-execution.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { useUnsavedChangesGuard } from '../../components/ui/unsaved-changes-guard.tsx';
import { isApiError } from '../../lib/api-client.ts';
import type { ArticleFieldsProps } from '../../lib/article-form-slots.ts';
import { formatDateTime } from '../../lib/format.ts';
import { isFormDefinition, localize } from '../../lib/form-values.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import {
  useAdminArticle,
  useAdminCatalog,
  useArticleActions,
  useArticlePreview,
} from './catalog-admin-api.ts';
import { CatalogAdminHeader, CatalogAdminNotFound } from './catalog-admin-header.tsx';
import { optionsOf, SelectField } from '../../components/ui/select-field.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { sameJson } from './canonical-json.ts';
import { FieldList } from './field-editor.tsx';
import { FormPreview } from './form-preview.tsx';
import { LocalizedInput } from './localized-input.tsx';
import { PublishDialog } from './publish-dialog.tsx';
import { RulesEditor } from './rule-editor.tsx';
import './catalog-admin.css';

interface ArticleEditorPageProps {
  ArticleFields: ComponentType<ArticleFieldsProps>;
}

/** Where a lint problem is, as the manager reads it: « Champ 3 (Motif) › Colonne 1 ». */
function placeOf(
  form: FormDefinition,
  path: string,
  locale: Locale,
  t: (
    key: 'catalogAdmin.lint.field' | 'catalogAdmin.lint.rule',
    options: Record<string, unknown>,
  ) => string,
): { text: string; fieldIndex: number | null } {
  const parts = path.split('.');
  if (parts[0] === 'rules') {
    return {
      text: t('catalogAdmin.lint.rule', { number: Number(parts[1]) + 1 }),
      fieldIndex: null,
    };
  }
  const index = Number(parts[1]);
  const field = form.fields[index];
  const label = field ? localize(field.label, locale) || field.key : '?';
  let text = t('catalogAdmin.lint.field', { number: index + 1, label });
  if (parts[2] === 'fields' && field?.kind === 'rows') {
    const column = field.fields[Number(parts[3])];
    text += ` › ${column ? localize(column.label, locale) || column.key : '?'}`;
  }
  return { text, fieldIndex: Number.isInteger(index) ? index : null };
}

/**
 * What the publication card says when the linter finds nothing: the name still missing, nothing
 * new since the version customers have (`publishedVersion`), or ready to publish.
 */
function PublicationStatus({
  nameMissing,
  publishedVersion,
}: {
  nameMissing: boolean;
  publishedVersion: number | null;
}) {
  const { t } = useTranslation();
  if (nameMissing) return <p className="lint">{t('catalogAdmin.lint.nameMissing')}</p>;
  if (publishedVersion !== null) {
    return (
      <p className="lint">
        {t('catalogAdmin.lint.nothingToPublish', { version: publishedVersion })}
      </p>
    );
  }
  return <p className="lint lint--clean">{t('catalogAdmin.lint.clean')}</p>;
}

/** `/back-office/catalogues/articles/:id`: an article's draft, its preview, its versions. */
export function ArticleEditorPage({ ArticleFields }: ArticleEditorPageProps) {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const article = useAdminArticle(id);
  if (article.isPending) return <Loading />;
  if (article.isError) {
    return <CatalogAdminNotFound title={t('catalogAdmin.article.notFound')} />;
  }
  return (
    <ArticleEditor
      key={article.data.id}
      article={article.data}
      ArticleFields={ArticleFields}
      onReload={async () => (await article.refetch()).data}
    />
  );
}

interface ArticleEditorProps {
  article: ArticleAdminView;
  ArticleFields: ComponentType<ArticleFieldsProps>;
  /** Reads the article again (after a conflict); answers it as it now is. */
  onReload: () => Promise<ArticleAdminView | undefined>;
}

function ArticleEditor({ article, ArticleFields, onReload }: ArticleEditorProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const catalog = useAdminCatalog(article.catalogId);
  const preview = useArticlePreview(article.id, null);
  const actions = useArticleActions(article.id);
  const [definition, setDefinition] = useState<ArticleDefinition>(article.definition);
  const [openField, setOpenField] = useState<number | null>(null);
  const [json, setJson] = useState(() => JSON.stringify(article.definition.form, null, 2));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [serverIssues, setServerIssues] = useState<ErrorDetail[]>([]);
  const [isConflict, setIsConflict] = useState(false);
  const [isDiscarding, setIsDiscarding] = useState(false);
  const [isPublishing, setIsPublishing] = useState(false);

  const isDirty = !sameJson(definition, article.definition);
  // The domain's linter, as the server runs it before publishing: problems show as one types.
  const lint = lintForm(definition.form, locale);
  const nameMissing = !definition.name.fr.trim() || !definition.name.en.trim();
  const hasChanges = article.hasDraft || isDirty;
  const canPublish = hasChanges && lint.length === 0 && !nameMissing;
  const isBusy = actions.save.isPending || actions.publish.isPending || actions.discard.isPending;
  const nextVersion = (article.publishedVersion ?? 0) + 1;

  const leaveGuard = useUnsavedChangesGuard(isDirty);

  /** Starts again from what the server holds (a discarded draft, another manager's save). */
  const resetTo = (next: ArticleDefinition) => {
    setDefinition(next);
    setJson(JSON.stringify(next.form, null, 2));
    setJsonError(null);
    setServerIssues([]);
  };

  const setForm = (form: FormDefinition) => {
    setDefinition((current) => ({ ...current, form }));
    setJson(JSON.stringify(form, null, 2));
    setJsonError(null);
  };

  const onError = (error: unknown) => {
    if (isApiError(error, 'conflict')) {
      setIsConflict(true);
      return;
    }
    setServerIssues(isApiError(error) ? error.details : []);
    setNotice({
      tone: 'error',
      text: isApiError(error) ? error.message : t('errors.internal'),
    });
  };

  const save = async (): Promise<ArticleAdminView | null> => {
    setNotice(null);
    setServerIssues([]);
    try {
      return await actions.save.mutateAsync({ definition, revision: article.revision });
    } catch (error) {
      onError(error);
      return null;
    }
  };

  const onSave = async () => {
    if (await save()) setNotice({ tone: 'success', text: t('catalogAdmin.editor.saved') });
  };

  const onPublish = async () => {
    const saved = isDirty ? await save() : article;
    if (!saved) return;
    try {
      const published = await actions.publish.mutateAsync(saved.revision);
      setNotice({
        tone: 'success',
        text: t('catalogAdmin.editor.published', { version: published.publishedVersion ?? 1 }),
      });
    } catch (error) {
      onError(error);
    }
  };

  const name = localize(definition.name, locale) || article.code;
  return (
    <div className="page catalog-admin">
      <CatalogAdminHeader
        title={name}
        crumbs={
          <>
            {' › '}
            <Link to={`/back-office/catalogues/${article.catalogId}`}>
              {catalog.data ? localize(catalog.data.name, locale) : article.catalogCode}
            </Link>
          </>
        }
        subtitle={
          <>
            <span className="mono">{article.code}</span>{' '}
            {article.publishedVersion === null ? (
              <Badge tone="muted">{t('catalogAdmin.article.unpublished')}</Badge>
            ) : (
              <Badge tone="success">
                {t('catalogAdmin.article.version', { version: article.publishedVersion })}
              </Badge>
            )}{' '}
            {article.hasDraft ? (
              <Badge tone="warning">{t('catalogAdmin.article.draft')}</Badge>
            ) : null}
            {isDirty ? <Badge tone="info">{t('catalogAdmin.editor.unsaved')}</Badge> : null}
          </>
        }
      />

      {notice ? (
        <Notice tone={notice.tone} isLive>
          {notice.text}
        </Notice>
      ) : null}
      {isConflict ? (
        <Notice tone="error" isLive title={t('catalogAdmin.editor.conflictTitle')}>
          <p>{t('catalogAdmin.editor.conflictBody')}</p>
          <Button
            variant="primary"
            onClick={() =>
              void onReload().then((fresh) => {
                if (fresh) resetTo(fresh.definition);
                setIsConflict(false);
              })
            }
          >
            {t('catalogAdmin.editor.reload')}
          </Button>
        </Notice>
      ) : null}
      {serverIssues.length > 0 ? (
        <Notice tone="error" title={t('catalogAdmin.editor.serverIssues')}>
          <ul>
            {serverIssues.map((issue) => (
              <li key={`${issue.path}:${issue.message}`}>
                <span className="mono">{issue.path}</span> — {issue.message}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}

      <div className="article-editor">
        <div className="article-editor__definition">
          <Card title={t('catalogAdmin.editor.article')} titleId="editor-article">
            <LocalizedInput
              id="article-name"
              label={t('catalogAdmin.article.name')}
              value={definition.name}
              isRequired
              error={nameMissing ? t('catalogAdmin.editor.nameMissing') : null}
              onChange={(value) => setDefinition({ ...definition, name: value })}
            />
            <LocalizedInput
              id="article-help"
              label={t('catalogAdmin.article.help')}
              value={definition.help ?? { fr: '', en: '' }}
              isMultiline
              onChange={(value) =>
                setDefinition({ ...definition, help: value.fr || value.en ? value : null })
              }
            />
            <div className="form-grid">
              <SelectField
                id="article-billing"
                label={t('catalogAdmin.article.billingMode')}
                hint={t(`catalogAdmin.billing.${definition.billingMode}Hint`)}
                value={definition.billingMode}
                options={optionsOf(billingModes, (mode) => t(`catalogAdmin.billing.${mode}`))}
                onChange={(billingMode) => setDefinition({ ...definition, billingMode })}
              />
              <TextField
                id="article-price"
                label={t('catalogAdmin.article.price')}
                inputMode="numeric"
                value={String(definition.priceTokens)}
                onChange={(value) => {
                  const price = Number.parseInt(value, 10);
                  setDefinition({ ...definition, priceTokens: Number.isNaN(price) ? 0 : price });
                }}
              />
            </div>
          </Card>

          <Card title={t('catalogAdmin.editor.fields')} titleId="editor-fields">
            <p className="muted">{t('catalogAdmin.editor.fieldsIntro')}</p>
            <FieldList
              idPrefix="field-"
              fields={definition.form.fields}
              locale={locale}
              openIndex={openField}
              onOpen={setOpenField}
              onChange={(fields) => setForm({ ...definition.form, fields })}
            />
          </Card>

          <Card title={t('catalogAdmin.editor.rules')} titleId="editor-rules">
            <p className="muted">{t('catalogAdmin.editor.rulesIntro')}</p>
            <RulesEditor
              form={definition.form}
              locale={locale}
              onChange={(rules) => setForm({ ...definition.form, rules })}
            />
          </Card>

          <Card title={t('catalogAdmin.editor.json')} titleId="editor-json">
            <details className="json-editor">
              <summary>{t('catalogAdmin.editor.jsonSummary')}</summary>
              <label className="field__label" htmlFor="article-json">
                {t('catalogAdmin.editor.jsonLabel')}
              </label>
              <textarea
                id="article-json"
                className="mono json-editor__text"
                rows={16}
                spellCheck={false}
                value={json}
                aria-invalid={jsonError ? true : undefined}
                aria-describedby={jsonError ? 'article-json-error' : undefined}
                onChange={(event) => setJson(event.target.value)}
              />
              {jsonError ? (
                <p id="article-json-error" className="field__error">
                  {jsonError}
                </p>
              ) : null}
              <Button
                onClick={() => {
                  try {
                    const parsed: unknown = JSON.parse(json);
                    if (!isFormDefinition(parsed))
                      throw new Error(t('catalogAdmin.editor.jsonShape'));
                    setForm(parsed);
                  } catch (error) {
                    setJsonError(error instanceof Error ? error.message : String(error));
                  }
                }}
              >
                {t('catalogAdmin.editor.jsonApply')}
              </Button>
            </details>
          </Card>
        </div>

        <div className="article-editor__side">
          <Card title={t('catalogAdmin.editor.publication')} titleId="editor-publication">
            {lint.length > 0 ? (
              <div className="lint" role="status">
                <p className="lint__title">
                  {t('catalogAdmin.lint.title', { count: lint.length })}
                </p>
                <ul className="lint__list">
                  {lint.map((issue) => {
                    const place = placeOf(definition.form, issue.path, locale, t);
                    return (
                      <li key={`${issue.path}:${issue.rule}`}>
                        <strong>{place.text}</strong> — {issue.message}
                        {place.fieldIndex !== null ? (
                          <>
                            {' '}
                            <button
                              type="button"
                              className="link-button"
                              onClick={() => {
                                setOpenField(place.fieldIndex);
                                requestAnimationFrame(() =>
                                  document
                                    .getElementById(`field-${place.fieldIndex}-toggle`)
                                    ?.focus(),
                                );
                              }}
                            >
                              {t('catalogAdmin.lint.show')}
                            </button>
                          </>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              </div>
            ) : (
              <PublicationStatus
                nameMissing={nameMissing}
                publishedVersion={hasChanges ? null : article.publishedVersion}
              />
            )}
            <div className="article-editor__actions">
              <Button
                onClick={() => void onSave()}
                isBusy={actions.save.isPending}
                disabled={isBusy || !isDirty}
              >
                {t('catalogAdmin.editor.save')}
              </Button>
              <Button
                variant="primary"
                onClick={() => setIsPublishing(true)}
                isBusy={actions.publish.isPending}
                disabled={isBusy || !canPublish}
              >
                {t('catalogAdmin.editor.publish', { version: nextVersion })}
              </Button>
              {article.hasDraft && article.publishedVersion !== null ? (
                <Button variant="ghost" disabled={isBusy} onClick={() => setIsDiscarding(true)}>
                  {t('catalogAdmin.editor.discard')}
                </Button>
              ) : null}
            </div>
            <p className="field__hint">{t('catalogAdmin.editor.publishHint')}</p>
          </Card>

          <Card
            title={t('catalogAdmin.preview.title')}
            titleId="editor-preview"
            className="card--preview"
          >
            {preview.isPending ? (
              <Loading />
            ) : (
              <FormPreview
                form={definition.form}
                assets={preview.data?.assets ?? []}
                locale={locale}
                ArticleFields={ArticleFields}
              />
            )}
          </Card>

          {article.publishedVersion !== null ? (
            <ArticleExecutionCard articleId={article.id} version={article.publishedVersion} />
          ) : null}

          <Card title={t('catalogAdmin.editor.versions')} titleId="editor-versions">
            {article.versions.length === 0 ? (
              <p className="muted">{t('catalogAdmin.editor.noVersion')}</p>
            ) : (
              <ul className="catalog-admin__list">
                {article.versions.map((version) => (
                  <li key={version.id} className="catalog-admin__list-row">
                    <span>
                      <strong>
                        {t('catalogAdmin.article.version', { version: version.version })}
                      </strong>
                      {version.version === article.publishedVersion ? (
                        <>
                          {' '}
                          <Badge tone="success">{t('catalogAdmin.editor.current')}</Badge>
                        </>
                      ) : null}
                    </span>
                    <span className="muted">
                      {version.publishedBy === null
                        ? t('catalogAdmin.editor.publishedAtInitial', {
                            at: formatDateTime(version.publishedAt, locale),
                          })
                        : t('catalogAdmin.editor.publishedAtBy', {
                            at: formatDateTime(version.publishedAt, locale),
                            by: version.publishedBy,
                          })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>

      <PublishDialog
        isOpen={isPublishing}
        version={nextVersion}
        audience={article.audience}
        onCancel={() => setIsPublishing(false)}
        onConfirm={() => {
          setIsPublishing(false);
          void onPublish();
        }}
      />
      <ConfirmDialog
        isOpen={isDiscarding}
        title={t('catalogAdmin.editor.discardTitle')}
        confirmLabel={t('catalogAdmin.editor.discard')}
        cancelLabel={t('catalogAdmin.common.cancel')}
        tone="danger"
        onCancel={() => setIsDiscarding(false)}
        onConfirm={() => {
          setIsDiscarding(false);
          actions.discard.mutate(article.revision, {
            onSuccess: (fresh) => {
              resetTo(fresh.definition);
              setNotice({ tone: 'success', text: t('catalogAdmin.editor.discarded') });
            },
            onError,
          });
        }}
      >
        <p>{t('catalogAdmin.editor.discardBody')}</p>
      </ConfirmDialog>
      {leaveGuard.dialog}
    </div>
  );
}
