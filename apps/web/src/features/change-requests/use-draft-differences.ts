import { useTranslation } from 'react-i18next';
import type { Locale } from '@guichet/domain';
import type { RequestDetail } from '@guichet/contracts';
import { isFormDefinition, localize } from '../../lib/form-values.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { requestFieldsOf } from './change-form-state.ts';
import type { ChangeFormState, Selection } from './change-form-state.ts';
import { draftDifferences } from './draft-conflict.ts';
import type { DraftDifference, DraftSide } from './draft-conflict.ts';

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
      executionWindow: draft.executionWindow?.local ?? null,
    },
    assetName: assetName(draft.assetLabel, draft.assetReference),
    catalogName: draft.catalogName ? localize(draft.catalogName, locale) : null,
    articleName: draft.articleName ? localize(draft.articleName, locale) : null,
  };
}

/**
 * What a version of the draft saved elsewhere (`latest`) says differently from the screen,
 * field by field, for the conflict notice; null without such a version.
 */
export function useDraftDifferences(
  latest: RequestDetail | null,
  contractId: string,
  state: ChangeFormState,
  selection: Selection,
): DraftDifference[] | null {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!latest) return null;
  return draftDifferences(
    sideOfDraft(latest, locale),
    {
      fields: requestFieldsOf(contractId, state, selection),
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
      executionWindow: t('windows.asked'),
      yes: t('common.yes'),
      no: t('common.no'),
      rowNumber: (number) => t('form.rowNumber', { number }),
    },
  );
}
