/**
 * `npm run bench:data -- --customers 2000 --assets 1000000 --requests 1000000 [--seed 1] [--reset]`
 *
 * Fills the benchmark database (DATABASE_URL's, or the embedded default's in data/bench) with
 * customers, contracts, users and their grants, inventory items and change requests with
 * their history, in batches of thousands of rows per statement. Customer sizes follow
 * Zipf's law, so a few customers hold a large share of the items and requests; the largest
 * is the hard case the load scripts measure apart.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDb, migrate } from '@guichet/db';
import { decideBilling, formatRequestNumber } from '@guichet/domain';
import type { BillingMode } from '@guichet/domain';
import { hashPassword } from '../apps/api/src/features/session/passwords.ts';
import { defaultQuotas } from '../apps/api/src/seed/catalogs.ts';
import { demoPassword, seedDemoData } from '../apps/api/src/seed/demo-data.ts';
import { BulkInsert } from './bulk-insert.ts';
import {
  Random,
  applications,
  customerName,
  environments,
  firstNames,
  flavours,
  lastNames,
  sites,
  slug,
  zipfShares,
} from './dataset.ts';
import type { DatasetManifest, SampleContract, SampleUser } from './dataset.ts';
import { benchTarget, openDatabase } from './target.ts';

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '2000' },
    assets: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    reset: { type: 'boolean', default: false },
  },
});

function wholeNumber(name: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`--${name} must be a whole number ≥ ${min} (got "${raw}")`);
  }
  return value;
}

const parameters = {
  customers: wholeNumber('customers', args.customers, 1),
  assets: wholeNumber('assets', args.assets, 0),
  requests: wholeNumber('requests', args.requests, 0),
  seed: wholeNumber('seed', args.seed, 0),
};
if (parameters.assets < parameters.customers * 3) {
  throw new Error('--assets must be at least 3 per customer');
}

const batchRows = 5000;
const sampleCount = Math.min(100, parameters.customers);
const random = new Random(parameters.seed);
const now = new Date();
const started = performance.now();

interface CoveredAsset {
  id: string;
  type: 'fe_tenant' | 'rds_licence_pool' | 'gin_access';
  attributes: Record<string, unknown>;
}

interface Contract {
  id: string;
  customer: Customer;
  assets: number;
  supportLevel: string;
  freeChangesPerMonth: number;
  tokenPriceEur: number;
  /** The items the change catalogs apply to: requests are made on these. */
  covered: CoveredAsset[];
  requests: number;
  sample: SampleContract | null;
}

interface Customer {
  id: string;
  name: string;
  rank: number;
  assets: number;
  requests: number;
  contracts: Contract[];
  managerIds: string[];
  firstManagerEmail: string;
  isSample: boolean;
}

interface Article {
  catalogId: string;
  articleId: string;
  versionId: string;
  code: string;
  billingMode: BillingMode;
  priceTokens: number;
}

const monthFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
});

/** The billing month in Paris time (the domain's billingMonth, with one formatter). */
function parisMonth(at: Date): string {
  const parts = monthFormat.formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-01`;
}

function log(message: string): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  console.info(`[${seconds} s] ${message}`);
}

async function prepareSchema(url: string): Promise<void> {
  const db = createDb(url);
  try {
    await migrate(db);
    const { count } = await db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    const found = Number(count);
    if (found > 3) {
      throw new Error(
        `The database already holds ${found} customers: pass --reset to drop it and start again`,
      );
    }
    await seedDemoData({ db, clock: () => now });
  } finally {
    await db.destroy();
  }
}

async function loadArticles(pool: pg.Pool): Promise<Map<string, Article>> {
  const result = await pool.query<{
    catalog_code: string;
    catalog_id: string;
    article_id: string;
    article_code: string;
    version_id: string;
    billing_mode: BillingMode;
    price_tokens: number;
  }>(`SELECT c.code AS catalog_code, c.id AS catalog_id, a.id AS article_id, a.code AS article_code,
            v.id AS version_id, v.billing_mode, v.price_tokens
       FROM articles a
       JOIN catalogs c ON c.id = a.catalog_id
       JOIN article_versions v ON v.id = a.current_version_id`);
  return new Map(
    result.rows.map((row) => [
      `${row.catalog_code}/${row.article_code}`,
      {
        catalogId: row.catalog_id,
        articleId: row.article_id,
        versionId: row.version_id,
        code: row.article_code,
        billingMode: row.billing_mode,
        priceTokens: row.price_tokens,
      },
    ]),
  );
}

/** Runs up to two batches at once (one generating while the other is written). */
class Pipeline {
  private readonly pending: Promise<unknown>[] = [];

  constructor(private readonly pool: pg.Pool) {}

  async send(batches: BulkInsert[]): Promise<void> {
    const write = (async () => {
      const client = await this.pool.connect();
      try {
        for (const batch of batches) await batch.flush(client);
      } finally {
        client.release();
      }
    })();
    write.catch(() => undefined); // awaited below; this only keeps it from being "unhandled"
    this.pending.push(write);
    if (this.pending.length >= 2) await this.pending.shift();
  }

  async drain(): Promise<void> {
    await Promise.all(this.pending.splice(0));
  }
}

function buildCustomers(): Customer[] {
  const assetShares = zipfShares(parameters.assets, parameters.customers, 3);
  const taken = new Set<string>(['ACME', 'Globex']);
  const sampleRanks = new Set(
    Array.from({ length: sampleCount }, (_, i) =>
      Math.round((i * parameters.customers) / sampleCount),
    ),
  );
  let contractNumber = 0;
  return assetShares.map((assets, rank) => {
    const customer: Customer = {
      id: random.uuid(),
      name: customerName(random, taken),
      rank,
      assets,
      requests: 0,
      contracts: [],
      managerIds: [],
      firstManagerEmail: '',
      isSample: sampleRanks.has(rank),
    };
    const contractCount = Math.min(12, Math.max(1, Math.round(Math.log2(assets / 50))));
    const split = zipfShares(
      assets,
      contractCount,
      Math.min(3, Math.floor(assets / contractCount)),
    );
    for (const contractAssets of split) {
      contractNumber += 1;
      const level = random.pick(['Standard', 'Bronze', 'Silver', 'Gold'] as const);
      customer.contracts.push({
        id: `OCB${String(1_000_000 + contractNumber).padStart(7, '0')}`,
        customer,
        assets: contractAssets,
        supportLevel: level,
        freeChangesPerMonth: { Standard: 2, Bronze: 3, Silver: 3, Gold: 5 }[level],
        tokenPriceEur: random.pick([50, 55]),
        covered: [],
        requests: 0,
        sample: null,
      });
    }
    return customer;
  });
}

async function insertAccounts(pool: pg.Pool, customers: Customer[]): Promise<number> {
  const passwordHash = await hashPassword(demoPassword);
  const customerRows = new BulkInsert('customers', { id: 'uuid', name: 'text' });
  const contractRows = new BulkInsert('contracts', {
    id: 'text',
    customer_id: 'uuid',
    offer: 'text',
    support_level: 'text',
    free_changes_per_month: 'int',
    token_price_eur: 'numeric',
  });
  const userRows = new BulkInsert('users', {
    id: 'uuid',
    email: 'text',
    display_name: 'text',
    password_hash: 'text',
    kind: 'text',
  });
  const grantRows = new BulkInsert('grants', {
    user_id: 'uuid',
    contract_id: 'text',
    section: 'text',
    profile: 'text',
  });
  const emails = new Set<string>();
  let users = 0;
  for (const customer of customers) {
    customerRows.add([customer.id, customer.name]);
    for (const contract of customer.contracts) {
      contractRows.add([
        contract.id,
        customer.id,
        'Flexible Engine',
        contract.supportLevel,
        contract.freeChangesPerMonth,
        contract.tokenPriceEur,
      ]);
    }
    const domain = `${slug(customer.name)}.example`;
    const userCount = Math.min(20, 1 + Math.floor(Math.log2(1 + customer.assets / 200)));
    for (let index = 0; index < userCount; index += 1) {
      const first = random.pick(firstNames);
      const last = random.pick(lastNames);
      let email = `${slug(first)}.${slug(last)}@${domain}`;
      for (let n = 2; emails.has(email); n += 1)
        email = `${slug(first)}.${slug(last)}${n}@${domain}`;
      emails.add(email);
      const id = random.uuid();
      const profile = index === 0 || index % 3 !== 2 ? 'manager' : 'viewer';
      userRows.add([id, email, `${first} ${last}`, passwordHash, 'customer']);
      if (profile === 'manager') customer.managerIds.push(id);
      if (index === 0) customer.firstManagerEmail = email;
      for (const contract of customer.contracts) {
        for (const section of ['requests', 'inventory']) {
          grantRows.add([id, contract.id, section, profile]);
        }
      }
      users += 1;
    }
  }
  await customerRows.flush(pool);
  await contractRows.flush(pool);
  await userRows.flush(pool);
  await grantRows.flush(pool);
  // Where the schema knows invitations, a user who never set a password cannot log in:
  // these users are active from the start, as the demo accounts are.
  const activation = await pool.query(
    `SELECT 1 FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'users' AND column_name = 'activated_at'`,
  );
  if (activation.rowCount) {
    await pool.query('UPDATE users SET activated_at = created_at WHERE activated_at IS NULL');
  }
  return users;
}

function pickTerm(text: string, start: number, length: number): string {
  return text.slice(start, start + length);
}

/** Search terms from items of the contract: typed beginnings and inner fragments. */
function searchTerms(items: { reference: string; label: string }[]): {
  prefixes: string[];
  substrings: string[];
} {
  const prefixes = new Set<string>();
  const substrings = new Set<string>();
  for (const item of items) {
    prefixes.add(pickTerm(item.label, 0, random.integer(3, 7)));
    prefixes.add(item.reference.slice(0, item.reference.length - random.integer(1, 2)));
    const inner = random.integer(1, Math.max(1, item.label.length - 5));
    substrings.add(pickTerm(item.label, inner, random.integer(4, 6)));
    substrings.add(item.reference.slice(-random.integer(3, 5)));
  }
  const usable = (term: string) => term.trim().length >= 3;
  return {
    prefixes: [...prefixes].filter(usable).slice(0, 12),
    substrings: [...substrings].filter(usable).slice(0, 12),
  };
}

async function insertAssets(pool: pg.Pool, customers: Customer[]): Promise<number> {
  const pipeline = new Pipeline(pool);
  const columns = {
    id: 'uuid',
    contract_id: 'text',
    reference: 'text',
    label: 'text',
    type: 'text',
    site: 'text',
    solution: 'text',
    attributes: 'jsonb',
  };
  // Rows are written in the order a real inventory grows: each contract brings most of its
  // items when it starts (an import), the rest arrives in smaller batches later on, and
  // every customer's batches interleave with everyone else's over the years. Neither
  // packed by contract (which flatters every index) nor shuffled row by row (which no
  // inventory is, and which defeats the skipping GIN indexes rely on).
  const chunks: { at: number; rows: unknown[][] }[] = [];
  for (const customer of customers) {
    const customerSlug = slug(customer.name).slice(0, 20);
    for (const contract of customer.contracts) {
      const rows: unknown[][] = [];
      const site = random.pick(sites);
      const reservoir: { reference: string; label: string }[] = [];
      let seen = 0;
      const add = (
        reference: string,
        label: string,
        type: string,
        solution: string,
        attributes: Record<string, unknown>,
      ): string => {
        const id = random.uuid();
        rows.push([
          id,
          contract.id,
          reference,
          label,
          type,
          random.chance(0.9) ? site : random.pick(sites),
          solution,
          JSON.stringify(attributes),
        ]);
        if (contract.customer.isSample) {
          seen += 1;
          if (reservoir.length < 8) reservoir.push({ reference, label });
          else if (random.next() < 8 / seen) reservoir[random.integer(0, 7)] = { reference, label };
        }
        return id;
      };
      const total = contract.assets;
      const tenants = Math.max(1, Math.round(total * 0.01));
      const pools = total >= 10 ? Math.max(1, Math.round(total * 0.002)) : 0;
      const accesses = total >= 20 ? Math.max(1, Math.round(total * 0.002)) : 0;
      for (let k = 1; k <= tenants; k += 1) {
        const environment = environments[(k - 1) % environments.length] ?? 'prod';
        const project = `${customerSlug}-${environment}${k > environments.length ? `-${k}` : ''}`;
        const attributes = { project, region: 'eu-west-0', quotas: defaultQuotas };
        const id = add(
          `FE-${contract.id}-${k}`,
          `Service Flexible Engine ${project}`,
          'fe_tenant',
          'Flexible Engine',
          attributes,
        );
        contract.covered.push({ id, type: 'fe_tenant', attributes });
      }
      for (let k = 1; k <= pools; k += 1) {
        const attributes = { licencesHeld: random.integer(5, 200) };
        const id = add(
          `RDS-${contract.id}-${k}`,
          `Pool de licences RDS${k > 1 ? ` n°${k}` : ''}`,
          'rds_licence_pool',
          'Windows Server',
          attributes,
        );
        contract.covered.push({ id, type: 'rds_licence_pool', attributes });
      }
      for (let k = 1; k <= accesses; k += 1) {
        const attributes = { bandwidthMbps: random.pick([100, 200, 500, 1000]) };
        const id = add(
          `GIN-${contract.id}-${k}`,
          `Accès GIN ${site}${k > 1 ? ` n°${k}` : ''}`,
          'gin_access',
          'Réseau GIN',
          attributes,
        );
        contract.covered.push({ id, type: 'gin_access', attributes });
      }
      const counters = new Map<string, number>();
      const next = (key: string): number => {
        const value = (counters.get(key) ?? 0) + 1;
        counters.set(key, value);
        return value;
      };
      let host = `${random.pick(applications)}-prod-01`;
      for (let k = tenants + pools + accesses; k < total; k += 1) {
        const draw = random.next();
        if (draw < 0.5) {
          const stem = `${random.pick(applications)}-${random.pick(environments)}`;
          host = `${stem}-${String(next(stem)).padStart(2, '0')}`;
          add(`ECS-${contract.id}-${next('ECS')}`, host, 'ecs_instance', 'Flexible Engine', {
            flavour: random.pick(flavours),
            os: random.pick(['Debian 12', 'Ubuntu 24.04', 'Windows Server 2022', 'RHEL 9']),
          });
        } else if (draw < 0.8) {
          const size = random.pick([40, 100, 200, 500, 1000]);
          add(
            `EVS-${contract.id}-${next('EVS')}`,
            `Disque data${random.integer(1, 3)} de ${host} (${size} Go)`,
            'evs_volume',
            'Flexible Engine',
            { sizeGb: size },
          );
        } else if (draw < 0.92) {
          const address = `90.84.${random.integer(0, 255)}.${random.integer(1, 254)}`;
          add(
            `EIP-${contract.id}-${next('EIP')}`,
            `IP publique ${address} (${host})`,
            'eip',
            'Flexible Engine',
            {
              address,
            },
          );
        } else {
          add(
            `OBS-${contract.id}-${next('OBS')}`,
            `Bucket ${customerSlug}-${random.pick(applications)}-${random.pick(environments)}`,
            'obs_bucket',
            'Flexible Engine',
            {},
          );
        }
      }
      const start = random.next();
      const imported = Math.ceil(rows.length * 0.6);
      chunks.push({ at: start, rows: rows.slice(0, imported) });
      const batches = Math.min(8, rows.length - imported);
      for (let batch = 0; batch < batches; batch += 1) {
        chunks.push({
          at: start + random.next() * (1 - start),
          rows: rows.filter((_, index) => index >= imported && index % batches === batch),
        });
      }
      if (customer.isSample) {
        const tenant = contract.covered[0];
        if (!tenant) throw new Error(`contract ${contract.id} has no tenant`);
        contract.sample = {
          id: contract.id,
          assets: contract.assets,
          requests: 0,
          tenantId: tenant.id,
          ...searchTerms(reservoir),
        };
      }
    }
  }
  const rows = chunks.sort((a, b) => a.at - b.at).flatMap((chunk) => chunk.rows);
  for (let start = 0; start < rows.length; start += batchRows) {
    const batch = new BulkInsert('assets', columns);
    for (const row of rows.slice(start, start + batchRows)) batch.add(row);
    await pipeline.send([batch]);
    if ((start + batchRows) % 100_000 < batchRows) log(`${start + batchRows} items`);
  }
  await pipeline.drain();
  return rows.length;
}

const requestTexts = [
  'Merci d’activer les journaux d’audit CTS sur le projet de production.',
  'Ouverture du flux HTTPS sortant vers le prestataire de paie (IP fournie en pièce jointe).',
  'Ajout d’un second disque sur la VM de recette pour les tests de charge.',
  'Création d’un VPC dédié à la nouvelle application de gestion documentaire.',
  'Augmentation de la rétention des sauvegardes à 35 jours pour le périmètre comptable.',
  'Modification de la règle de pare-feu pour autoriser le bastion sur le port 22.',
  'Mise en place d’un équilibreur de charge devant les frontaux web.',
  'Renouvellement du certificat TLS du portail client avant expiration.',
];

const justifications = [
  'Montée en charge de la plateforme e-commerce avant les soldes.',
  'Nouveau projet de migration des serveurs applicatifs du datacenter historique.',
  'Ouverture d’un environnement de formation pour les équipes support.',
  'Hausse du nombre d’utilisateurs suite au rachat d’une filiale.',
];

function valuesFor(article: Article, asset: CoveredAsset): Record<string, unknown> {
  const attributes = asset.attributes;
  switch (article.code) {
    case 'modifier-mes-quotas': {
      const quotaType = random.pick(['vcpus', 'ram_mib', 'instances', 'floating_ips']);
      return {
        region: 'eu-west-0',
        project: attributes['project'],
        lines: [{ quotaType, requested: (defaultQuotas[quotaType] ?? 10) * random.integer(2, 4) }],
        justification: random.pick(justifications),
      };
    }
    case 'ajouter-des-licences-rds':
      return { licencesHeld: attributes['licencesHeld'] ?? 0, quantity: random.integer(1, 50) };
    case 'supprimer-des-licences-rds':
      return { licencesHeld: attributes['licencesHeld'] ?? 0, quantity: random.integer(1, 5) };
    case 'modifier-mon-acces-gin':
      return {
        changeType: random.pick(['add_network', 'bandwidth', 'other']),
        networkDetails: `Réseau 10.${random.integer(0, 255)}.0.0/16, VLAN ${random.integer(100, 999)}`,
      };
    case 'demande-hors-catalogue':
      return { subject: 'Étude d’architecture', description: random.pick(requestTexts) };
    default:
      return { details: random.pick(requestTexts) };
  }
}

const articlesByType: Record<CoveredAsset['type'], [key: string, weight: number][]> = {
  fe_tenant: [
    ['standard/modifier-mes-quotas', 40],
    ['standard/faire-une-autre-demande', 25],
    ['licences-rds/ajouter-des-licences-rds', 8],
    ['licences-rds/supprimer-des-licences-rds', 5],
    ['acces-gin/modifier-mon-acces-gin', 7],
    ['ucb-fe-autres-demandes/demande-hors-catalogue', 15],
  ],
  rds_licence_pool: [
    ['licences-rds/ajouter-des-licences-rds', 55],
    ['licences-rds/supprimer-des-licences-rds', 30],
    ['ucb-fe-autres-demandes/demande-hors-catalogue', 15],
  ],
  gin_access: [
    ['acces-gin/modifier-mon-acces-gin', 85],
    ['ucb-fe-autres-demandes/demande-hors-catalogue', 15],
  ],
};

function weighted<T>(choices: [T, number][]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let draw = random.next() * total;
  for (const [choice, weight] of choices) {
    draw -= weight;
    if (draw < 0) return choice;
  }
  const last = choices.at(-1);
  if (!last) throw new Error('no choice');
  return last[0];
}

const day = 86_400_000;

/** Where a confirmed request stands now, given its age: old ones are mostly finished. */
function statusFor(first: 'submitted' | 'quote_pending', ageDays: number): string {
  if (first === 'quote_pending') {
    if (ageDays > 45)
      return weighted([
        ['done', 70],
        ['cancelled', 15],
        ['rejected', 15],
      ]);
    return weighted([
      ['quote_pending', 30],
      ['quote_sent', 30],
      ['in_progress', 25],
      ['done', 15],
    ]);
  }
  if (ageDays > 30)
    return weighted([
      ['done', 88],
      ['rejected', 6],
      ['cancelled', 6],
    ]);
  if (ageDays > 7) {
    return weighted([
      ['in_progress', 40],
      ['done', 45],
      ['in_review', 10],
      ['submitted', 5],
    ]);
  }
  return weighted([
    ['submitted', 40],
    ['in_review', 25],
    ['in_progress', 25],
    ['done', 10],
  ]);
}

function referenceFor(year: number): string | null {
  if (!random.chance(0.3)) return null;
  switch (random.integer(0, 3)) {
    case 0:
      return `PRJ-${year}-${String(random.integer(1, 999)).padStart(3, '0')}`;
    case 1:
      return `DSI-${random.integer(10_000, 99_999)}`;
    case 2:
      return `INC${random.integer(1_000_000, 9_999_999)}`;
    default:
      return `BC-${year}-${String(random.integer(1, 9999)).padStart(4, '0')}`;
  }
}

async function insertRequests(
  pool: pg.Pool,
  customers: Customer[],
  articles: Map<string, Article>,
): Promise<{ requests: number; events: number; usage: Map<string, number> }> {
  const startCounters = await pool.query<{ year: number; last: number }>(
    'SELECT year, last FROM request_counters',
  );
  const sequences = new Map(startCounters.rows.map((row) => [row.year, row.last]));
  const contracts = customers.flatMap((customer) => customer.contracts);
  const cumulative = new Float64Array(contracts.length);
  contracts.reduce((sum, contract, index) => (cumulative[index] = sum + contract.assets), 0);
  const weightTotal = cumulative[contracts.length - 1] ?? 0;
  const pickContract = (): Contract => {
    const draw = random.next() * weightTotal;
    let low = 0;
    let high = contracts.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] ?? 0) > draw) high = middle;
      else low = middle + 1;
    }
    const contract = contracts[low];
    if (!contract) throw new Error('no contract');
    return contract;
  };
  const requestColumns = {
    id: 'uuid',
    number: 'text',
    contract_id: 'text',
    asset_id: 'uuid',
    catalog_id: 'uuid',
    article_id: 'uuid',
    article_version_id: 'uuid',
    values: 'jsonb',
    customer_reference: 'text',
    comment: 'text',
    status: 'text',
    billing: 'jsonb',
    billing_month: 'date',
    author_id: 'uuid',
    version: 'int',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    submitted_at: 'timestamptz',
    issued_at: 'timestamptz',
  };
  const eventColumns = {
    request_id: 'uuid',
    at: 'timestamptz',
    actor_id: 'uuid',
    kind: 'text',
    from_status: 'text',
    to_status: 'text',
    data: 'jsonb',
  };
  const pipeline = new Pipeline(pool);
  let requests = new BulkInsert('requests', requestColumns);
  let events = new BulkInsert('request_events', eventColumns);
  let eventCount = 0;
  const usage = new Map<string, number>();
  const start = now.getTime() - 3 * 365 * day;
  const span = now.getTime() - 60_000 - start;
  const choices = new Map(
    Object.entries(articlesByType).map(([type, list]) => [
      type,
      list.map(([key, weight]): [Article, number] => {
        const article = articles.get(key);
        if (!article) throw new Error(`article ${key} is not seeded`);
        return [article, weight];
      }),
    ]),
  );
  for (let index = 0; index < parameters.requests; index += 1) {
    const issuedAt = new Date(start + ((index + random.next()) / parameters.requests) * span);
    const ageDays = (now.getTime() - issuedAt.getTime()) / day;
    const contract = pickContract();
    const asset = random.pick(contract.covered);
    const article = weighted(choices.get(asset.type) ?? []);
    const authorId = random.pick(contract.customer.managerIds);
    const id = random.uuid();
    const isDraft = random.chance(0.03);
    const month = parisMonth(issuedAt);
    const year = Number(month.slice(0, 4));
    const values = JSON.stringify(valuesFor(article, asset));
    const reference = referenceFor(year);
    const comment = random.chance(0.1) ? 'Merci de traiter en heures ouvrées.' : null;
    contract.requests += 1;
    contract.customer.requests += 1;
    if (isDraft) {
      const at = issuedAt.toISOString();
      requests.add([
        id,
        null,
        contract.id,
        asset.id,
        article.catalogId,
        article.articleId,
        article.versionId,
        values,
        reference,
        comment,
        'draft',
        null,
        null,
        authorId,
        1,
        at,
        at,
        null,
        at,
      ]);
      events.add([id, at, authorId, 'created', null, 'draft', '{}']);
      eventCount += 1;
    } else {
      let usedThisMonth = contract.freeChangesPerMonth;
      if (article.billingMode === 'counted') {
        const key = `${contract.id}|${month}`;
        const used = usage.get(key) ?? 0;
        if (used < contract.freeChangesPerMonth) {
          usage.set(key, used + 1);
          usedThisMonth = used;
        }
      }
      const decision = decideBilling({
        mode: article.billingMode,
        priceTokens: article.priceTokens,
        freeChangesPerMonth: contract.freeChangesPerMonth,
        usedThisMonth,
        outsideBusinessHours: false,
      });
      const billing =
        decision.kind === 'billable'
          ? { ...decision, priceEur: decision.priceTokens * contract.tokenPriceEur }
          : decision;
      const sequence = (sequences.get(year) ?? 0) + 1;
      sequences.set(year, sequence);
      const first = decision.kind === 'quote' ? 'quote_pending' : 'submitted';
      const status = statusFor(first, ageDays);
      const wasDraft = random.chance(0.3);
      const createdAt = wasDraft
        ? new Date(issuedAt.getTime() - random.integer(5, 4320) * 60_000)
        : issuedAt;
      const updatedAt =
        status === first
          ? issuedAt
          : new Date(
              Math.min(now.getTime(), issuedAt.getTime() + random.integer(1, 20 * 24) * 3_600_000),
            );
      const at = issuedAt.toISOString();
      requests.add([
        id,
        formatRequestNumber(year, sequence),
        contract.id,
        asset.id,
        article.catalogId,
        article.articleId,
        article.versionId,
        values,
        reference,
        comment,
        status,
        JSON.stringify(billing),
        month,
        authorId,
        wasDraft ? 2 : 1,
        createdAt.toISOString(),
        updatedAt.toISOString(),
        at,
        at,
      ]);
      events.add([id, createdAt.toISOString(), authorId, 'created', null, 'draft', '{}']);
      events.add([id, at, authorId, 'confirmed', 'draft', first, JSON.stringify({ billing })]);
      eventCount += 2;
      if (status !== first) {
        events.add([id, updatedAt.toISOString(), null, 'status_changed', first, status, '{}']);
        eventCount += 1;
      }
    }
    if (requests.size >= batchRows) {
      await pipeline.send([requests, events]);
      requests = new BulkInsert('requests', requestColumns);
      events = new BulkInsert('request_events', eventColumns);
      if ((index + 1) % 100_000 < batchRows) log(`${index + 1} requests`);
    }
  }
  await pipeline.send([requests, events]);
  await pipeline.drain();
  const counters = new BulkInsert('request_counters', { year: 'int', last: 'int' });
  for (const [year, last] of sequences) counters.add([year, last]);
  await pool.query('DELETE FROM request_counters');
  await counters.flush(pool);
  return { requests: parameters.requests, events: eventCount, usage };
}

async function insertUsage(pool: pg.Pool, usage: Map<string, number>): Promise<void> {
  let rows = new BulkInsert('free_change_usage', {
    contract_id: 'text',
    month: 'date',
    used: 'int',
  });
  for (const [key, used] of usage) {
    const [contractId, month] = key.split('|');
    rows.add([contractId, month, used]);
    if (rows.size >= batchRows) {
      await rows.flush(pool);
      rows = new BulkInsert('free_change_usage', {
        contract_id: 'text',
        month: 'date',
        used: 'int',
      });
    }
  }
  await rows.flush(pool);
}

function manifestUsers(customers: Customer[]): SampleUser[] {
  return customers
    .filter((customer) => customer.isSample)
    .map((customer) => ({
      email: customer.firstManagerEmail,
      customerName: customer.name,
      customerRank: customer.rank,
      customerAssets: customer.assets,
      customerRequests: customer.requests,
      contracts: customer.contracts.flatMap((contract) =>
        contract.sample ? [{ ...contract.sample, requests: contract.requests }] : [],
      ),
    }));
}

const target = benchTarget();
const database = await openDatabase(target, { reset: args.reset });
log(
  `${target.engine === 'server' ? `DATABASE_URL (PostgreSQL ${database.version})` : `embedded PostgreSQL ${database.version} in ${target.dataDir}`}: ${JSON.stringify(parameters)}`,
);
const pool = new pg.Pool({ connectionString: database.url, max: 3 });
// the embedded server's shutdown ends clients the pool still holds: not an error by then
pool.on('error', () => undefined);
try {
  await prepareSchema(database.url);
  const articles = await loadArticles(pool);
  const customers = buildCustomers();
  const users = await insertAccounts(pool, customers);
  log(`${customers.length} customers, ${users} users`);
  const assets = await insertAssets(pool, customers);
  log(`${assets} items written`);
  const { requests, events, usage } = await insertRequests(pool, customers, articles);
  await insertUsage(pool, usage);
  log(`${requests} requests and ${events} events written`);
  const manifest: DatasetManifest = {
    generatedAt: now.toISOString(),
    parameters,
    counts: {
      customers: customers.length,
      contracts: customers.reduce((sum, customer) => sum + customer.contracts.length, 0),
      users,
      assets,
      requests,
      events,
    },
    seconds: Math.round((performance.now() - started) / 1000),
    password: demoPassword,
    users: manifestUsers(customers),
  };
  await pool.query(
    'CREATE TABLE IF NOT EXISTS bench_dataset (id int PRIMARY KEY, manifest jsonb NOT NULL)',
  );
  await pool.query(
    'INSERT INTO bench_dataset (id, manifest) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET manifest = EXCLUDED.manifest',
    [JSON.stringify(manifest)],
  );
  log('VACUUM ANALYZE (statistics and visibility map for the planner)');
  await pool.query('VACUUM (ANALYZE)');
  const size = await pool.query<{ size: string }>(
    'SELECT pg_size_pretty(pg_database_size(current_database())) AS size',
  );
  log(`done: ${JSON.stringify(manifest.counts)}, database ${size.rows[0]?.size}`);
} finally {
  await pool.end();
  await database.close();
}
