import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalView } from '@guichet/contracts';
import { Link, useParams } from 'react-router';
import { Loading } from '../../components/ui/loading.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { ApprovalPanel } from './approval-panel.tsx';
import { answerByLink, useApprovalLink } from './approvals-api.ts';

const linkProblems = ['link_expired', 'link_used', 'link_other_user'] as const;

/**
 * Where an approval mail's link lands (`/approbations/:token`, decision 0034): after login,
 * the approval as its approver sees it, answered once through the link.
 */
export function ApprovalLinkPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const approval = useApprovalLink(token);
  // The link serves once: after the answer, the page shows what the answer returned.
  const [answered, setAnswered] = useState<ApprovalView | null>(null);
  let body;
  if (approval.isPending) {
    body = <Loading />;
  } else if (approval.isError && !answered) {
    const rule = isApiError(approval.error)
      ? approval.error.body.error.details?.[0]?.rule
      : undefined;
    const problem = linkProblems.find((candidate) => candidate === rule);
    body = (
      <Notice tone="error" isLive>
        {problem ? t(`approvals.link.${problem}`) : t('approvals.link.failed')}
      </Notice>
    );
  } else {
    const data = answered ?? approval.data;
    if (!data) return null;
    body = (
      <>
        <p>
          <Link to={`/demandes/${data.requestId}`}>
            {t('approvals.link.open', { number: data.requestNumber ?? '' })}
          </Link>
        </p>
        <ApprovalPanel
          approval={data}
          send={async (answer) => setAnswered(await answerByLink(token, answer))}
          onAnswered={() => undefined}
        />
      </>
    );
  }
  return (
    <div className="page">
      <PageHeader title={t('approvals.link.title')} />
      {body}
    </div>
  );
}
