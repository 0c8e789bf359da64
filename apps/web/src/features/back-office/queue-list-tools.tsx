import { useTranslation } from 'react-i18next';
import { CsvDownload } from '../../components/ui/csv-download.tsx';
import { SavedViewsMenu } from '../../components/ui/saved-views-menu.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { isSameListParams, listParamsOf } from '../../lib/list-params.ts';
import { useUrlParams } from '../../lib/use-url-params.ts';
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
  const { searchParams, setSearchParams } = useUrlParams();
  const views = useQueueViews();
  const writes = useQueueViewWrites();
  const current = listParamsOf(searchParams, queueViewKeys);
  const items = views.data?.items ?? [];
  const currentView = items.find((view) => isSameListParams(view.params, current)) ?? null;
  return (
    <div className="list-tools">
      <SavedViewsMenu
        views={items.map((view) => ({
          id: view.id,
          name: view.name,
          isMine: view.isMine,
          ownerName: view.ownerName,
          share: view.isShared ? 'operators' : '',
        }))}
        currentId={currentView?.id ?? null}
        shareOptions={[
          { value: '', label: t('common.savedViews.private') },
          { value: 'operators', label: t('common.savedViews.shareOperators') },
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
            isShared: share === 'operators',
          })
        }
        onUpdate={(id, { name, share }) =>
          writes.update.mutateAsync({ id, name, isShared: share === 'operators' })
        }
        onDelete={(id) => writes.remove.mutateAsync(id)}
        describeError={(error) =>
          isApiError(error, 'conflict')
            ? t('common.savedViews.nameTaken')
            : t('common.savedViews.failed')
        }
      />
      <CsvDownload
        label={t('common.csv.export')}
        href={(separator) => queueCsvHref(filters, separator)}
      />
    </div>
  );
}
