import { useTranslation } from 'react-i18next';
import { CsvDownload } from '../../components/ui/csv-download.tsx';
import { SavedViewsMenu } from '../../components/ui/saved-views-menu.tsx';
import type { QueueFilters } from './back-office-api.ts';
import {
  queueCsvHref,
  queueViewKeys,
  useQueueViewWrites,
  useQueueViews,
} from './queue-views-api.ts';

/** Above the queue: the operators' saved views (their own and the shared ones) and the CSV export. */
export function QueueListTools({ filters }: { filters: QueueFilters }) {
  const { t } = useTranslation();
  const views = useQueueViews();
  const writes = useQueueViewWrites();
  const items = views.data?.items ?? [];
  return (
    <div className="list-tools">
      <SavedViewsMenu
        views={items.map((view) => ({
          id: view.id,
          name: view.name,
          isMine: view.isMine,
          ownerName: view.ownerName,
          share: view.isShared ? 'operators' : '',
          params: view.params,
        }))}
        paramKeys={queueViewKeys}
        shareOptions={[
          { value: '', label: t('common.savedViews.private') },
          { value: 'operators', label: t('common.savedViews.shareOperators') },
        ]}
        onSave={({ name, share, params }) =>
          writes.create.mutateAsync({
            name,
            params,
            isShared: share === 'operators',
          })
        }
        onUpdate={(id, { name, share }) =>
          writes.update.mutateAsync({ id, name, isShared: share === 'operators' })
        }
        onDelete={(id) => writes.remove.mutateAsync(id)}
      />
      <CsvDownload
        label={t('common.csv.export')}
        href={(separator) => queueCsvHref(filters, separator)}
      />
    </div>
  );
}
