import { useState } from 'react';
import type { ComponentType } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { Button, ButtonLink } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { api, isApiError } from '../../lib/api-client.ts';
import type { ArticleValuesProps } from '../../lib/article-form-slots.ts';
import type { RequestDetail } from '@guichet/contracts';
import type { RequestEvent } from '../../lib/contract-types.ts';
import { formatDateTime } from '../../lib/format.ts';
import { isFormDefinition, localize } from '../../lib/form-values.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { BillingSentence, billingTone } from './billing-summary.tsx';
import { RequestNotFound } from './request-not-found.tsx';
import { RequestStatusBadge } from '../../components/ui/request-status-badge.tsx';
import { requestKeys, useRequest } from './requests-api.ts';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { RetiredItemBadge } from '../../components/ui/retired-item-badge.tsx';
import { LiveChangeNotice } from '../../components/ui/live-change-notice.tsx';

export interface FollowUpSlotProps {
  request: RequestDetail;
  /** `top`: above the request (quote to approve, cancelling); `bottom`: messages and files. */
  part: 'top' | 'bottom';
  onRequestChanged: () => unknown;
}

interface RequestDetailPageProps {
  ArticleValues: ComponentType<ArticleValuesProps>;
  /** The follow-up of a confirmed request (quotes, cancelling, comments, attachments). */
  FollowUp?: ComponentType<FollowUpSlotProps>;
}

const knownEvents = [
  'created',
  'updated',
  'confirmed',
  'status_changed',
  'commented',
  'quote_sent',
] as const;

/** What happened (« Demande confirmée »), and the move of status it made, if any. */
function EventLabel({ event }: { event: RequestEvent }) {
  const { t } = useTranslation();
  if (
    event.action &&
    event.action !== 'confirm_free' &&
    event.action !== 'confirm_billable' &&
    event.action !== 'confirm_quote'
  ) {
    const move =
      event.fromStatus && event.toStatus && event.fromStatus !== event.toStatus
        ? t('detail.events.transition', {
            from: t(`status.${event.fromStatus}`),
            to: t(`status.${event.toStatus}`),
          })
        : null;
    return (
      <>
        <span className="timeline__kind">{t(`operations.events.${event.action}`)}</span>
        {move ? <span className="timeline__move">{move}</span> : null}
        {event.note ? <span className="timeline__move prewrap">« {event.note} »</span> : null}
      </>
    );
  }
  const kind = knownEvents.find((candidate) => candidate === event.kind);
  const isMove =
    event.fromStatus !== null && event.toStatus !== null && event.fromStatus !== event.toStatus;
  const move =
    isMove && event.fromStatus && event.toStatus
      ? t('detail.events.transition', {
          from: t(`status.${event.fromStatus}`),
          to: t(`status.${event.toStatus}`),
        })
      : null;
  return (
    <>
      <span className="timeline__kind">
        {kind ? t(`detail.events.kinds.${kind}`) : (move ?? event.kind)}
      </span>
      {kind && move ? <span className="timeline__move">{move}</span> : null}
    </>
  );
}

/** `/demandes/:id`: everything about one request, and its history. */
export function RequestDetailPage({ ArticleValues, FollowUp }: RequestDetailPageProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const flash = (location.state as { flash?: string } | null)?.flash ?? null;
  const request = useRequest(id);
  const [isDeleting, setIsDeleting] = useState(false);
  const remove = useMutation({
    mutationFn: () => api.delete(`/api/requests/${encodeURIComponent(id)}`),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: requestKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: requestKeys.lists });
      void navigate('/demandes', { replace: true, state: { flash: t('detail.deleted') } });
    },
  });

  const refreshRequest = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: requestKeys.detail(id) }),
      queryClient.invalidateQueries({ queryKey: requestKeys.lists }),
    ]);

  if (request.isPending) return <Loading />;
  if (request.isError) {
    if (isApiError(request.error, 'not_found')) return <RequestNotFound />;
    return (
      <Notice tone="error" isLive title={t('errors.unavailable')}>
        <Button onClick={() => void request.refetch()}>{t('common.retry')}</Button>
      </Notice>
    );
  }
  const detail = request.data;
  const form = isFormDefinition(detail.form) ? detail.form : null;
  const isEditableDraft = detail.status === 'draft' && detail.canEdit;
  const title = detail.number
    ? t('detail.title', { number: detail.number })
    : t('detail.draftTitle');
  // newest first; the API lists them in the order they happened (several may share an instant)
  const events = [...detail.events].reverse();

  return (
    <div className="page page--detail">
      <PageTitle title={title} />
      <p className="breadcrumb">
        <Link to="/demandes">{t('requests.title')}</Link>
        <span aria-hidden="true"> › </span>
        <span>{detail.number ?? t('status.draft')}</span>
      </p>
      <div className="page__header">
        <div>
          <h1 className="page__title">
            {title} <RequestStatusBadge status={detail.status} />
          </h1>
          <p className="page__subtitle">
            {t('detail.createdBy', {
              author: detail.authorName,
              date: formatDateTime(detail.createdAt, locale),
            })}
            {detail.submittedAt
              ? ` · ${t('detail.submittedAt', { date: formatDateTime(detail.submittedAt, locale) })}`
              : null}
          </p>
        </div>
        {isEditableDraft ? (
          <div className="page__actions">
            <ButtonLink to={`/demandes/${detail.id}/modifier`} variant="primary">
              {t('detail.edit')}
            </ButtonLink>
            <Button variant="danger" onClick={() => setIsDeleting(true)}>
              {t('detail.delete')}
            </Button>
          </div>
        ) : null}
      </div>

      <LiveChangeNotice requestId={detail.id} />
      {flash ? (
        <Notice tone="success" isLive>
          {flash}
        </Notice>
      ) : null}
      {remove.isError ? (
        <Notice tone="error" isLive>
          {isApiError(remove.error) ? t(`errors.${remove.error.code}`) : t('errors.internal')}
        </Notice>
      ) : null}

      {FollowUp ? <FollowUp request={detail} part="top" onRequestChanged={refreshRequest} /> : null}

      <div className="detail-grid">
        <div className="detail-grid__main">
          <Card title={t('detail.sections.request')} titleId="detail-request">
            <dl className="facts">
              <div>
                <dt>{t('detail.fields.number')}</dt>
                <dd>{detail.number ?? <span className="muted">{t('detail.noNumberYet')}</span>}</dd>
              </div>
              <div>
                <dt>{t('detail.fields.status')}</dt>
                <dd>
                  <RequestStatusBadge status={detail.status} />
                </dd>
              </div>
              <div>
                <dt>{t('detail.fields.contract')}</dt>
                <dd className="mono">{detail.contractId}</dd>
              </div>
              <div>
                <dt>{t('detail.fields.asset')}</dt>
                <dd>
                  {detail.assetReference ? (
                    <>
                      {detail.assetLabel}{' '}
                      <span className="mono muted">{detail.assetReference}</span>
                      <RetiredItemBadge retiredAt={detail.assetRetiredAt} />
                    </>
                  ) : (
                    '—'
                  )}
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

          <Card title={t('detail.sections.description')} titleId="detail-description">
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
          {FollowUp ? (
            <FollowUp request={detail} part="bottom" onRequestChanged={refreshRequest} />
          ) : null}
        </div>

        <div className="detail-grid__side">
          <Card title={t('detail.sections.cost')} titleId="detail-cost">
            {detail.billing ? (
              <p
                className={`cost-preview__decision cost-preview__decision--${billingTone(detail.billing)}`}
              >
                <BillingSentence billing={detail.billing} isPreview={false} />
              </p>
            ) : (
              <p className="muted">{detail.status === 'draft' ? t('detail.costOnConfirm') : '—'}</p>
            )}
          </Card>

          <Card title={t('detail.sections.history')} titleId="detail-history">
            {events.length === 0 ? (
              <p className="muted">{t('detail.noEvents')}</p>
            ) : (
              <ol className="timeline">
                {events.map((event, index) => (
                  <li key={`${event.at}:${index}`} className="timeline__item">
                    <p className="timeline__what">
                      <EventLabel event={event} />
                    </p>
                    <p className="timeline__meta">
                      <time dateTime={event.at}>{formatDateTime(event.at, locale)}</time>
                      {event.actorName ? ` · ${event.actorName}` : null}
                    </p>
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </div>
      </div>

      <ConfirmDialog
        isOpen={isDeleting}
        title={t('detail.deleteConfirm.title')}
        confirmLabel={t('detail.deleteConfirm.confirm')}
        cancelLabel={t('detail.deleteConfirm.cancel')}
        tone="danger"
        isBusy={remove.isPending}
        onCancel={() => setIsDeleting(false)}
        onConfirm={() => remove.mutate(undefined, { onSettled: () => setIsDeleting(false) })}
      >
        <p>{t('detail.deleteConfirm.body')}</p>
      </ConfirmDialog>
    </div>
  );
}
