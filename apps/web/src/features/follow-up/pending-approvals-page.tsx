import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PendingApprovalList } from '@guichet/contracts';
import { contractsWith } from '@guichet/domain';
import { DataTable } from '../../components/ui/data-table.tsx';
import type { Column } from '../../components/ui/data-table.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryFallback } from '../../components/ui/query-fallback.tsx';
import { RequestCost } from '../../components/ui/request-display.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { localize } from '../../lib/form-values.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useAuthenticatedSession } from '../../lib/session.ts';
import { usePendingApprovals } from './approvals-api.ts';
import { SubstitutesCard } from './substitutes-card.tsx';

type Pending = PendingApprovalList['items'][number];

/**
 * « À approuver » (decision 0034): what waits for the caller's approval, newest first; below,
 * the caller's « Suppléances » (who approves for them while they are away).
 */
export function PendingApprovalsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useAuthenticatedSession();
  const pending = usePendingApprovals();
  const columns: Column<Pending>[] = [
    {
      key: 'number',
      header: t('approvals.pending.number'),
      cell: (row) => <Link to={`/demandes/${row.requestId}`}>{row.number ?? row.requestId}</Link>,
    },
    {
      key: 'article',
      header: t('approvals.pending.article'),
      cell: (row) => (row.articleName ? localize(row.articleName, locale) : '—'),
    },
    {
      key: 'author',
      header: t('approvals.pending.author'),
      cell: (row) =>
        row.onBehalfOf
          ? `${row.authorName} · ${t('approvals.pending.forWhom', { name: row.onBehalfOf.name })}`
          : row.authorName,
    },
    {
      key: 'cost',
      header: t('approvals.pending.cost'),
      cell: (row) => <RequestCost billing={row.billing} none="—" />,
    },
    {
      key: 'confirmedAt',
      header: t('approvals.pending.confirmedAt'),
      cell: (row) => formatDateTime(row.confirmedAt, locale),
    },
  ];
  return (
    <div className="page">
      <PageHeader title={t('approvals.pending.title')} subtitle={t('approvals.pending.intro')} />
      {pending.data ? (
        pending.data.items.length === 0 ? (
          <p className="muted">{t('approvals.pending.empty')}</p>
        ) : (
          <DataTable
            caption={t('approvals.pending.title')}
            columns={columns}
            rows={pending.data.items}
            rowKey={(row) => row.requestId}
          />
        )
      ) : (
        <QueryFallback query={pending} loadFailed={t('approvals.pending.title')} />
      )}
      <SubstitutesCard
        userId={session.user.id}
        contractIds={contractsWith(session.grants, 'requests', 'manager')}
      />
    </div>
  );
}
