import { useState } from 'react';
import type { ComponentType } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { Button, ButtonLink } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { LoadFailedNotice } from '../../components/ui/load-failed-notice.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { errorText } from '../../lib/field-errors.ts';
import type { ArticleValuesProps } from '../../lib/article-form-slots.ts';
import type { RequestDetail } from '@guichet/contracts';
import { formatDateTime } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { RequestNotFound } from './request-not-found.tsx';
import { RequestStatusBadge } from '../../components/ui/request-status-badge.tsx';
import { deleteDraft, requestKeys, useRequest } from './requests-api.ts';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { ExecutionResult } from '../../components/ui/execution-result.tsx';
import { Fact } from '../../components/ui/fact.tsx';
import { DueDateFact } from './due-date-fact.tsx';
import {
  RequestCost,
  RequestDescription,
  RequestFacts,
  RequestHistory,
} from '../../components/ui/request-display.tsx';
import { LiveChangeNotice } from '../../components/ui/live-change-notice.tsx';

export interface FollowUpSlotProps {
  request: RequestDetail;
  /**
   * `top`: above the request (quote to approve, cancelling); `bottom`: messages and files;
   * `cost`: the cost card's content, with the quote once one is sent.
   */
  part: 'top' | 'bottom' | 'cost';
  onRequestChanged: () => unknown;
}

interface RequestDetailPageProps {
  ArticleValues: ComponentType<ArticleValuesProps>;
  /** The follow-up of a confirmed request (quotes, cancelling, comments, attachments). */
  FollowUp?: ComponentType<FollowUpSlotProps>;
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
    mutationFn: () => deleteDraft(id),
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
    return <LoadFailedNotice title={t('errors.unavailable')} onRetry={request.refetch} />;
  }
  const detail = request.data;
  const isEditableDraft = detail.status === 'draft' && detail.canEdit;
  const title = detail.number
    ? t('detail.title', { number: detail.number })
    : t('detail.draftTitle');

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
          {errorText(remove.error, t)}
        </Notice>
      ) : null}

      {FollowUp ? <FollowUp request={detail} part="top" onRequestChanged={refreshRequest} /> : null}

      <div className="detail-grid">
        <div className="detail-grid__main">
          <Card title={t('detail.sections.request')} titleId="detail-request">
            <RequestFacts
              detail={detail}
              before={
                <>
                  <Fact label={t('detail.fields.number')}>
                    {detail.number ?? <span className="muted">{t('detail.noNumberYet')}</span>}
                  </Fact>
                  <Fact label={t('detail.fields.status')}>
                    <RequestStatusBadge status={detail.status} />
                  </Fact>
                  <Fact label={t('detail.fields.contract')} className="mono">
                    {detail.contractId}
                  </Fact>
                  <DueDateFact detail={detail} />
                </>
              }
            />
          </Card>

          {detail.execution ? <ExecutionResult execution={detail.execution} /> : null}

          <Card title={t('detail.sections.description')} titleId="detail-description">
            <RequestDescription detail={detail} ArticleValues={ArticleValues} />
          </Card>
          {FollowUp ? (
            <FollowUp request={detail} part="bottom" onRequestChanged={refreshRequest} />
          ) : null}
        </div>

        <div className="detail-grid__side">
          <Card title={t('detail.sections.cost')} titleId="detail-cost">
            {FollowUp && detail.status !== 'draft' ? (
              <FollowUp request={detail} part="cost" onRequestChanged={refreshRequest} />
            ) : (
              <RequestCost
                billing={detail.billing}
                none={detail.status === 'draft' ? t('detail.costOnConfirm') : '—'}
              />
            )}
          </Card>

          <Card title={t('detail.sections.history')} titleId="detail-history">
            <RequestHistory events={detail.events} audience="customer" />
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
