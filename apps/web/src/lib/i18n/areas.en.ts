import approvals from './approvals.en.json';
import catalogAdmin from './catalogAdmin.en.json';
import execution from './execution.en.json';
import integrations from './integrations.en.json';
import inventorySync from './inventorySync.en.json';
import operations from './operations.en.json';
import operatorAccounts from './operatorAccounts.en.json';
import providerAdmin from './providerAdmin.en.json';
import rights from './rights.en.json';
import statements from './statements.en.json';

/**
 * The areas the customer's list and change form do not show, loaded with the routes that do
 * (decision 0038); merged into `first-paint.en.ts`'s branches of the same names, which hold the
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
