import type { ComponentType, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BillingDecisionView, RequestDetail, RequestEventView } from '@guichet/contracts';
import type { ArticleValuesProps } from '../../lib/article-form-slots.ts';
import { formatDateTime, formatEuros, formatNumber } from '../../lib/format.ts';
import { isFormDefinition, localize } from '../../lib/form-values.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { ValueChanges } from './before-after-table.tsx';
import { BillingSentence, billingTone } from './billing-sentence.tsx';
import { ExecutionWindowFacts } from './execution-window-facts.tsx';
import { Fact } from './fact.tsx';
import { useStatusLabel } from './request-status-badge.tsx';
import { RetiredItemBadge } from './retired-item-badge.tsx';
import './request-display.css';

/**
 * What the customer's request page and the back-office's show alike (decision 0025): the facts
 * of the request, its description, its cost and its history. Each page keeps its own frame
 * (breadcrumb, actions, follow-up, the operator's tools).
 */

/** Who reads: the customer sees operators' moves with their notes; an operator every note too. */
export type RequestAudience = 'customer' | 'operator';

const coreEventKinds = [
  'created',
  'updated',
  'confirmed',
  'status_changed',
  'commented',
  'quote_sent',
  // Approvals (decision 0034): an approver's answer, the comment shown to the customer too.
  'approval_given',
  'approval_refused',
] as const;

/** A due date's breach, recorded in the operators' history (decision 0036). */
const dueBreachKinds = ['due_take_charge_breached', 'due_carry_out_breached'] as const;

function isConfirmation(action: RequestEventView['action']): boolean {
  return action === 'confirm_free' || action === 'confirm_billable' || action === 'confirm_quote';
}

/** An executor's notes are for agents: the customer reads the execution's own card (decision 0032). */
function isExecution(action: RequestEventView['action']): boolean {
  return action?.endsWith('_execution') ?? false;
}

/** What happened (« Demande confirmée »), the move of status it made, and what was written. */
export function EventLabel({
  event,
  audience,
}: {
  event: RequestEventView;
  audience: RequestAudience;
}) {
  const { t } = useTranslation();
  const statusLabel = useStatusLabel(audience);
  const move =
    event.fromStatus && event.toStatus && event.fromStatus !== event.toStatus
      ? t('detail.events.transition', {
          from: statusLabel(event.fromStatus),
          to: statusLabel(event.toStatus),
        })
      : null;
  const action = event.action && !isConfirmation(event.action) ? event.action : null;
  const core = coreEventKinds.find((kind) => kind === event.kind);
  const isAssignment = audience === 'operator' && event.kind === 'assigned';
  const breach = dueBreachKinds.find((kind) => kind === event.kind);
  const label = isAssignment
    ? t('operations.events.assigned')
    : breach
      ? t(`dueDates.events.${breach}`)
      : action
        ? t(`operations.events.${action as Exclude<typeof action, `confirm_${string}`>}`)
        : core
          ? t(`detail.events.kinds.${core}`)
          : event.kind === 'question_reminded'
            ? t('questions.events.question_reminded')
            : (move ?? event.kind);
  // The customer reads the notes of the moves operators made (a rejection's reason…) only.
  const note = isAssignment
    ? event.note
      ? t('operations.events.assignedTo', { name: event.note })
      : t('operations.events.unassigned')
    : event.note &&
        (audience === 'operator' ||
          (action && !isExecution(action)) ||
          event.kind.startsWith('approval_'))
      ? `« ${event.note} »`
      : null;
  return (
    <>
      <span className="timeline__kind">{label}</span>
      {move && label !== move ? <span className="timeline__move">{move}</span> : null}
      {note ? <span className="timeline__move prewrap">{note}</span> : null}
      {event.onBehalfOfName ? (
        <span className="timeline__move">
          {t('approvals.history.onBehalfOf', { name: event.onBehalfOfName })}
        </span>
      ) : null}
    </>
  );
}

/** The history, newest first (the API lists events in the order they happened). */
export function RequestHistory({
  events,
  audience,
}: {
  events: readonly RequestEventView[];
  audience: RequestAudience;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (events.length === 0) return <p className="muted">{t('detail.noEvents')}</p>;
  return (
    <ol className="timeline">
      {[...events].reverse().map((event, index) => (
        <li key={`${event.at}:${index}`} className="timeline__item">
          <p className="timeline__what">
            <EventLabel event={event} audience={audience} />
          </p>
          {event.changes ? <ValueChanges changes={event.changes} /> : null}
          <p className="timeline__meta">
            <time dateTime={event.at}>{formatDateTime(event.at, locale)}</time>
            {event.actorName
              ? ` · ${event.actorName}`
              : audience === 'operator'
                ? ` · ${t('operations.events.system')}`
                : null}
          </p>
        </li>
      ))}
    </ol>
  );
}

type RequestFactsView = Pick<
  RequestDetail,
  | 'assetLabel'
  | 'assetReference'
  | 'assetRetiredAt'
  | 'catalogName'
  | 'categoryName'
  | 'articleName'
  | 'customerReference'
  | 'outsideBusinessHours'
  | 'executionWindow'
  | 'plannedWindow'
>;

/** The request's facts: its asset, catalog, article, reference; each page adds its own. */
export function RequestFacts({
  detail,
  before,
  afterArticle,
}: {
  detail: RequestFactsView;
  /** Facts above (the customer's number, status and contract). */
  before?: ReactNode;
  /** Facts after the article (the version the back-office processes). */
  afterArticle?: ReactNode;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <dl className="facts">
      {before}
      <Fact label={t('detail.fields.asset')}>
        {detail.assetReference ? (
          <>
            {detail.assetLabel} <span className="mono muted">{detail.assetReference}</span>
            <RetiredItemBadge retiredAt={detail.assetRetiredAt} />
          </>
        ) : (
          '—'
        )}
      </Fact>
      <Fact label={t('detail.fields.catalog')}>{localize(detail.catalogName, locale) || '—'}</Fact>
      {detail.categoryName ? (
        <Fact label={t('detail.fields.category')}>{localize(detail.categoryName, locale)}</Fact>
      ) : null}
      <Fact label={t('detail.fields.article')}>{localize(detail.articleName, locale) || '—'}</Fact>
      {afterArticle}
      <Fact label={t('detail.fields.customerReference')}>{detail.customerReference ?? '—'}</Fact>
      <Fact label={t('detail.fields.outsideBusinessHours')}>
        {detail.outsideBusinessHours ? t('common.yes') : t('common.no')}
      </Fact>
      <ExecutionWindowFacts detail={detail} />
    </dl>
  );
}

/** The answers to the article's form, and the requester's comment. */
export function RequestDescription({
  detail,
  ArticleValues,
}: {
  detail: Pick<RequestDetail, 'form' | 'values' | 'comment'>;
  ArticleValues: ComponentType<ArticleValuesProps>;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = isFormDefinition(detail.form) ? detail.form : null;
  return (
    <>
      {form ? (
        <div className="request-values">
          <ArticleValues form={form} values={detail.values} locale={locale} />
        </div>
      ) : (
        <p className="muted">{t('detail.noValues')}</p>
      )}
      <h3 className="subheading">{t('detail.fields.comment')}</h3>
      {detail.comment ? (
        <p className="prewrap">{detail.comment}</p>
      ) : (
        <p className="muted">{t('detail.noComment')}</p>
      )}
    </>
  );
}

/** The quote a « Sur devis » request's cost now rests on: the one sent, or the one accepted. */
export interface CostQuote {
  amountTokens: number;
  amountEur: number;
  status: 'sent' | 'accepted' | 'refused' | 'expired' | 'superseded';
}

/** The quote that fixes the cost, from the request's quotes (newest sent or accepted). */
export function costQuoteOf<Q extends CostQuote>(quotes: readonly Q[]): Q | null {
  return (
    quotes.find((quote) => quote.status === 'accepted') ??
    quotes.find((quote) => quote.status === 'sent') ??
    null
  );
}

/**
 * The cost from the request's current state: decided at confirmation, then — on quote — the
 * quote sent or accepted once there is one; before confirmation, what `none` says.
 */
export function RequestCost({
  billing,
  none,
  quote = null,
}: {
  billing: BillingDecisionView | null;
  none: string;
  quote?: CostQuote | null;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!billing) return <p className="muted">{none}</p>;
  if (
    billing.kind === 'quote' &&
    quote &&
    (quote.status === 'sent' || quote.status === 'accepted')
  ) {
    const amount = t('billing.quoteAmount', {
      tokens: formatNumber(quote.amountTokens, locale),
      euros: formatEuros(quote.amountEur, locale),
    });
    return (
      <p
        className={`cost-preview__decision cost-preview__decision--${quote.status === 'accepted' ? 'warning' : 'info'}`}
      >
        {t(quote.status === 'accepted' ? 'billing.quoteAccepted' : 'billing.quoteSent', {
          amount,
        })}
      </p>
    );
  }
  return (
    <p className={`cost-preview__decision cost-preview__decision--${billingTone(billing)}`}>
      <BillingSentence billing={billing} isPreview={false} />
    </p>
  );
}
