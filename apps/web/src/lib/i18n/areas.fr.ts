import approvals from './approvals.fr.json';
import catalogAdmin from './catalogAdmin.fr.json';
import execution from './execution.fr.json';
import integrations from './integrations.fr.json';
import inventorySync from './inventorySync.fr.json';
import operations from './operations.fr.json';
import operatorAccounts from './operatorAccounts.fr.json';
import providerAdmin from './providerAdmin.fr.json';
import rights from './rights.fr.json';
import statements from './statements.fr.json';

/**
 * The areas the customer's list and change form do not show, loaded with the routes that do
 * (decision 0038); merged into `first-paint.fr.ts`'s branches of the same names, which hold the
 * few of their words the first page shows (menus, the bell, the form's notices).
 */
export const areas = {
  rights,
  operations,
  catalogAdmin,
  operatorAccounts,
  statements,
  providerAdmin,
  inventorySync,
  integrations,
  approvals,
  execution,
};
