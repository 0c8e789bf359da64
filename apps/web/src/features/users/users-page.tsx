import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { contractsWith, denialReason, sections } from '@guichet/domain';
import type { UserView } from '@guichet/contracts';
import { Badge } from '../../components/ui/badge.tsx';
import { Button, ButtonLink } from '../../components/ui/button.tsx';
import { PagedDataTable } from '../../components/ui/data-table.tsx';
import type { Column } from '../../components/ui/data-table.tsx';
import { FilterSelect } from '../../components/ui/filter-select.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { SearchBox } from '../../components/ui/search-box.tsx';
import { useAuthenticatedSession } from '../../lib/session.ts';
import { useUrlParams } from '../../lib/use-url-params.ts';
import { ContractRightsPanel } from './contract-rights-panel.tsx';
import { profileLabel } from './rights-text.ts';
import { UsersForbidden } from './users-forbidden.tsx';
import { useUserList } from './users-api.ts';
import './users.css';

/** « Utilisateurs »: the users of a contract of the perimeter, its referent and requesters. */
export function UsersPage() {
  const { t } = useTranslation();
  const session = useAuthenticatedSession();
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash ?? null;
  const { searchParams, setParams } = useUrlParams();
  const visible = contractsWith(session.grants, 'users', 'viewer');
  const asked = searchParams.get('contrat') ?? '';
  const contractId = visible.includes(asked) ? asked : (visible[0] ?? '');
  const q = searchParams.get('q')?.trim() ?? '';
  if (visible.length === 0) return <UsersForbidden />;

  const addDenied = contractsWith(session.grants, 'users', 'manager').length === 0;

  return (
    <div className="page">
      <PageHeader
        title={t('rights.users.title')}
        subtitle={
          session.perimeter
            ? t('rights.users.subtitle', { perimeter: session.perimeter.name })
            : null
        }
        actions={
          addDenied ? (
            <div className="create-request create-request--denied">
              <Button variant="primary" disabled aria-describedby="add-user-denied">
                {t('rights.users.add')}
              </Button>
              <p id="add-user-denied" className="create-request__reason">
                {t('rights.denied.viewer_read_only')}
              </p>
            </div>
          ) : (
            <ButtonLink
              to={`/utilisateurs/nouveau?contrat=${encodeURIComponent(contractId)}`}
              variant="primary"
            >
              {t('rights.users.add')}
            </ButtonLink>
          )
        }
      />
      {flash ? (
        <Notice tone="success" isLive>
          {flash}
        </Notice>
      ) : null}
      <div className="filters">
        <FilterSelect
          id="users-contract"
          label={t('rights.users.contract')}
          value={contractId}
          onChange={(value) => setParams({ contrat: value })}
          options={visible.map((id) => ({ value: id, label: id }))}
        />
        <SearchBox
          id="users-search"
          texts="rights.users"
          value={q}
          onSearch={(value) => setParams({ q: value })}
        />
      </div>
      <ContractRightsPanel contractId={contractId} />
      <UsersTable contractId={contractId} q={q} />
    </div>
  );
}

function UsersTable({ contractId, q }: { contractId: string; q: string }) {
  const { t } = useTranslation();
  const session = useAuthenticatedSession();
  const list = useUserList(contractId, q);
  const canManage = denialReason(session.grants, contractId, 'users', 'manager') === null;
  const none = <span className="muted">—</span>;
  const columns: Column<UserView>[] = [
    {
      key: 'login',
      header: t('rights.users.columns.login'),
      className: 'mono',
      cell: (user) => user.login ?? none,
    },
    {
      key: 'lastName',
      header: t('rights.users.columns.lastName'),
      cell: (user) => (
        <>
          {user.lastName ?? user.displayName}
          <span className="profile-badges">
            {user.referentOf.includes(contractId) ? (
              <Badge tone="info">{t('rights.users.referentBadge')}</Badge>
            ) : null}
            {user.requesterOf.includes(contractId) ? (
              <Badge tone="neutral">{t('rights.users.requesterBadge')}</Badge>
            ) : null}
          </span>
        </>
      ),
    },
    {
      key: 'firstName',
      header: t('rights.users.columns.firstName'),
      cell: (user) => user.firstName ?? none,
    },
    { key: 'email', header: t('rights.users.columns.email'), cell: (user) => user.email },
    ...sections.map((section): Column<UserView> => ({
      key: `section-${section}`,
      header: t(`rights.sections.${section}`),
      className: 'nowrap',
      cell: (user) => profileLabel(t, user.grants, contractId, section),
    })),
    {
      key: 'status',
      header: t('rights.users.columns.status'),
      cell: (user) => (
        <Badge tone={user.status === 'active' ? 'success' : 'warning'}>
          {t(`rights.users.status.${user.status}`)}
        </Badge>
      ),
    },
    {
      key: 'actions',
      header: t('rights.users.columns.actions'),
      isHeaderHidden: true,
      cell: (user) => (
        <Link
          to={`/utilisateurs/${user.id}?contrat=${encodeURIComponent(contractId)}`}
          className="table__link"
          aria-label={t(canManage ? 'rights.users.editAccessOf' : 'rights.users.viewAccessOf', {
            name: user.displayName,
          })}
        >
          {t(canManage ? 'rights.users.editAccess' : 'rights.users.viewAccess')}
        </Link>
      ),
    },
  ];
  return (
    <PagedDataTable
      list={list}
      caption={t('rights.users.tableCaption', { contract: contractId })}
      columns={columns}
      className="users-table"
      texts="rights.users"
    />
  );
}
