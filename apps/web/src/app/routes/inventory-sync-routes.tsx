import { InventorySyncPage } from '../../features/inventory-sync/inventory-sync-page.tsx';
import { SyncRunPage } from '../../features/inventory-sync/sync-run-page.tsx';
import { capabilityGuard } from '../../components/ui/session-guard.tsx';

/** The sync is the administrators' (the API refuses the others anyway). */
const syncAdmins = capabilityGuard('sync_inventory', (t) => t('inventorySync.forbidden'));

/** `/back-office/parc`: the inventory sync (issue 14) and its history. */
export const InventorySyncRoute = syncAdmins(InventorySyncPage);
export const SyncRunRoute = syncAdmins(SyncRunPage);
