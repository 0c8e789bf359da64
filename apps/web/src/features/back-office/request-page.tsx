import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { BackOfficeRequestDetail, BillingDecisionView } from '@guichet/contracts';
import { Button, ButtonLink } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { MessagePage } from '../../components/ui/message-page.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { RetiredItemBadge } from '../../components/ui/retired-item-badge.tsx';
import { LiveChangeNotice } from '../../components/ui/live-change-notice.tsx';
import type {
  AttachmentListProps,
  CommentThreadProps,
  QuoteCardProps,
} from '../../lib/activity-slots.ts';
import { api, isApiError } from '../../lib/api-client.ts';
import type { ArticleValuesProps } from '../../lib/article-form-slots.ts';
import { formatDateTime, formatEuros, formatNumber } from '../../lib/format.ts';
import { isFormDefinition, localize } from '../../lib/form-values.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useBackOfficeRequest, useRequestChanged } from './back-office-api.ts';
import { ProcessingPanel } from './processing-panel.tsx';
import { RequestStatusBadge } from '../../components/ui/request-status-badge.tsx';

export interface BackOfficeRequestPageProps {
  ArticleValues: ComponentType<ArticleValuesProps>;
  QuoteCard: ComponentType<QuoteCardProps>;
  CommentThread: ComponentType<CommentThreadProps>;
  AttachmentList: ComponentType<AttachmentListProps>;
}

type EventView = BackOfficeRequestDetail['events'][number];

function CostSentence({ billing }: { billing: BillingDecisionView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  switch (billing.kind) {
    case 'included':
      return <>{t('billing.included')}</>;
    case 'free':
      return <>{t('billing.freeRecorded')}</>;
    case 'billable':
      return (
        <>
          {t('billing.billable', {
            tokens: formatNumber(billing.priceTokens, locale),
            euros: formatEuros(billing.priceEur, locale),
          })}
        </>
      );
    case 'quote':
      return <>{t('billing.quote')}</>;
  }
}

const coreEventKinds = [
  'created',
  'updated',
  'confirmed',
  'status_changed',
  'commented',
  'quote_sent',
] as const;

function EventLine({ event }: { event: EventView }) {
  const { t } = useTranslation();
  const move =
    event.fromStatus && event.toStatus && event.fromStatus !== event.toStatus
      ? t('detail.events.transition', {
          from: t(`status.${event.fromStatus}`),
          to: t(`status.${event.toStatus}`),
        })
      : null;
  const action =
    event.action && !event.action.startsWith('confirm_')
      ? (event.action as Exclude<typeof event.action, `confirm_${string}`>)
      : null;
  const core = coreEventKinds.find((kind) => kind === event.kind);
  const label =
    event.kind === 'assigned'
      ? t('operations.events.assigned')
      : action
        ? t(`operations.events.${action}`)
        : core
          ? t(`detail.events.kinds.${core}`)
          : event.kind;
  const note =
    event.kind === 'assigned'
      ? event.note
        ? t('operations.events.assignedTo', { name: event.note })
        : t('operations.events.unassigned')
      : event.note
        ? `« ${event.note} »`
        : null;
  return (
    <>
      <span className="timeline__kind">{label}</span>
      {move ? <span className="timeline__move">{move}</span> : null}
      {note ? <span className="timeline__move prewrap">{note}</span> : null}
    </>
  );
}

/** `/back-office/demandes/:id`: everything about one request, and the operator's tools. */
export function BackOfficeRequestPage({
  ArticleValues,
  QuoteCard,
  CommentThread,
  AttachmentList,
}: BackOfficeRequestPageProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id = '' } = useParams();
  const request = useBackOfficeRequest(id);
  const changed = useRequestChanged(id);

  if (request.isPending) return <Loading />;
  if (request.isError) {
    if (isApiError(request.error, 'not_found')) {
      return (
        <MessagePage
          title={t('detail.notFound.title')}
          actions={<ButtonLink to="/back-office">{t('operations.layout.backToQueue')}</ButtonLink>}
        >
          <p>{t('operations.detail.notFound')}</p>
        </MessagePage>
      );
    }
    return (
      <Notice tone="error" isLive title={t('errors.unavailable')}>
        <Button onClick={() => void request.refetch()}>{t('common.retry')}</Button>
      </Notice>
    );
  }
  const detail = request.data;
  const form = isFormDefinition(detail.form) ? detail.form : null;
  const title = t('operations.detail.title', { number: detail.number ?? '' });
  const base = `/api/back-office/requests/${detail.id}`;
  const downloadUrl = (attachmentId: string) => `${base}/attachments/${attachmentId}`;
  const events = [...detail.events].reverse();

  return (
    <div className="page page--detail">
      <PageTitle title={title} />
      <p className="breadcrumb">
        <Link to="/back-office">{t('operations.detail.breadcrumb')}</Link>
        <span aria-hidden="true"> › </span>
        <span>{detail.number}</span>
      </p>
      <div className="page__header">
        <div>
          <h1 className="page__title">
            {title} <RequestStatusBadge status={detail.status} />
          </h1>
          <p className="page__subtitle">
            {t('operations.detail.submittedBy', {
              author: detail.authorName,
              email: detail.authorEmail,
              date: formatDateTime(detail.submittedAt ?? detail.createdAt, locale),
            })}
          </p>
        </div>
      </div>
      <LiveChangeNotice requestId={detail.id} />

      <Card
        title={t('operations.detail.sections.processing')}
        titleId="bo-processing"
        className="card--processing"
      >
        <ProcessingPanel detail={detail} />
      </Card>

      <div className="detail-grid">
        <div className="detail-grid__main">
          <Card title={t('operations.detail.sections.customer')} titleId="bo-customer">
            <dl className="facts">
              <div>
                <dt>{t('operations.detail.fields.customer')}</dt>
                <dd>{detail.customer.name}</dd>
              </div>
              <div>
                <dt>{t('operations.detail.fields.contract')}</dt>
                <dd className="mono">{detail.contract.id}</dd>
              </div>
              <div>
                <dt>{t('operations.detail.fields.offer')}</dt>
                <dd>{detail.contract.offer}</dd>
              </div>
              <div>
                <dt>{t('operations.detail.fields.supportLevel')}</dt>
                <dd>{detail.contract.supportLevel}</dd>
              </div>
              <div>
                <dt>{t('operations.detail.fields.freeChanges')}</dt>
                <dd>
                  {t('operations.detail.fields.freeChangesValue', {
                    count: detail.contract.freeChangesPerMonth,
                  })}
                </dd>
              </div>
              <div>
                <dt>{t('operations.detail.fields.tokenPrice')}</dt>
                <dd>{formatEuros(detail.contract.tokenPriceEur, locale)}</dd>
              </div>
            </dl>
          </Card>

          <Card title={t('operations.detail.sections.request')} titleId="bo-request">
            <dl className="facts">
              <div>
                <dt>{t('detail.fields.asset')}</dt>
                <dd>
                  {detail.assetLabel} <span className="mono muted">{detail.assetReference}</span>
                  <RetiredItemBadge retiredAt={detail.assetRetiredAt} />
                </dd>
              </div>
              <div>
                <dt>{t('detail.fields.catalog')}</dt>
                <dd>{localize(detail.catalogName, locale) || '—'}</dd>
              </div>
              {detail.categoryName ? (
                <div>
                  <dt>{t('detail.fields.category')}</dt>
                  <dd>{localize(detail.categoryName, locale)}</dd>
                </div>
              ) : null}
              <div>
                <dt>{t('detail.fields.article')}</dt>
                <dd>{localize(detail.articleName, locale) || '—'}</dd>
              </div>
              {detail.articleVersion ? (
                <div>
                  <dt>{t('operations.detail.fields.articleVersion')}</dt>
                  <dd>
                    {t('operations.detail.fields.articleVersionValue', {
                      version: detail.articleVersion.version,
                      mode: t(
                        `operations.detail.fields.billingModes.${detail.articleVersion.billingMode}`,
                      ),
                    })}
                  </dd>
                </div>
              ) : null}
              <div>
                <dt>{t('detail.fields.customerReference')}</dt>
                <dd>{detail.customerReference ?? '—'}</dd>
              </div>
              <div>
                <dt>{t('detail.fields.outsideBusinessHours')}</dt>
                <dd>{detail.outsideBusinessHours ? t('common.yes') : t('common.no')}</dd>
              </div>
            </dl>
          </Card>

          <Card title={t('operations.detail.sections.description')} titleId="bo-description">
            {form ? (
              <ArticleValues form={form} values={detail.values} locale={locale} />
            ) : (
              <p className="muted">{t('detail.noValues')}</p>
            )}
            <h3 className="subheading">{t('detail.fields.comment')}</h3>
            {detail.comment ? (
              <p className="prewrap">{detail.comment}</p>
            ) : (
              <p className="muted">{t('detail.noComment')}</p>
            )}
          </Card>

          <Card title={t('operations.quote.sectionTitle')} titleId="bo-quotes">
            {detail.quotes.length === 0 ? (
              <p className="muted">{t('operations.quote.none')}</p>
            ) : (
              <div className="quote-stack">
                {detail.quotes.map((quote) => (
                  <QuoteCard
                    key={quote.id}
                    quote={quote}
                    downloadUrl={downloadUrl}
                    isCompact={quote.status === 'superseded'}
                  />
                ))}
              </div>
            )}
          </Card>

          <Card title={t('operations.comments.title')} titleId="bo-comments">
            <CommentThread
              comments={detail.comments}
              canComment
              allowInternal
              onSubmit={async (comment) => {
                changed(await api.post<BackOfficeRequestDetail>(`${base}/comments`, comment));
              }}
            />
          </Card>
        </div>

        <div className="detail-grid__side">
          <Card title={t('operations.detail.sections.cost')} titleId="bo-cost">
            {detail.billing ? (
              <p className="cost-preview__decision cost-preview__decision--info">
                <CostSentence billing={detail.billing} />
              </p>
            ) : (
              <p className="muted">—</p>
            )}
          </Card>

          <Card title={t('operations.attachments.title')} titleId="bo-attachments">
            <AttachmentList
              attachments={detail.attachments}
              downloadUrl={downloadUrl}
              uploadUrl={`${base}/attachments`}
              allowInternal
              onUploaded={() => changed()}
            />
          </Card>

          <Card title={t('operations.detail.sections.history')} titleId="bo-history">
            <ol className="timeline">
              {events.map((event, index) => (
                <li key={`${event.at}:${index}`} className="timeline__item">
                  <p className="timeline__what">
                    <EventLine event={event} />
                  </p>
                  <p className="timeline__meta">
                    <time dateTime={event.at}>{formatDateTime(event.at, locale)}</time>
                    {' · '}
                    {event.actorName ?? t('operations.events.system')}
                  </p>
                </li>
              ))}
            </ol>
          </Card>
        </div>
      </div>
    </div>
  );
}
