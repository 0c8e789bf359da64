import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { InventorySyncPage } from '../../features/inventory-sync/inventory-sync-page.tsx';
import { SyncRunPage } from '../../features/inventory-sync/sync-run-page.tsx';
import { RequireCapability } from '../../components/ui/session-guard.tsx';

/** The sync is the administrators' (the API refuses the others anyway). */
function RequireSync({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <RequireCapability capability="sync_inventory" reason={t('inventorySync.forbidden')}>
      {children}
    </RequireCapability>
  );
}

/** `/back-office/parc`: the inventory sync (issue 14) and its history. */
export function InventorySyncRoute() {
  return (
    <RequireSync>
      <InventorySyncPage />
    </RequireSync>
  );
}

export function SyncRunRoute() {
  return (
    <RequireSync>
      <SyncRunPage />
    </RequireSync>
  );
}
