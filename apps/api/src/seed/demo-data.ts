import type { Deps } from '../http/context.ts';
import { catalogFileToYaml } from '../features/catalog-admin/catalog-file.ts';
import { catalogsAsFile, importCatalogs } from '../features/catalog-admin/catalog-file.service.ts';
import { acceptInvitation, tokenOf } from '../features/invitations/invitations.service.ts';
import { createOperatorInvitation } from '../features/operator-accounts/operator-accounts.service.ts';
import { hashPassword } from '../features/session/passwords.ts';
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
  displayName: string;
  login: string;
  /** An operator's name as the admin types it (`displayName` is `firstName lastName`). */
  name?: { firstName: string; lastName: string };
  operatorRole?: 'agent' | 'catalog_manager' | 'admin';
  grants: { contractId: string; sections: Section[]; profile: 'viewer' | 'manager' }[];
  /** Contracts whose referent this user is (DESIGN §3: one per contract). */
  referentOf?: string[];
}[] = [
  {
    email: 'gestionnaire@acme.example',
    displayName: 'Camille Martin (ACME)',
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
    displayName: 'Dominique Petit (ACME)',
    login: 'dominique.petit',
    grants: [
      { contractId: 'OCB0005121', sections: ['requests', 'inventory'], profile: 'viewer' },
      { contractId: 'OCB0005122', sections: ['requests', 'inventory'], profile: 'viewer' },
    ],
  },
  {
    email: 'gestionnaire@globex.example',
    displayName: 'Alex Dupont (Globex)',
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
    displayName: 'Sacha Bernard (Partner)',
    login: 'sacha.bernard',
    grants: [
      { contractId: 'OCB0005121', sections: ['requests', 'inventory'], profile: 'manager' },
      { contractId: 'OCB0007001', sections: ['requests', 'inventory'], profile: 'manager' },
    ],
  },
  {
    email: 'agent@guichet.example',
    displayName: 'Agent Guichet',
    name: { firstName: 'Agent', lastName: 'Guichet' },
    login: 'agent.guichet',
    operatorRole: 'agent',
    grants: [],
  },
  {
    email: 'catalogue@guichet.example',
    displayName: 'Gestion des catalogues',
    name: { firstName: 'Gestion', lastName: 'des catalogues' },
    login: 'catalogue.guichet',
    operatorRole: 'catalog_manager',
    grants: [],
  },
  {
    email: 'admin@guichet.example',
    displayName: 'Administration Guichet',
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
 * The demo data of the README: customers, contracts, inventory, the four catalogs, accounts.
 * Idempotent: every row has a stable id and is inserted only when missing.
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
      for (const contract of customer.contracts) {
        await createContract(
          scoped,
          'system',
          {
            id: contract.id,
            customerId,
            offer: 'Flexible Engine',
            supportLevel: contract.supportLevel,
            freeChangesPerMonth: contract.freeChangesPerMonth,
            tokenPriceEur: contract.tokenPriceEur,
            startsOn: demoContractsStartOn,
          },
          { skipIfExists: true },
        );
      }
    }
    await seedCatalogsOnce(scoped);
    for (const user of users) {
      const id = stableId(`user:${user.email}`);
      if (user.operatorRole) {
        await seedOperator(scoped, { ...user, operatorRole: user.operatorRole });
      } else if (!(await repository.userExists(trx, user.email))) {
        await repository.insertUser(trx, {
          id,
          email: user.email,
          displayName: user.displayName,
          passwordHash: await hashPassword(demoPassword),
          operatorRole: null,
        });
      }
      await repository.setLoginIfMissing(trx, id, user.login);
      for (const grant of user.grants) {
        for (const section of grant.sections) {
          await repository.upsertGrant(trx, {
            userId: id,
            contractId: grant.contractId,
            section,
            profile: grant.profile,
          });
        }
      }
      for (const contractId of user.referentOf ?? [])
        await repository.setReferentIfMissing(trx, contractId, id);
    }
  });
  await seedAssets(deps);
  await seedRequests(deps);
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
  if (await repository.userExists(deps.db, user.email)) return;
  const name = user.name ?? { firstName: user.displayName, lastName: '' };
  const { link } = await createOperatorInvitation(
    deps,
    'system',
    { email: user.email, ...name, role: user.operatorRole, locale: 'fr' },
    { id: stableId(`user:${user.email}`), skipIfExists: true, publicUrl: 'http://localhost:3000' },
  );
  if (link === null) return;
  await acceptInvitation(deps, tokenOf(link), {
    password: demoPassword,
    confirmation: demoPassword,
  });
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
