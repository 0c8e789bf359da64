import { useTranslation } from 'react-i18next';
import { InventorySyncPage } from '../../features/inventory-sync/inventory-sync-page.tsx';
import { SyncRunPage } from '../../features/inventory-sync/sync-run-page.tsx';
import { MessagePage } from '../../components/ui/message-page.tsx';
import { useAuthenticatedSession } from '../../lib/session.ts';
import { canOperator } from '../back-office-layout.tsx';

/** The sync is the administrators' (the API refuses the others anyway). */
function useCanSync(): boolean {
  return canOperator(useAuthenticatedSession(), 'sync_inventory');
}

function SyncForbidden() {
  const { t } = useTranslation();
  return (
    <MessagePage title={t('forbidden.title')} tone="warning">
      <p>{t('inventorySync.forbidden')}</p>
    </MessagePage>
  );
}

/** `/back-office/parc`: the inventory sync (issue 14) and its history. */
export function InventorySyncRoute() {
  return useCanSync() ? <InventorySyncPage /> : <SyncForbidden />;
}

export function SyncRunRoute() {
  return useCanSync() ? <SyncRunPage /> : <SyncForbidden />;
}
