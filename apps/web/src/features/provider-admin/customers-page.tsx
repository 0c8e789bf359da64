import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Button, ButtonLink } from '../../components/ui/button.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { formatNumber } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { useCustomers } from './provider-admin-api.ts';
import './provider-admin.css';

/** `/back-office/clients`: the provider's customers, searched by name, number or contract. */
export function CustomersPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q')?.trim() ?? '';
  return (
    <div className="page provider-admin">
      <PageTitle title={t('providerAdmin.customers.title')} />
      <div className="page__header">
        <div>
          <h1 className="page__title">{t('providerAdmin.customers.title')}</h1>
          <p className="page__subtitle">{t('providerAdmin.customers.intro')}</p>
        </div>
        <div className="page__actions">
          <ButtonLink to="/back-office/clients/nouveau" variant="primary">
            {t('providerAdmin.customers.create')}
          </ButtonLink>
        </div>
      </div>
      <div className="filters">
        <CustomerSearch
          q={q}
          onSearch={(next) => setSearchParams(next ? { q: next } : {}, { replace: true })}
        />
      </div>
      <CustomersTable q={q} />
    </div>
  );
}

function CustomerSearch({ q, onSearch }: { q: string; onSearch: (q: string) => void }) {
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
      <label htmlFor="customers-search" className="field__label">
        {t('providerAdmin.customers.search')}
      </label>
      <input
        id="customers-search"
        type="search"
        value={text}
        placeholder={t('providerAdmin.customers.searchPlaceholder')}
        onChange={(event) => setText(event.target.value)}
      />
    </form>
  );
}

function CustomersTable({ q }: { q: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = useCustomers(q);
  if (list.isPending) return <Loading />;
  if (list.isError) {
    return (
      <Notice tone="error" isLive title={t('providerAdmin.customers.loadFailed')}>
        <Button onClick={() => void list.refetch()}>{t('common.retry')}</Button>
      </Notice>
    );
  }
  const rows = list.data.pages.flatMap((page) => page.items);
  const total = list.data.pages[0]?.total ?? 0;
  if (rows.length === 0) {
    return (
      <div className="empty-state">
        <p>{t('providerAdmin.customers.empty')}</p>
      </div>
    );
  }
  return (
    <div className="table-block" aria-busy={list.isFetching || undefined}>
      <p className="table-block__count" role="status">
        {t('providerAdmin.customers.count', {
          count: total,
          formatted: formatNumber(total, locale),
        })}
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="customers-caption">
        <table className="table">
          <caption id="customers-caption" className="visually-hidden">
            {t('providerAdmin.customers.title')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('providerAdmin.customers.columns.name')}</th>
              <th scope="col">{t('providerAdmin.customers.columns.registrationNumber')}</th>
              <th scope="col">{t('providerAdmin.customers.columns.locale')}</th>
              <th scope="col" className="provider-admin__number">
                {t('providerAdmin.customers.columns.contracts')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((customer) => (
              <tr key={customer.id}>
                <td>
                  <Link className="table__link" to={`/back-office/clients/${customer.id}`}>
                    {customer.name}
                  </Link>
                </td>
                <td className="mono">{customer.registrationNumber ?? '—'}</td>
                <td>{t(`providerAdmin.locales.${customer.locale}`)}</td>
                <td className="provider-admin__number">
                  {formatNumber(customer.contractCount, locale)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.hasNextPage ? (
        <div className="table-block__more">
          <Button onClick={() => void list.fetchNextPage()} isBusy={list.isFetchingNextPage}>
            {t('providerAdmin.customers.loadMore', { shown: rows.length, total })}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
