import coreEn from './core.en.json';
import coreFr from './core.fr.json';
import catalogAdminEn from './catalogAdmin.en.json';
import catalogAdminFr from './catalogAdmin.fr.json';
import operationsEn from './operations.en.json';
import operationsFr from './operations.fr.json';
import rightsEn from './rights.en.json';
import rightsFr from './rights.fr.json';
import liveEn from './live.en.json';
import liveFr from './live.fr.json';

// One file per area (core: the customer flow; rights: users and rights; operations: the
// back-office and request follow-up; catalogAdmin: catalog authoring; live: live updates), each a namespace of
// keys under its own name, merged into one dictionary per language.
export const fr = {
  ...coreFr,
  rights: rightsFr,
  operations: operationsFr,
  catalogAdmin: catalogAdminFr,
  live: liveFr,
};
export const en = {
  ...coreEn,
  rights: rightsEn,
  operations: operationsEn,
  catalogAdmin: catalogAdminEn,
  live: liveEn,
};
