import coreEn from './core.en.json';
import coreFr from './core.fr.json';
import catalogAdminEn from './catalogAdmin.en.json';
import catalogAdminFr from './catalogAdmin.fr.json';
import operationsEn from './operations.en.json';
import operationsFr from './operations.fr.json';
import rightsEn from './rights.en.json';
import rightsFr from './rights.fr.json';
import providerAdminEn from './providerAdmin.en.json';
import providerAdminFr from './providerAdmin.fr.json';

// One file per area (core: the customer flow; rights: users and rights; operations: the
// back-office and request follow-up; catalogAdmin: catalog authoring; providerAdmin:
// customers and contracts), each a namespace of keys under its own name, merged into one
// dictionary per language.
export const fr = {
  ...coreFr,
  rights: rightsFr,
  operations: operationsFr,
  catalogAdmin: catalogAdminFr,
  providerAdmin: providerAdminFr,
};
export const en = {
  ...coreEn,
  rights: rightsEn,
  operations: operationsEn,
  catalogAdmin: catalogAdminEn,
  providerAdmin: providerAdminEn,
};
