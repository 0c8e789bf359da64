import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Card } from '../../components/ui/card.tsx';
import { LoadFailedNotice } from '../../components/ui/load-failed-notice.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { MessagePage } from '../../components/ui/message-page.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { Fact } from '../../components/ui/fact.tsx';
import {
  RequestCost,
  costQuoteOf,
  RequestDescription,
  RequestFacts,
  RequestHistory,
} from '../../components/ui/request-display.tsx';
import { LiveChangeNotice } from '../../components/ui/live-change-notice.tsx';
import type {
  AttachmentListProps,
  CommentThreadProps,
  QuoteCardProps,
} from '../../lib/activity-slots.ts';
import { isApiError } from '../../lib/api-client.ts';
import type { ArticleValuesProps } from '../../lib/article-form-slots.ts';
import { formatDateTime, formatEuros } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import {
  operatorAttachmentHref,
  postOperatorComment,
  uploadOperatorAttachment,
  useBackOfficeRequest,
  useRequestChanged,
} from './back-office-api.ts';
import { DueDatesCard } from './due-dates-card.tsx';
import { ExecutionCard } from './execution-card.tsx';
import { ProcessingPanel } from './processing-panel.tsx';
import { RequestStatusBadge } from '../../components/ui/request-status-badge.tsx';

export interface BackOfficeRequestPageProps {
  ArticleValues: ComponentType<ArticleValuesProps>;
  QuoteCard: ComponentType<QuoteCardProps>;
  CommentThread: ComponentType<CommentThreadProps>;
  AttachmentList: ComponentType<AttachmentListProps>;
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
          text={t('operations.detail.notFound')}
          link={{ to: '/back-office', label: t('operations.layout.backToQueue') }}
        />
      );
    }
    return <LoadFailedNotice title={t('errors.unavailable')} onRetry={request.refetch} />;
  }
  const detail = request.data;
  const title = t('operations.detail.title', { number: detail.number ?? '' });
  const downloadUrl = (attachmentId: string) => operatorAttachmentHref(detail.id, attachmentId);

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
            {title} <RequestStatusBadge status={detail.status} audience="operator" />
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
              <Fact label={t('operations.detail.fields.customer')}>{detail.customer.name}</Fact>
              <Fact label={t('operations.detail.fields.contract')} className="mono">
                {detail.contract.id}
              </Fact>
              <Fact label={t('operations.detail.fields.offer')}>{detail.contract.offer}</Fact>
              <Fact label={t('operations.detail.fields.supportLevel')}>
                {detail.contract.supportLevel}
              </Fact>
              <Fact label={t('operations.detail.fields.freeChanges')}>
                {t('operations.detail.fields.freeChangesValue', {
                  count: detail.contract.freeChangesPerMonth,
                })}
              </Fact>
              <Fact label={t('operations.detail.fields.tokenPrice')}>
                {formatEuros(detail.contract.tokenPriceEur, locale)}
              </Fact>
            </dl>
          </Card>

          <Card title={t('operations.detail.sections.request')} titleId="bo-request">
            <RequestFacts
              detail={detail}
              afterArticle={
                detail.articleVersion ? (
                  <Fact label={t('operations.detail.fields.articleVersion')}>
                    {t('operations.detail.fields.articleVersionValue', {
                      version: detail.articleVersion.version,
                      mode: t(
                        `operations.detail.fields.billingModes.${detail.articleVersion.billingMode}`,
                      ),
                    })}
                  </Fact>
                ) : null
              }
            />
          </Card>

          <ExecutionCard execution={detail.execution} />

          <Card title={t('operations.detail.sections.description')} titleId="bo-description">
            <RequestDescription detail={detail} ArticleValues={ArticleValues} />
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
                changed(await postOperatorComment(detail.id, comment));
              }}
            />
          </Card>
        </div>

        <div className="detail-grid__side">
          <DueDatesCard dueDates={detail.dueDates} />
          <Card title={t('operations.detail.sections.cost')} titleId="bo-cost">
            <RequestCost billing={detail.billing} none="—" quote={costQuoteOf(detail.quotes)} />
          </Card>

          <Card title={t('operations.attachments.title')} titleId="bo-attachments">
            <AttachmentList
              attachments={detail.attachments}
              downloadUrl={downloadUrl}
              upload={(file, isInternal) => uploadOperatorAttachment(detail.id, file, isInternal)}
              allowInternal
              onUploaded={() => changed()}
            />
          </Card>

          <Card title={t('operations.detail.sections.history')} titleId="bo-history">
            <RequestHistory events={detail.events} audience="operator" />
          </Card>
        </div>
      </div>
    </div>
  );
}
