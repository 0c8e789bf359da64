import type { Grant } from '@guichet/domain';
import type { Deps } from '../http/context.ts';
import { catalogFileToYaml } from '../features/catalog-admin/catalog-file.ts';
import { catalogsAsFile, importCatalogs } from '../features/catalog-admin/catalog-file.service.ts';
import { acceptInvitation, tokenOf } from '../features/invitations/invitations.service.ts';
import { createOperatorInvitation } from '../features/operator-accounts/operator-accounts.service.ts';
import { accountByEmail, addUser, giveGrants } from '../features/users/users.service.ts';
import { resolveSessionForUser } from '../features/session/session.service.ts';
import {
  createContract,
  createCustomer,
} from '../features/provider-admin/provider-admin.service.ts';
import { createRequest } from '../features/requests/requests.service.ts';
import { runInventorySync } from '../features/inventory-sync/inventory-sync.service.ts';
import { defaultQuotas, seedCatalogs } from './catalogs.ts';
import * as repository from './demo-data.repository.ts';
import { stableId } from './stable-id.ts';

export const demoPassword = 'Demo.Guichet.2026';
/** The day the demo contracts start (before any request the seed or the tests make). */
const demoContractsStartOn = '2026-01-01';

type Section = 'requests' | 'inventory' | 'users' | 'contracts';

const customers = [
  {
    name: 'ACME',
    contracts: [
      {
        id: 'OCB0005121',
        supportLevel: 'Gold',
        freeChangesPerMonth: 5,
        tokenPriceEur: 50,
        site: 'Paris - Val de Reuil',
        project: 'acme-prod',
      },
      {
        id: 'OCB0005122',
        supportLevel: 'Silver',
        freeChangesPerMonth: 3,
        tokenPriceEur: 50,
        site: 'Paris - Chartres',
        project: 'acme-preprod',
      },
    ],
  },
  {
    name: 'Globex',
    contracts: [
      {
        id: 'OCB0007001',
        supportLevel: 'Standard',
        freeChangesPerMonth: 2,
        tokenPriceEur: 55,
        site: 'Amsterdam',
        project: 'globex-main',
      },
    ],
  },
];

const users: {
  email: string;
  login: string;
  /** The name as the provider or the referent types it; shown as `firstName lastName`. */
  name: { firstName: string; lastName: string };
  operatorRole?: 'agent' | 'catalog_manager' | 'admin';
  grants: { contractId: string; sections: Section[]; profile: 'viewer' | 'manager' }[];
  /** Contracts whose referent this user is (DESIGN §3: one per contract). */
  referentOf?: string[];
}[] = [
  {
    email: 'gestionnaire@acme.example',
    name: { firstName: 'Camille', lastName: 'Martin' },
    login: 'camille.martin',
    grants: [
      { contractId: 'OCB0005121', sections: ['requests', 'inventory'], profile: 'manager' },
      { contractId: 'OCB0005122', sections: ['requests', 'inventory'], profile: 'manager' },
      { contractId: 'OCB0005121', sections: ['users'], profile: 'manager' },
      { contractId: 'OCB0005122', sections: ['users'], profile: 'manager' },
      { contractId: 'OCB0005121', sections: ['contracts'], profile: 'viewer' },
      { contractId: 'OCB0005122', sections: ['contracts'], profile: 'viewer' },
    ],
    referentOf: ['OCB0005121', 'OCB0005122'],
  },
  {
    email: 'visiteur@acme.example',
    name: { firstName: 'Dominique', lastName: 'Petit' },
    login: 'dominique.petit',
    grants: [
      { contractId: 'OCB0005121', sections: ['requests', 'inventory'], profile: 'viewer' },
      { contractId: 'OCB0005122', sections: ['requests', 'inventory'], profile: 'viewer' },
    ],
  },
  {
    email: 'gestionnaire@globex.example',
    name: { firstName: 'Alex', lastName: 'Dupont' },
    login: 'alex.dupont',
    grants: [
      {
        contractId: 'OCB0007001',
        sections: ['requests', 'inventory', 'users'],
        profile: 'manager',
      },
      { contractId: 'OCB0007001', sections: ['contracts'], profile: 'viewer' },
    ],
    referentOf: ['OCB0007001'],
  },
  {
    email: 'integrateur@partner.example',
    name: { firstName: 'Sacha', lastName: 'Bernard' },
    login: 'sacha.bernard',
    grants: [
      { contractId: 'OCB0005121', sections: ['requests', 'inventory'], profile: 'manager' },
      { contractId: 'OCB0007001', sections: ['requests', 'inventory'], profile: 'manager' },
    ],
  },
  {
    email: 'agent@guichet.example',
    name: { firstName: 'Agent', lastName: 'Guichet' },
    login: 'agent.guichet',
    operatorRole: 'agent',
    grants: [],
  },
  {
    email: 'catalogue@guichet.example',
    name: { firstName: 'Gestion', lastName: 'des catalogues' },
    login: 'catalogue.guichet',
    operatorRole: 'catalog_manager',
    grants: [],
  },
  {
    email: 'admin@guichet.example',
    name: { firstName: 'Administration', lastName: 'Guichet' },
    login: 'admin.guichet',
    operatorRole: 'admin',
    grants: [],
  },
];

function assetsOf(contract: (typeof customers)[number]['contracts'][number]) {
  const base = { contractId: contract.id, site: contract.site, solution: 'Flexible Engine' };
  const tenants = ['', '-dev', '-test'].map((suffix, index) => ({
    ...base,
    reference: `FE-${contract.id}-${index + 1}`,
    label: `Service Flexible Engine ${contract.project}${suffix}`,
    type: 'fe_tenant',
    attributes: {
      project: `${contract.project}${suffix}`,
      region: 'eu-west-0',
      quotas: defaultQuotas,
    },
  }));
  return [
    ...tenants,
    {
      ...base,
      reference: `RDS-${contract.id}-1`,
      label: 'Pool de licences RDS',
      type: 'rds_licence_pool',
      solution: 'Windows Server',
      attributes: { licencesHeld: 25 },
    },
    {
      ...base,
      reference: `GIN-${contract.id}-1`,
      label: `Accès GIN ${contract.site}`,
      type: 'gin_access',
      solution: 'Réseau GIN',
      attributes: { bandwidthMbps: 100 },
    },
  ];
}

/**
 * The demo data of the README: customers, contracts, inventory, the four catalogs, accounts,
 * made through the services a provider uses (docs/architecture.md, « Demo data »).
 * Idempotent: every row has a stable id, and what is already there is left as it is.
 */
export async function seedDemoData(deps: Deps): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    // Two processes starting on an empty database seed one after the other.
    await repository.lockSeed(trx);
    const scoped = { ...deps, db: trx };
    for (const customer of customers) {
      const customerId = stableId(`customer:${customer.name}`);
      await createCustomer(
        scoped,
        'system',
        { name: customer.name, registrationNumber: null, locale: 'fr' },
        { id: customerId, skipIfExists: true },
      );
      for (const contract of customer.contracts) await seedContract(scoped, customerId, contract);
    }
    await seedCatalogsOnce(scoped);
    for (const user of users) {
      if (user.operatorRole) {
        await seedOperator(scoped, { ...user, operatorRole: user.operatorRole });
      } else if (!user.referentOf) {
        await seedCustomerUser(scoped, user);
      }
      // No service names an account's login yet (the referents log in with their e-mail).
      await repository.setLoginIfMissing(trx, stableId(`user:${user.email}`), user.login);
    }
  });
  await seedAssets(deps);
  await seedRequests(deps);
}

const demoPublicUrl = 'http://localhost:3000';
type DemoUser = (typeof users)[number];

function flatGrants(user: DemoUser, contractIds?: readonly string[]): Grant[] {
  return user.grants
    .filter((grant) => !contractIds || contractIds.includes(grant.contractId))
    .flatMap((grant) =>
      grant.sections.map((section) => ({
        contractId: grant.contractId,
        section,
        profile: grant.profile,
      })),
    );
}

/** Accepts each invitation link the services handed over, with the demo password. */
async function acceptAll(deps: Deps, links: string[]): Promise<void> {
  for (const link of links.splice(0)) {
    await acceptInvitation(deps, tokenOf(link), {
      password: demoPassword,
      confirmation: demoPassword,
    });
  }
}

/**
 * A contract as the provider's admin creates it (by the system: not audited), with its first
 * referent, new (invited, accepted at once) or the customer's user already made. The
 * referent, given Gestionnaire everywhere as every first referent, then has the demo's own
 * profiles. A contract already there is left as it is.
 */
async function seedContract(
  deps: Deps,
  customerId: string,
  contract: (typeof customers)[number]['contracts'][number],
): Promise<void> {
  if (await repository.contractExists(deps.db, contract.id)) return;
  const referent = users.find((user) => user.referentOf?.includes(contract.id));
  if (!referent) throw new Error(`the demo contract ${contract.id} has no referent`);
  const referentId = stableId(`user:${referent.email}`);
  const account = await accountByEmail(deps, referent.email);
  const links: string[] = [];
  await createContract(
    deps,
    'system',
    {
      id: contract.id,
      customerId,
      offer: 'Flexible Engine',
      supportLevel: contract.supportLevel,
      freeChangesPerMonth: contract.freeChangesPerMonth,
      tokenPriceEur: contract.tokenPriceEur,
      startsOn: demoContractsStartOn,
      referent: account
        ? { kind: 'existing', userId: account.id }
        : { kind: 'new', email: referent.email, ...referent.name, locale: 'fr' },
    },
    { skipIfExists: true, referentId, onInvited: (link) => links.push(link) },
  );
  await acceptAll(deps, links);
  await giveGrants(deps, account?.id ?? referentId, flatGrants(referent, [contract.id]));
}

/**
 * A customer user as the Utilisateurs page adds one: by the referent of each contract it has
 * rights on (the first addition makes the account, the others give it their grants), invited
 * and accepted at once. A user already there is left as it is.
 */
async function seedCustomerUser(deps: Deps, user: DemoUser): Promise<void> {
  if (await accountByEmail(deps, user.email)) return;
  const contractIds = [...new Set(user.grants.map((grant) => grant.contractId))];
  for (const contractId of contractIds) {
    const referent = users.find((candidate) => candidate.referentOf?.includes(contractId));
    const customer = customers.find((candidate) =>
      candidate.contracts.some((contract) => contract.id === contractId),
    );
    if (!referent || !customer) throw new Error(`the demo contract ${contractId} is unknown`);
    const auth = await resolveSessionForUser(
      deps,
      stableId(`user:${referent.email}`),
      stableId(`customer:${customer.name}`),
    );
    if (!auth) throw new Error(`the referent of ${contractId} is missing`);
    const links: string[] = [];
    await addUser(
      deps,
      auth,
      {
        login: user.login,
        email: user.email,
        ...user.name,
        phone: null,
        grants: flatGrants(user, [contractId]),
      },
      {
        publicUrl: demoPublicUrl,
        id: stableId(`user:${user.email}`),
        onInvited: (link) => links.push(link),
      },
    );
    await acceptAll(deps, links);
  }
}

/**
 * The four catalogs go in as a catalog manager's file would (decision 0009): the import of
 * `catalogs.yaml`, ids following the codes. Only the catalogs not there yet: once loaded, a
 * catalog is the provider's to change, and a restart never publishes the file's version over
 * theirs.
 */
async function seedCatalogsOnce(deps: Deps): Promise<void> {
  const present = new Set((await catalogsAsFile(deps.db)).catalogs.map((catalog) => catalog.code));
  const missing = seedCatalogs.filter((catalog) => !present.has(catalog.code));
  if (missing.length === 0) return;
  await importCatalogs(deps, 'system', {
    yaml: catalogFileToYaml({ catalogs: missing }),
    apply: true,
  });
}

/**
 * An operator as an admin would open the account: invited, then the invitation accepted with
 * the demo password (by the system: no audit, no mail). Only when the account is missing.
 */
async function seedOperator(
  deps: Deps,
  user: (typeof users)[number] & { operatorRole: 'agent' | 'catalog_manager' | 'admin' },
): Promise<void> {
  if (await accountByEmail(deps, user.email)) return;
  const { link } = await createOperatorInvitation(
    deps,
    'system',
    { email: user.email, ...user.name, role: user.operatorRole, locale: 'fr' },
    { id: stableId(`user:${user.email}`), skipIfExists: true, publicUrl: demoPublicUrl },
  );
  if (link !== null) await acceptAll(deps, [link]);
}

/**
 * The demo items go in as the provider's would: one inventory sync (upsert, no actor), their
 * ids stable so that links and tests keep naming the same items. Only into demo contracts
 * that hold no item yet: once loaded, the items are the provider's to change, retire or
 * bring back, and a restart never undoes that.
 */
async function seedAssets(deps: Deps): Promise<void> {
  const contracts = customers.flatMap((customer) => customer.contracts);
  const loaded = await repository.contractsWithItems(
    deps.db,
    contracts.map((contract) => contract.id),
  );
  const lines = contracts
    .filter((contract) => !loaded.has(contract.id))
    .flatMap((contract) =>
      assetsOf(contract).map((asset) =>
        JSON.stringify({
          contract: asset.contractId,
          reference: asset.reference,
          type: asset.type,
          label: asset.label,
          site: asset.site,
          solution: asset.solution,
          attributes: asset.attributes,
        }),
      ),
    );
  if (lines.length === 0) return;
  const run = await runInventorySync(deps, {
    actor: null,
    source: 'cli',
    mode: 'upsert',
    isDryRun: false,
    isStrict: true,
    format: 'ndjson',
    body: [lines.join('\n')],
    idFor: (contractId, reference) => stableId(`asset:${contractId}:${reference}`),
  });
  if (run.status !== 'applied') {
    throw new Error(`the demo items were refused: ${JSON.stringify(run.errors)}`);
  }
}

/** Two requests in progress on ACME's production tenant, so the list and the warning show. */
async function seedRequests(deps: Deps): Promise<void> {
  if ((await repository.countRequests(deps.db, 'OCB0005121')) > 0) return;
  const auth = await resolveSessionForUser(
    deps,
    stableId('user:gestionnaire@acme.example'),
    stableId('customer:ACME'),
  );
  if (!auth) return;
  const common = {
    contractId: 'OCB0005121',
    assetId: stableId('asset:OCB0005121:FE-OCB0005121-1'),
    catalogId: stableId('catalog:standard'),
    outsideBusinessHours: false,
    acknowledgeBilling: true,
    action: 'confirm' as const,
    comment: null,
  };
  const earlier = { ...deps, clock: () => new Date(deps.clock().getTime() - 3_600_000) };
  await createRequest(earlier, auth, {
    ...common,
    articleId: stableId('article:standard:modifier-mes-quotas'),
    customerReference: 'PRJ-2026-042',
    values: {
      region: 'eu-west-0',
      project: 'acme-prod',
      lines: [{ quotaType: 'vcpus', requested: 40 }],
      justification: 'Montée en charge de la plateforme e-commerce avant les soldes.',
    },
  });
  await createRequest(deps, auth, {
    ...common,
    articleId: stableId('article:standard:faire-une-autre-demande'),
    customerReference: null,
    values: { details: 'Merci d’activer les journaux d’audit CTS sur le projet acme-prod.' },
  });
}
