import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { contractsWith, denialReason, sections } from '@guichet/domain';
import type { UserView } from '@guichet/contracts';
import { Badge } from '../../components/ui/badge.tsx';
import { Button, ButtonLink } from '../../components/ui/button.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { formatNumber } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useAuthenticatedSession } from '../../lib/session.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
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
  const [searchParams, setSearchParams] = useSearchParams();
  const visible = contractsWith(session.grants, 'users', 'viewer');
  const asked = searchParams.get('contrat') ?? '';
  const contractId = visible.includes(asked) ? asked : (visible[0] ?? '');
  const q = searchParams.get('q')?.trim() ?? '';
  if (visible.length === 0) return <UsersForbidden />;

  const addDenied = contractsWith(session.grants, 'users', 'manager').length === 0;
  const setParam = (key: string, value: string) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: key === 'q' },
    );

  return (
    <div className="page">
      <PageTitle title={t('rights.users.title')} />
      <div className="page__header">
        <div>
          <h1 className="page__title">{t('rights.users.title')}</h1>
          {session.perimeter ? (
            <p className="page__subtitle">
              {t('rights.users.subtitle', { perimeter: session.perimeter.name })}
            </p>
          ) : null}
        </div>
        {addDenied ? (
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
        )}
      </div>
      {flash ? (
        <Notice tone="success" isLive>
          {flash}
        </Notice>
      ) : null}
      <div className="filters">
        <div className="filters__contract">
          <label htmlFor="users-contract" className="field__label">
            {t('rights.users.contract')}
          </label>
          <select
            id="users-contract"
            value={contractId}
            onChange={(event) => setParam('contrat', event.target.value)}
          >
            {visible.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </div>
        <UserSearch q={q} onSearch={(value) => setParam('q', value)} />
      </div>
      <ContractRightsPanel contractId={contractId} />
      <UsersTable contractId={contractId} q={q} />
    </div>
  );
}

function UserSearch({ q, onSearch }: { q: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(q);
  const debounced = useDebouncedValue(text, 300);
  useEffect(() => {
    if (debounced.trim() !== q) onSearch(debounced.trim());
  }, [debounced, q, onSearch]);
  return (
    <form
      role="search"
      className="filters__search"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(text.trim());
      }}
    >
      <label htmlFor="users-search" className="field__label">
        {t('rights.users.search')}
      </label>
      <input
        id="users-search"
        type="search"
        value={text}
        placeholder={t('rights.users.searchPlaceholder')}
        onChange={(event) => setText(event.target.value)}
      />
    </form>
  );
}

function UsersTable({ contractId, q }: { contractId: string; q: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useAuthenticatedSession();
  const list = useUserList(contractId, q);
  if (list.isPending) return <Loading />;
  if (list.isError) {
    return (
      <Notice tone="error" isLive title={t('rights.users.loadFailed')}>
        <Button onClick={() => void list.refetch()}>{t('common.retry')}</Button>
      </Notice>
    );
  }
  const rows: UserView[] = list.data.pages.flatMap((page) => page.items);
  const total = list.data.pages[0]?.total ?? 0;
  if (rows.length === 0) {
    return (
      <div className="empty-state">
        <p>{t('rights.users.empty')}</p>
      </div>
    );
  }
  const canManage = denialReason(session.grants, contractId, 'users', 'manager') === null;
  return (
    <div className="table-block" aria-busy={list.isFetching || undefined}>
      <p className="table-block__count" role="status">
        {t('rights.users.count', { count: total, formatted: formatNumber(total, locale) })}
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="users-caption">
        <table className="table users-table">
          <caption id="users-caption" className="visually-hidden">
            {t('rights.users.tableCaption', { contract: contractId })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('rights.users.columns.login')}</th>
              <th scope="col">{t('rights.users.columns.lastName')}</th>
              <th scope="col">{t('rights.users.columns.firstName')}</th>
              <th scope="col">{t('rights.users.columns.email')}</th>
              {sections.map((section) => (
                <th key={section} scope="col">
                  {t(`rights.sections.${section}`)}
                </th>
              ))}
              <th scope="col">{t('rights.users.columns.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('rights.users.columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((user) => (
              <tr key={user.id}>
                <td className="mono">{user.login ?? <span className="muted">—</span>}</td>
                <td>
                  {user.lastName ?? user.displayName}
                  <span className="profile-badges">
                    {user.referentOf.includes(contractId) ? (
                      <Badge tone="info">{t('rights.users.referentBadge')}</Badge>
                    ) : null}
                    {user.requesterOf.includes(contractId) ? (
                      <Badge tone="neutral">{t('rights.users.requesterBadge')}</Badge>
                    ) : null}
                  </span>
                </td>
                <td>{user.firstName ?? <span className="muted">—</span>}</td>
                <td>{user.email}</td>
                {sections.map((section) => (
                  <td key={section} className="nowrap">
                    {profileLabel(t, user.grants, contractId, section)}
                  </td>
                ))}
                <td>
                  <Badge tone={user.status === 'active' ? 'success' : 'warning'}>
                    {t(`rights.users.status.${user.status}`)}
                  </Badge>
                </td>
                <td>
                  <Link
                    to={`/utilisateurs/${user.id}?contrat=${encodeURIComponent(contractId)}`}
                    className="table__link"
                    aria-label={t(
                      canManage ? 'rights.users.editAccessOf' : 'rights.users.viewAccessOf',
                      { name: user.displayName },
                    )}
                  >
                    {t(canManage ? 'rights.users.editAccess' : 'rights.users.viewAccess')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.hasNextPage ? (
        <div className="table-block__more">
          <Button onClick={() => void list.fetchNextPage()} isBusy={list.isFetchingNextPage}>
            {t('rights.users.loadMore', { shown: rows.length, total })}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
