import { useTranslation } from 'react-i18next';
import { CsvDownload } from '../../components/ui/csv-download.tsx';
import { SavedViewsMenu } from '../../components/ui/saved-views-menu.tsx';
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
  const views = useRequestViews();
  const writes = useRequestViewWrites();
  const items = views.data?.items ?? [];
  return (
    <div className="list-tools">
      <SavedViewsMenu
        views={items.map((view) => ({
          id: view.id,
          name: view.name,
          isMine: view.isMine,
          ownerName: view.ownerName,
          share: view.sharedContractId ?? '',
          params: view.params,
        }))}
        paramKeys={requestViewKeys}
        shareOptions={[
          { value: '', label: t('common.savedViews.private') },
          ...contracts.map((contract) => ({
            value: contract,
            label: t('common.savedViews.shareContract', { contract }),
          })),
        ]}
        onSave={({ name, share, params }) =>
          writes.create.mutateAsync({
            name,
            params,
            sharedContractId: share || null,
          })
        }
        onUpdate={(id, { name, share }) =>
          writes.update.mutateAsync({ id, name, sharedContractId: share || null })
        }
        onDelete={(id) => writes.remove.mutateAsync(id)}
      />
      <CsvDownload
        label={t('common.csv.export')}
        href={(separator) => requestsCsvHref(filters, separator)}
      />
    </div>
  );
}
