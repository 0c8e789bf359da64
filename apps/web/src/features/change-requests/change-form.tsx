import { useEffect, useReducer, useState } from 'react';
import type { ComponentType } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { calendarDay, validateForm } from '@guichet/domain';
import type { Locale } from '@guichet/domain';
import type {
  ConfirmDraftBody,
  ContractView,
  CreateRequestBody,
  PreviewBody,
  RequestDetail,
  RequestFields,
  UpdateDraftBody,
} from '@guichet/contracts';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { ErrorSummary } from '../../components/ui/error-summary.tsx';
import type { SummaryItem } from '../../components/ui/error-summary.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import { HelpTip } from '../../components/ui/help-tip.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { newIdempotencyKey } from '../../lib/idempotency-key.ts';
import { isApiError } from '../../lib/api-client.ts';
import type { ErrorDetail } from '../../lib/api-client.ts';
import type { ArticleFieldsProps } from '../../lib/article-form-slots.ts';
import { fieldId, isUnder, messagesByPath, withoutErrorsUnder } from '../../lib/field-errors.ts';
import { isFormDefinition, labelAtPath, localize } from '../../lib/form-values.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { AssetPicker } from './asset-picker.tsx';
import {
  changeFormReducer,
  effectiveValues,
  requestFieldsOf,
  selectionOf,
  snapshotOf,
} from './change-form-state.ts';
import type { ChangeFormState } from './change-form-state.ts';
import { CostPreview } from './cost-preview.tsx';
import { draftDifferences } from './draft-conflict.ts';
import type { DraftSide } from './draft-conflict.ts';
import { DraftConflictNotice } from './draft-conflict-notice.tsx';
import { FormChangesNotice } from './form-changes-notice.tsx';
import { PerimeterReminder } from './perimeter-reminder.tsx';
import {
  confirmDraft,
  createRequest,
  requestKeys,
  updateDraft,
  useCatalogs,
  usePreview,
} from './requests-api.ts';
import { PageTitle } from '../../components/ui/page-title.tsx';

interface ChangeFormProps {
  contract: ContractView;
  perimeterName: string | null;
  /**
   * The draft being edited (its latest version as the query holds it: a newer one saved
   * elsewhere shows a notice, never replaces the inputs), or null for a new request.
   */
  draft: RequestDetail | null;
  initialState: ChangeFormState;
  /** We just came from saving a new draft: say so. */
  isJustSaved: boolean;
  ArticleFields: ComponentType<ArticleFieldsProps>;
  /** Shows the latest version of the draft instead of the screen (after a conflict). */
  onReload: () => void;
}

/** Paths of the form's own fields (outside the article's), with their label keys. */
const ownFields = {
  assetId: 'changeForm.asset.label',
  catalogId: 'changeForm.catalog',
  categoryId: 'changeForm.category',
  articleId: 'changeForm.article',
  customerReference: 'changeForm.customerReference',
  comment: 'changeForm.comment',
  outsideBusinessHours: 'changeForm.outsideBusinessHours',
  acknowledgeBilling: 'billing.acknowledge',
} as const;
type OwnField = keyof typeof ownFields;
type RequiredField = 'assetId' | 'catalogId' | 'categoryId' | 'articleId' | 'acknowledgeBilling';

function isOwnField(path: string): path is OwnField {
  return path in ownFields;
}

/**
 * Today in this browser's time zone, for date rules as the user types; the server judges
 * again with the contract's time zone (they differ only around midnight abroad).
 */
function today(): string {
  return calendarDay(new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone);
}

function assetName(label: string | null, reference: string | null): string | null {
  if (label && reference) return `${label} (${reference})`;
  return label ?? reference;
}

/** The draft saved elsewhere as the conflict notice compares it. */
function sideOfDraft(draft: RequestDetail, locale: Locale): DraftSide {
  return {
    fields: {
      assetId: draft.assetId,
      catalogId: draft.catalogId,
      articleId: draft.articleId,
      values: draft.values,
      customerReference: draft.customerReference,
      comment: draft.comment,
      outsideBusinessHours: draft.outsideBusinessHours,
    },
    assetName: assetName(draft.assetLabel, draft.assetReference),
    catalogName: draft.catalogName ? localize(draft.catalogName, locale) : null,
    articleName: draft.articleName ? localize(draft.articleName, locale) : null,
  };
}

/** « Création d'un changement »: the two sections of the guide, the cost, and the three buttons. */
export function ChangeForm({
  contract,
  perimeterName,
  draft,
  initialState,
  isJustSaved,
  ArticleFields,
  onReload,
}: ChangeFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(changeFormReducer, initialState);
  const [saved, setSaved] = useState(() =>
    draft ? { id: draft.id, version: draft.version } : null,
  );
  const [baseline, setBaseline] = useState(() => snapshotOf(initialState));
  const [isSavedNoticeShown, setIsSavedNoticeShown] = useState(isJustSaved);
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [submitCount, setSubmitCount] = useState(0);
  const [summaryFocus, setSummaryFocus] = useState(0);
  const [serverErrors, setServerErrors] = useState<ErrorDetail[]>([]);
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [isConflict, setIsConflict] = useState(false);
  const [isLeaving, setIsLeaving] = useState(false);

  const catalogs = useCatalogs(contract.id, state.asset?.id ?? null);
  const catalogItems = catalogs.data?.items ?? [];
  const selection = selectionOf(state, catalogItems);
  const values = effectiveValues(state, selection);
  const attributes = state.asset?.attributes ?? {};
  const isDirty = snapshotOf(state) !== baseline;

  const previewBody: PreviewBody | null =
    state.asset || selection.article
      ? {
          contractId: contract.id,
          assetId: state.asset?.id ?? null,
          articleId: selection.article?.id ?? null,
          outsideBusinessHours: state.outsideBusinessHours,
          ...(saved ? { requestId: saved.id } : {}),
        }
      : null;
  const preview = usePreview(previewBody);
  const billing = selection.article ? (preview.data?.billing ?? null) : null;
  const openRequests = state.asset ? (preview.data?.openRequests ?? []) : [];

  useEffect(() => {
    if (!isDirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);

  const hasCategories = (selection.catalog?.categories.length ?? 0) > 0;
  const needsCategory = hasCategories && !selection.category;
  const required = (path: RequiredField): ErrorDetail => ({
    path,
    rule: 'required',
    message: t(`changeForm.errors.${path}`),
  });
  const clientErrors: ErrorDetail[] = [
    ...(state.asset ? [] : [required('assetId')]),
    ...(selection.catalog ? [] : [required('catalogId')]),
    ...(selection.catalog && needsCategory ? [required('categoryId')] : []),
    ...(selection.catalog && !needsCategory && !selection.article ? [required('articleId')] : []),
    ...(selection.form
      ? validateForm(selection.form, values, attributes, locale, { today: today() })
      : []),
    ...(billing?.kind === 'billable' && !state.acknowledgeBilling
      ? [required('acknowledgeBilling')]
      : []),
  ];
  const serverMessages = messagesByPath(serverErrors);
  const clientMessages = messagesByPath(clientErrors);
  const isShown = (path: string) =>
    submitCount > 0 || [...touched].some((done) => isUnder(path, done));
  const errorFor = (path: string): string | null =>
    serverMessages.get(path) ?? (isShown(path) ? (clientMessages.get(path) ?? null) : null);

  const touch = (path: string) =>
    setTouched((current) => (current.has(path) ? current : new Set(current).add(path)));
  const changed = (path: string) => {
    setIsSavedNoticeShown(false);
    setServerErrors((current) =>
      current.some((detail) => isUnder(detail.path, path))
        ? withoutErrorsUnder(current, path)
        : current,
    );
  };

  const describe = (path: string): SummaryItem['label'] => {
    if (isOwnField(path)) return t(ownFields[path]);
    return selection.form
      ? (labelAtPath(selection.form, path, locale, (number) => t('form.rowNumber', { number })) ??
          undefined)
      : undefined;
  };
  const hasField = (path: string) =>
    isOwnField(path) ||
    (selection.form !== null && labelAtPath(selection.form, path, locale, String) !== null);
  const summarySource = submitCount > 0 ? [...serverErrors, ...clientErrors] : serverErrors;
  const summaryItems: SummaryItem[] = [...messagesByPath(summarySource)].map(([path, message]) => ({
    path,
    message,
    label: describe(path),
    hasField: hasField(path),
  }));

  const onApiError = (error: unknown) => {
    if (isApiError(error, 'conflict')) {
      setIsConflict(true);
      // The latest version arrives in the query; the notice shows what differs from the screen.
      if (saved) void queryClient.invalidateQueries({ queryKey: requestKeys.detail(saved.id) });
      return;
    }
    if (isApiError(error, 'billing_not_acknowledged')) {
      // The cost changed since the preview (another request took the last free change).
      void preview.refetch();
      setServerErrors([
        { path: 'acknowledgeBilling', rule: 'required', message: t('billing.mustAcknowledge') },
      ]);
      setSummaryFocus((count) => count + 1);
      return;
    }
    if (isApiError(error) && error.details.length > 0) {
      setServerErrors(error.details);
      setGeneralError(null);
      setSummaryFocus((count) => count + 1);
      return;
    }
    setGeneralError(isApiError(error) ? t(`errors.${error.code}`) : t('errors.internal'));
  };

  const afterWrite = (request: RequestDetail) => {
    queryClient.setQueryData(requestKeys.detail(request.id), request);
    if (state.asset) queryClient.setQueryData(requestKeys.asset(state.asset.id), state.asset);
    void queryClient.invalidateQueries({ queryKey: requestKeys.lists });
  };

  const saveDraft = useMutation({
    mutationFn: ({ fields }: { fields: RequestFields; snapshot: string }) =>
      saved
        ? updateDraft(saved.id, {
            ...fields,
            version: saved.version,
          } satisfies UpdateDraftBody)
        : createRequest({
            ...fields,
            action: 'draft',
            acknowledgeBilling: false,
          } satisfies CreateRequestBody),
    onMutate: () => {
      setGeneralError(null);
      setIsSavedNoticeShown(false);
    },
    onSuccess: (request, { snapshot }) => {
      afterWrite(request);
      setServerErrors([]);
      if (!saved) {
        void navigate(`/demandes/${request.id}/modifier`, {
          replace: true,
          state: { saved: true },
        });
        return;
      }
      setSaved({ id: request.id, version: request.version });
      setBaseline(snapshot);
      setIsSavedNoticeShown(true);
    },
    onError: onApiError,
  });

  const [idempotencyKey] = useState(newIdempotencyKey);
  const confirm = useMutation({
    mutationFn: (fields: RequestFields) =>
      saved
        ? confirmDraft(saved.id, {
            ...fields,
            version: saved.version,
            acknowledgeBilling: state.acknowledgeBilling,
          } satisfies ConfirmDraftBody)
        : createRequest(
            {
              ...fields,
              action: 'confirm',
              acknowledgeBilling: state.acknowledgeBilling,
            } satisfies CreateRequestBody,
            // A retry after a lost answer finds the request the first attempt created.
            idempotencyKey,
          ),
    onMutate: () => setGeneralError(null),
    onSuccess: (request) => {
      afterWrite(request);
      void queryClient.invalidateQueries({ queryKey: requestKeys.contracts });
      void queryClient.invalidateQueries({ queryKey: ['preview'] });
      setBaseline(snapshotOf(state));
      void navigate(`/demandes/${request.id}`, {
        state: { flash: t('changeForm.submitted', { number: request.number ?? '' }) },
      });
    },
    onError: onApiError,
  });
  const isBusy = saveDraft.isPending || confirm.isPending;

  // A version newer than the one this screen was saved as: saved elsewhere (409 or live event).
  // Not while our own save is under way (its live event may come back before its answer).
  const latest = draft && saved && draft.version > saved.version && !isBusy ? draft : null;
  const conflictReason = isConflict ? 'save' : latest ? 'live' : null;
  const differences = latest
    ? draftDifferences(
        sideOfDraft(latest, locale),
        {
          fields: requestFieldsOf(contract.id, state, selection),
          assetName: state.asset ? assetName(state.asset.label, state.asset.reference) : null,
          catalogName: selection.catalog ? localize(selection.catalog.name, locale) : null,
          articleName: selection.article ? localize(selection.article.name, locale) : null,
        },
        selection.form ?? (isFormDefinition(latest.form) ? latest.form : null),
        {
          locale,
          asset: t('changeForm.asset.label'),
          catalog: t('changeForm.catalog'),
          article: t('changeForm.article'),
          customerReference: t('changeForm.customerReference'),
          comment: t('changeForm.comment'),
          outsideBusinessHours: t('changeForm.outsideBusinessHours'),
          yes: t('common.yes'),
          no: t('common.no'),
          rowNumber: (number) => t('form.rowNumber', { number }),
        },
      )
    : null;
  const onKeep = () => {
    if (!latest) return;
    // The next save sends the latest version number: it replaces that version knowingly.
    setSaved({ id: latest.id, version: latest.version });
    setIsConflict(false);
  };

  const onSaveDraft = () => {
    if (isBusy) return;
    saveDraft.mutate({
      fields: requestFieldsOf(contract.id, state, selection),
      snapshot: snapshotOf(state),
    });
  };
  const onConfirm = () => {
    if (isBusy) return;
    setSubmitCount((count) => count + 1);
    setSummaryFocus((count) => count + 1);
    setServerErrors([]);
    if (clientErrors.length > 0) return;
    confirm.mutate(requestFieldsOf(contract.id, state, selection));
  };
  const onCancel = () => {
    if (isDirty) setIsLeaving(true);
    else void navigate('/demandes');
  };

  const selectHelp = (text: { fr: string; en: string } | null | undefined) =>
    text ? localize(text, locale) : null;
  const restriction =
    state.isCatalogRestricted && selection.catalog
      ? { catalogId: selection.catalog.id, name: localize(selection.catalog.name, locale) }
      : null;

  return (
    <div className="page page--form">
      <PageTitle title={t('changeForm.title')} />
      <div className="page__header">
        <div>
          <h1 className="page__title">{t('changeForm.title')}</h1>
          <p className="page__subtitle">{t('changeForm.intro')}</p>
        </div>
        <dl className="contract-tag">
          <dt>{t('changeForm.contract')}</dt>
          <dd>
            <span className="mono">{contract.id}</span> — {contract.offer}
          </dd>
          {draft ? (
            <>
              <dt>{t('changeForm.status')}</dt>
              <dd>{t('status.draft')}</dd>
            </>
          ) : null}
        </dl>
      </div>

      <PerimeterReminder perimeterName={perimeterName} />

      {draft?.formChanges ? (
        <FormChangesNotice formChanges={draft.formChanges} locale={locale} />
      ) : null}

      {isSavedNoticeShown ? (
        <Notice tone="success" isLive>
          {t('changeForm.draftSaved')}
        </Notice>
      ) : null}
      {conflictReason ? (
        <DraftConflictNotice
          reason={conflictReason}
          differences={differences}
          onReload={onReload}
          onKeep={onKeep}
        />
      ) : null}
      {generalError ? (
        <Notice tone="error" isLive>
          {generalError}
        </Notice>
      ) : null}
      <ErrorSummary
        title={t('changeForm.errorSummary')}
        items={summaryItems}
        focusKey={summaryFocus}
      />

      <form
        className="change-form"
        noValidate
        onSubmit={(event) => event.preventDefault()}
        aria-describedby="required-legend"
      >
        <Card title={t('changeForm.section1')} titleId="section-asset">
          <AssetPicker
            contractId={contract.id}
            asset={state.asset}
            restriction={restriction}
            error={errorFor('assetId')}
            onChoose={(asset) => {
              dispatch({ type: 'chooseAsset', asset });
              touch('assetId');
              changed('assetId');
            }}
            onResetSearch={() => dispatch({ type: 'resetSearch' })}
            onTouch={() => touch('assetId')}
          />
          {openRequests.length > 0 && state.asset ? (
            <Notice tone="warning" className="open-requests">
              <p>
                <strong>{t('changeForm.openRequests.warning')}</strong>{' '}
                <Link to={`/demandes?assetId=${encodeURIComponent(state.asset.id)}`}>
                  {t('changeForm.openRequests.link')}
                </Link>
              </p>
              <p className="open-requests__list">
                {openRequests.map((request, index) => (
                  <span key={request.id}>
                    {index > 0 ? ', ' : null}
                    <Link to={`/demandes/${request.id}`}>{request.number}</Link> (
                    {t(`status.${request.status}`)})
                  </span>
                ))}
              </p>
            </Notice>
          ) : null}
        </Card>

        <Card title={t('changeForm.section2')} titleId="section-description">
          {catalogs.isPending ? (
            <Loading label={t('changeForm.loadingCatalogs')} />
          ) : catalogs.isError ? (
            <Notice tone="error">
              {t('changeForm.catalogsFailed')}{' '}
              <Button onClick={() => void catalogs.refetch()}>{t('common.retry')}</Button>
            </Notice>
          ) : catalogItems.length === 0 ? (
            <Notice tone="info">{t('changeForm.noCatalog')}</Notice>
          ) : null}

          <div className="select-stack">
            <FormField
              id={fieldId('catalogId')}
              label={t('changeForm.catalog')}
              isRequired
              help={selectHelp(selection.catalog?.help) ?? t('changeForm.catalogHelp')}
              hint={state.asset ? null : t('changeForm.catalogHintNoAsset')}
              error={errorFor('catalogId')}
            >
              {(control) => (
                <select
                  {...control}
                  value={selection.catalog?.id ?? ''}
                  disabled={catalogItems.length === 0}
                  onChange={(event) => {
                    const catalog =
                      catalogItems.find((candidate) => candidate.id === event.target.value) ?? null;
                    const only =
                      catalog && catalog.categories.length === 0 && catalog.articles.length === 1
                        ? (catalog.articles[0] ?? null)
                        : null;
                    dispatch({
                      type: 'chooseCatalog',
                      catalogId: catalog?.id ?? null,
                      onlyArticle: only,
                    });
                    touch('catalogId');
                    changed('catalogId');
                    changed('values');
                  }}
                  onBlur={() => touch('catalogId')}
                >
                  <option value="">{t('form.choose')}</option>
                  {catalogItems.map((catalog) => (
                    <option key={catalog.id} value={catalog.id}>
                      {localize(catalog.name, locale)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>

            {hasCategories && selection.catalog ? (
              <FormField
                id={fieldId('categoryId')}
                label={t('changeForm.category')}
                isRequired
                help={selectHelp(selection.category?.help)}
                error={errorFor('categoryId')}
              >
                {(control) => (
                  <select
                    {...control}
                    value={selection.category?.id ?? ''}
                    onChange={(event) => {
                      const category =
                        selection.catalog?.categories.find(
                          (candidate) => candidate.id === event.target.value,
                        ) ?? null;
                      const only =
                        category && category.articles.length === 1
                          ? (category.articles[0] ?? null)
                          : null;
                      dispatch({
                        type: 'chooseCategory',
                        categoryId: category?.id ?? null,
                        onlyArticle: only,
                      });
                      touch('categoryId');
                      changed('categoryId');
                      changed('values');
                    }}
                    onBlur={() => touch('categoryId')}
                  >
                    <option value="">{t('form.choose')}</option>
                    {(selection.catalog?.categories ?? []).map((category) => (
                      <option key={category.id} value={category.id}>
                        {localize(category.name, locale)}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
            ) : null}

            {selection.catalog && (!hasCategories || selection.category) ? (
              <FormField
                id={fieldId('articleId')}
                label={t('changeForm.article')}
                isRequired
                help={selectHelp(selection.article?.help)}
                error={errorFor('articleId')}
              >
                {(control) => (
                  <select
                    {...control}
                    value={selection.article?.id ?? ''}
                    onChange={(event) => {
                      const article =
                        selection.articles.find(
                          (candidate) => candidate.id === event.target.value,
                        ) ?? null;
                      dispatch({ type: 'chooseArticle', article });
                      touch('articleId');
                      changed('articleId');
                      changed('values');
                    }}
                    onBlur={() => touch('articleId')}
                  >
                    <option value="">{t('form.choose')}</option>
                    {selection.articles.map((article) => (
                      <option key={article.id} value={article.id}>
                        {localize(article.name, locale)}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
            ) : null}
          </div>

          {selection.form ? (
            <div className="article-fields">
              <ArticleFields
                form={selection.form}
                values={values}
                locale={locale}
                errorFor={errorFor}
                onChange={(next, changedPath) => {
                  dispatch({ type: 'setValues', values: next });
                  changed(changedPath);
                }}
                onTouch={touch}
              />
            </div>
          ) : null}

          <div className="form-grid">
            <FormField
              id={fieldId('customerReference')}
              label={t('changeForm.customerReference')}
              help={t('changeForm.customerReferenceHelp')}
              error={errorFor('customerReference')}
            >
              {(control) => (
                <input
                  {...control}
                  type="text"
                  maxLength={100}
                  value={state.customerReference}
                  onChange={(event) => {
                    dispatch({ type: 'setCustomerReference', value: event.target.value });
                    changed('customerReference');
                  }}
                  onBlur={() => touch('customerReference')}
                />
              )}
            </FormField>
          </div>
          <FormField
            id={fieldId('comment')}
            label={t('changeForm.comment')}
            hint={t('changeForm.commentHint')}
            error={errorFor('comment')}
          >
            {(control) => (
              <textarea
                {...control}
                rows={4}
                maxLength={4000}
                value={state.comment}
                onChange={(event) => {
                  dispatch({ type: 'setComment', value: event.target.value });
                  changed('comment');
                }}
                onBlur={() => touch('comment')}
              />
            )}
          </FormField>
          <FormField
            id={fieldId('outsideBusinessHours')}
            label={t('changeForm.outsideBusinessHours')}
            hint={t('changeForm.outsideBusinessHoursHint')}
            layout="inline"
            error={errorFor('outsideBusinessHours')}
          >
            {(control) => (
              <input
                {...control}
                type="checkbox"
                checked={state.outsideBusinessHours}
                onChange={(event) => {
                  dispatch({ type: 'setOutsideBusinessHours', value: event.target.checked });
                  changed('outsideBusinessHours');
                }}
              />
            )}
          </FormField>

          <section className="related-info" aria-labelledby="related-info-title">
            <div className="related-info__header">
              <h3 id="related-info-title" className="related-info__title">
                {t('changeForm.related.title')}
              </h3>
              <HelpTip about={t('changeForm.related.title')} text={t('changeForm.related.help')} />
            </div>
            {state.asset ? (
              <dl className="related-info__list">
                <div>
                  <dt>
                    {t('changeForm.related.site')}
                    <HelpTip
                      about={t('changeForm.related.site')}
                      text={t('changeForm.related.siteHelp')}
                    />
                  </dt>
                  <dd>{state.asset.site ?? '—'}</dd>
                </div>
                <div>
                  <dt>{t('changeForm.related.solutions')}</dt>
                  <dd>{state.asset.solution ?? '—'}</dd>
                </div>
              </dl>
            ) : (
              <p className="muted">{t('changeForm.related.noAsset')}</p>
            )}
          </section>
        </Card>

        <Card title={t('changeForm.costTitle')} titleId="section-cost" className="card--cost">
          <CostPreview
            preview={preview.data}
            isLoading={preview.isFetching}
            isError={preview.isError}
            hasArticle={selection.article !== null}
            acknowledgeBilling={state.acknowledgeBilling}
            acknowledgeError={errorFor('acknowledgeBilling')}
            onAcknowledge={(value) => {
              dispatch({ type: 'setAcknowledgeBilling', value });
              touch('acknowledgeBilling');
              changed('acknowledgeBilling');
            }}
          />
          <p className="contract-terms">{t('changeForm.contractTerms')}</p>
        </Card>

        <p id="required-legend" className="required-legend">
          {t('changeForm.requiredLegend')}
        </p>

        <div className="form-actions form-actions--sticky">
          <Button onClick={onCancel} disabled={isBusy}>
            {t('changeForm.cancel')}
          </Button>
          <div className="form-actions__main">
            <Button
              onClick={onSaveDraft}
              isBusy={saveDraft.isPending}
              disabled={confirm.isPending || contract.draftDenied !== null}
              aria-describedby={contract.draftDenied ? 'confirm-denied' : undefined}
            >
              {t('changeForm.saveDraft')}
            </Button>
            <Button
              variant="primary"
              onClick={onConfirm}
              isBusy={confirm.isPending}
              disabled={saveDraft.isPending || contract.confirmDenied !== null}
              aria-describedby={contract.confirmDenied ? 'confirm-denied' : undefined}
            >
              {t('changeForm.confirm')}
            </Button>
          </div>
          {contract.confirmDenied ? (
            <p id="confirm-denied" className="form-actions__reason">
              {t(`changeForm.confirmDenied.${contract.confirmDenied}`)}
            </p>
          ) : null}
        </div>
      </form>

      <ConfirmDialog
        isOpen={isLeaving}
        title={t('changeForm.leave.title')}
        confirmLabel={t('changeForm.leave.confirm')}
        cancelLabel={t('changeForm.leave.stay')}
        tone="danger"
        onCancel={() => setIsLeaving(false)}
        onConfirm={() => {
          setIsLeaving(false);
          setBaseline(snapshotOf(state));
          void navigate('/demandes');
        }}
      >
        <p>{t('changeForm.leave.body')}</p>
      </ConfirmDialog>
    </div>
  );
}
