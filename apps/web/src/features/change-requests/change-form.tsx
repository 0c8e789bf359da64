import { useReducer, useState } from 'react';
import type { ComponentType } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type {
  ConfirmDraftBody,
  ContractView,
  CreateRequestBody,
  PreviewBody,
  RequestDetail,
  RequestFields,
  UpdateDraftBody,
} from '@guichet/contracts';
import { Card } from '../../components/ui/card.tsx';
import { ErrorSummary } from '../../components/ui/error-summary.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { useUnsavedChangesGuard } from '../../components/ui/unsaved-changes-guard.tsx';
import { newIdempotencyKey } from '../../lib/idempotency-key.ts';
import { isApiError } from '../../lib/api-client.ts';
import { errorText } from '../../lib/field-errors.ts';
import type { ArticleFieldsProps } from '../../lib/article-form-slots.ts';
import { localize } from '../../lib/form-values.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { AssetSection } from './asset-section.tsx';
import { ChangeFormActions } from './change-form-actions.tsx';
import { ChangeFormHeader } from './change-form-header.tsx';
import { previewWindowOf, WindowRecap } from './execution-window-recap.tsx';
import {
  askedWindowOf,
  changeFormReducer,
  effectiveValues,
  requestFieldsOf,
  selectionOf,
  snapshotOf,
} from './change-form-state.ts';
import type { ChangeFormEvents, ChangeFormState } from './change-form-state.ts';
import { CostPreview } from './cost-preview.tsx';
import { DescriptionSection } from './description-section.tsx';
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
import { useChangeFormErrors } from './use-change-form-errors.ts';
import { useDraftDifferences } from './use-draft-differences.ts';

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
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [isConflict, setIsConflict] = useState(false);

  const catalogs = useCatalogs(contract.id, state.asset?.id ?? null);
  const catalogItems = catalogs.data?.items ?? [];
  const selection = selectionOf(state, catalogItems);
  const values = effectiveValues(state, selection);
  const isDirty = snapshotOf(state) !== baseline;

  const previewBody: PreviewBody | null =
    state.asset || selection.article
      ? {
          contractId: contract.id,
          assetId: state.asset?.id ?? null,
          articleId: selection.article?.id ?? null,
          outsideBusinessHours: state.outsideBusinessHours,
          ...(saved ? { requestId: saved.id } : {}),
          ...previewWindowOf(state),
        }
      : null;
  const preview = usePreview(previewBody);
  const billing = selection.article ? (preview.data?.billing ?? null) : null;
  const openRequests = state.asset ? (preview.data?.openRequests ?? []) : [];

  // A top-bar link, « Annuler », the back button or a reload: none loses the values silently.
  const leaveGuard = useUnsavedChangesGuard(isDirty, {
    title: t('changeForm.leave.title'),
    body: t('changeForm.leave.body'),
    leave: t('changeForm.leave.confirm'),
    stay: t('changeForm.leave.stay'),
  });

  const errors = useChangeFormErrors({ state, selection, values, billing });
  const changed = (path: string) => {
    setIsSavedNoticeShown(false);
    errors.clearServerErrorsUnder(path);
  };
  const events: ChangeFormEvents = { errorFor: errors.errorFor, touch: errors.touch, changed };

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
      errors.setServerErrors([
        { path: 'acknowledgeBilling', rule: 'required', message: t('billing.mustAcknowledge') },
      ]);
      errors.setSummaryFocus((count) => count + 1);
      return;
    }
    if (isApiError(error) && error.details.length > 0) {
      errors.setServerErrors(error.details);
      setGeneralError(null);
      errors.setSummaryFocus((count) => count + 1);
      return;
    }
    setGeneralError(errorText(error, t));
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
      errors.setServerErrors([]);
      if (!saved) {
        leaveGuard.allowNavigation();
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
      leaveGuard.allowNavigation();
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
  const differences = useDraftDifferences(latest, contract.id, state, selection);
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
    errors.setSubmitCount((count) => count + 1);
    errors.setSummaryFocus((count) => count + 1);
    errors.setServerErrors([]);
    if (errors.clientErrors.length > 0) return;
    confirm.mutate(requestFieldsOf(contract.id, state, selection));
  };
  const onCancel = () => void navigate('/demandes');

  const restriction =
    state.isCatalogRestricted && selection.catalog
      ? { catalogId: selection.catalog.id, name: localize(selection.catalog.name, locale) }
      : null;

  return (
    <div className="page page--form">
      <ChangeFormHeader contract={contract} isDraft={draft !== null} />

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
        items={errors.summaryItems}
        focusKey={errors.summaryFocus}
      />

      <form
        className="change-form"
        noValidate
        onSubmit={(event) => event.preventDefault()}
        aria-describedby="required-legend"
      >
        <AssetSection
          contractId={contract.id}
          asset={state.asset}
          restriction={restriction}
          openRequests={openRequests}
          dispatch={dispatch}
          {...events}
        />

        <DescriptionSection
          catalogs={{
            isPending: catalogs.isPending,
            isError: catalogs.isError,
            items: catalogItems,
          }}
          onRetryCatalogs={() => void catalogs.refetch()}
          state={state}
          timeZone={contract.timeZone}
          selection={selection}
          values={values}
          ArticleFields={ArticleFields}
          dispatch={dispatch}
          events={events}
        />

        <Card title={t('changeForm.costTitle')} titleId="section-cost" className="card--cost">
          <CostPreview
            preview={preview.data}
            isLoading={preview.isFetching}
            isError={preview.isError}
            hasArticle={selection.article !== null}
            acknowledgeBilling={state.acknowledgeBilling}
            acknowledgeError={errors.errorFor('acknowledgeBilling')}
            onAcknowledge={(value) => {
              dispatch({ type: 'setAcknowledgeBilling', value });
              errors.touch('acknowledgeBilling');
              changed('acknowledgeBilling');
            }}
          />
          <WindowRecap
            window={askedWindowOf(state)}
            timeZone={contract.timeZone}
            preview={preview.data}
          />
          <p className="contract-terms">{t('changeForm.contractTerms')}</p>
        </Card>

        <p id="required-legend" className="required-legend">
          {t('changeForm.requiredLegend')}
        </p>

        <ChangeFormActions
          contract={contract}
          isSaving={saveDraft.isPending}
          isConfirming={confirm.isPending}
          onCancel={onCancel}
          onSaveDraft={onSaveDraft}
          onConfirm={onConfirm}
        />
      </form>

      {leaveGuard.dialog}
    </div>
  );
}
