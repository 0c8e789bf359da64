import { useTranslation } from 'react-i18next';
import { CsvDownload } from '../../components/ui/csv-download.tsx';
import { SavedViewsMenu } from '../../components/ui/saved-views-menu.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { isSameListParams, listParamsOf } from '../../lib/list-params.ts';
import { useUrlParams } from '../../lib/use-url-params.ts';
import type { RequestFilters } from './requests-api.ts';
import {
  requestViewKeys,
  requestsCsvHref,
  useRequestViewWrites,
  useRequestViews,
} from './request-views-api.ts';

/**
 * Above the requests list: its saved views (the customer's own, and those shared with a
 * contract's team) and the CSV export of what the filters show.
 */
export function RequestListTools({
  filters,
  contracts,
}: {
  filters: RequestFilters;
  contracts: readonly string[];
}) {
  const { t } = useTranslation();
  const { searchParams, setSearchParams } = useUrlParams();
  const views = useRequestViews();
  const writes = useRequestViewWrites();
  const current = listParamsOf(searchParams, requestViewKeys);
  const items = views.data?.items ?? [];
  const currentView = items.find((view) => isSameListParams(view.params, current)) ?? null;
  const describeError = (error: unknown) =>
    isApiError(error, 'conflict')
      ? t('common.savedViews.nameTaken')
      : t('common.savedViews.failed');
  return (
    <div className="list-tools">
      <SavedViewsMenu
        views={items.map((view) => ({
          id: view.id,
          name: view.name,
          isMine: view.isMine,
          ownerName: view.ownerName,
          share: view.sharedContractId ?? '',
        }))}
        currentId={currentView?.id ?? null}
        shareOptions={[
          { value: '', label: t('common.savedViews.private') },
          ...contracts.map((contract) => ({
            value: contract,
            label: t('common.savedViews.shareContract', { contract }),
          })),
        ]}
        isSavable
        onPick={(id) => {
          const view = items.find((candidate) => candidate.id === id);
          if (view) setSearchParams(new URLSearchParams(view.params));
        }}
        onSave={({ name, share }) =>
          writes.create.mutateAsync({
            name,
            params: current,
            sharedContractId: share || null,
          })
        }
        onUpdate={(id, { name, share }) =>
          writes.update.mutateAsync({ id, name, sharedContractId: share || null })
        }
        onDelete={(id) => writes.remove.mutateAsync(id)}
        describeError={describeError}
      />
      <CsvDownload
        label={t('common.csv.export')}
        href={(separator) => requestsCsvHref(filters, separator)}
      />
    </div>
  );
}
