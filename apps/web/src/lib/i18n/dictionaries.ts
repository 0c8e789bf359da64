import coreEn from './core.en.json';
import coreFr from './core.fr.json';
import catalogAdminEn from './catalogAdmin.en.json';
import catalogAdminFr from './catalogAdmin.fr.json';
import operationsEn from './operations.en.json';
import operatorAccountsEn from './operatorAccounts.en.json';
import operatorAccountsFr from './operatorAccounts.fr.json';
import operationsFr from './operations.fr.json';
import rightsEn from './rights.en.json';
import rightsFr from './rights.fr.json';
import statementsEn from './statements.en.json';
import statementsFr from './statements.fr.json';
import providerAdminEn from './providerAdmin.en.json';
import providerAdminFr from './providerAdmin.fr.json';
import inventorySyncEn from './inventorySync.en.json';
import inventorySyncFr from './inventorySync.fr.json';
import liveEn from './live.en.json';
import liveFr from './live.fr.json';
import signInEn from './signIn.en.json';
import signInFr from './signIn.fr.json';
import executionEn from './execution.en.json';
import executionFr from './execution.fr.json';
import integrationsEn from './integrations.en.json';
import integrationsFr from './integrations.fr.json';
import ssoEn from './sso.en.json';
import ssoFr from './sso.fr.json';
import questionsEn from './questions.en.json';
import questionsFr from './questions.fr.json';
import windowsEn from './windows.en.json';
import windowsFr from './windows.fr.json';
import approvalsEn from './approvals.en.json';
import approvalsFr from './approvals.fr.json';
import dueDatesEn from './dueDates.en.json';
import dueDatesFr from './dueDates.fr.json';
import { messageCatalogs } from '@guichet/domain';

// One file per area (core: the customer flow; rights: users and rights; operations: the
// back-office and request follow-up; catalogAdmin: catalog authoring; operatorAccounts:
// operator accounts and their API tokens; statements: monthly statements; providerAdmin:
// customers and contracts; inventorySync: the inventory sync and retired items), each a
// namespace of keys under its own name, merged into one dictionary per language; live: live
// updates; signIn: sign-in, sessions and second factor (issue 21); execution: a request's
// automatic execution (decision 0032); integrations: service accounts and webhooks (issue 17);
// sso: single sign-on and the sign-in policies (issue 21, decision 0030); approvals: approvals on
// the customer's side (issue 20, decision 0034); questions: questions back to the customer
// (issue 20, decision 0035); dueDates: due dates (issue 20, decision 0036); windows: execution
// windows, freeze and maintenance periods (issue 20, decision 0037). `errors` holds the domain's
// message catalog (decision 0024): `errors.<code>`, `errors.reasons.<reason>`, `errors.rules.<rule>`,
// the same words as the API's `message`.
const { fr: errorsFr, en: errorsEn } = messageCatalogs;
export const fr = {
  ...coreFr,
  errors: { ...coreFr.errors, ...errorsFr.codes, reasons: errorsFr.reasons, rules: errorsFr.rules },
  rights: rightsFr,
  operations: operationsFr,
  catalogAdmin: catalogAdminFr,
  operatorAccounts: operatorAccountsFr,
  statements: statementsFr,
  providerAdmin: providerAdminFr,
  inventorySync: inventorySyncFr,
  live: liveFr,
  signIn: signInFr,
  execution: executionFr,
  integrations: integrationsFr,
  sso: ssoFr,
  questions: questionsFr,
  windows: windowsFr,
  approvals: approvalsFr,
  dueDates: dueDatesFr,
};
export const en = {
  ...coreEn,
  errors: { ...coreEn.errors, ...errorsEn.codes, reasons: errorsEn.reasons, rules: errorsEn.rules },
  rights: rightsEn,
  operations: operationsEn,
  catalogAdmin: catalogAdminEn,
  operatorAccounts: operatorAccountsEn,
  statements: statementsEn,
  providerAdmin: providerAdminEn,
  inventorySync: inventorySyncEn,
  live: liveEn,
  signIn: signInEn,
  execution: executionEn,
  integrations: integrationsEn,
  sso: ssoEn,
  questions: questionsEn,
  windows: windowsEn,
  approvals: approvalsEn,
  dueDates: dueDatesEn,
};
