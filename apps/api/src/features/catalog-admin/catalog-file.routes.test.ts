import {
  ArticleExecutionView,
  CatalogExport,
  CatalogImportResult,
  CatalogList,
  WebhookSubscriptionWithSecret,
} from '@guichet/contracts';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { CatalogFile } from '@guichet/contracts';
import { createHarness, demo, errorOf, stableId, bodyOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import { licenceForm, uniqueCode } from '../../test/catalog-builders.ts';
import { demoAdminEmail } from '../../test/operator-builders.ts';
import { seedCatalogs } from '../../seed/catalogs.ts';
import { canonicalJson } from './catalog-admin.service.ts';
import { articlePaths, parseCatalogFile } from './catalog-file.ts';

let h: Harness;
let manager: string;

beforeAll(async () => {
  // Executors on loopback, for the articles' execution (their deliveries are never sent here).
  h = await createHarness({ config: { webhooksAllowPrivate: true } });
  manager = await h.login('catalogue@guichet.example');
});
afterAll(() => h.close());

async function exported(): Promise<string> {
  const response = await h.app.inject({
    method: 'GET',
    url: '/api/back-office/catalogs/export',
    headers: { cookie: manager },
  });
  expect(response.statusCode, response.body).toBe(200);
  expect(bodyOf(response, CatalogExport).fileName).toMatch(
    /^guichet-catalogues-\d{4}-\d{2}-\d{2}\.yaml$/,
  );
  return bodyOf(response, CatalogExport).yaml;
}

function importing(yaml: string, apply: boolean) {
  return h.app.inject({
    method: 'POST',
    url: '/api/back-office/catalogs/import',
    headers: { cookie: manager },
    payload: { yaml, apply },
  });
}

/** Everything an import could change: catalogs, categories, articles and their versions. */
async function snapshot() {
  const { db } = h.database;
  return canonicalJson({
    catalogs: await db.selectFrom('catalogs').selectAll().orderBy('id').execute(),
    categories: await db.selectFrom('categories').selectAll().orderBy('id').execute(),
    articles: await db.selectFrom('articles').selectAll().orderBy('id').execute(),
    versions: await db
      .selectFrom('article_versions')
      .select(['id', 'article_id', 'version', 'form'])
      .orderBy('id')
      .execute(),
  });
}

const seedFile = readFileSync(new URL('../../seed/catalogs.yaml', import.meta.url), 'utf8');

describe('the seeded catalogs come from a catalogs file', () => {
  it('holds the four catalogs of the guide, with the codes and ids other features rely on', () => {
    expect(seedCatalogs.map((catalog) => catalog.code)).toEqual([
      'standard',
      'licences-rds',
      'acces-gin',
      'ucb-fe-autres-demandes',
    ]);
    expect(
      seedCatalogs.flatMap((catalog) =>
        [...catalog.categories.flatMap((category) => category.articles), ...catalog.articles].map(
          (article) => stableId(`article:${catalog.code}:${article.code}`),
        ),
      ),
    ).toEqual([
      demo.quotas,
      demo.other,
      demo.rdsAdd,
      demo.rdsRemove,
      demo.ginChange,
      demo.offCatalog,
    ]);
  });

  it('is what the export writes of a freshly seeded database', async () => {
    const file = await exported();
    expect(canonicalJson(parseCatalogFile(file))).toBe(canonicalJson(parseCatalogFile(seedFile)));
  });
});

describe('round trip', () => {
  it('export → import of the seeded catalogs changes nothing', async () => {
    const before = await snapshot();
    const file = await exported();
    const diff = await importing(file, false);
    expect(diff.statusCode, diff.body).toBe(200);
    expect(diff.json()).toEqual({ applied: false, changes: [] });
    const applied = await importing(file, true);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toEqual({ applied: true, changes: [] });
    expect(await snapshot()).toBe(before);
  });

  it('reads a file larger than other bodies may be (comments included)', async () => {
    const padded = `${'# '.padEnd(99, '-')}\n`.repeat(3000) + (await exported());
    expect(padded.length).toBeGreaterThan(256 * 1024);
    const diff = await importing(padded, false);
    expect(diff.statusCode, diff.body.slice(0, 200)).toBe(200);
    expect(bodyOf(diff, CatalogImportResult).changes).toEqual([]);
  });

  it('is not fooled by the order of keys in the file', async () => {
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value as Record<string, unknown>)
                .reverse()
                .map(([key, inner]) => [key, reversed(inner)]),
            )
          : value;
    const diff = await importing(stringify(reversed(parse(await exported()))), false);
    expect(bodyOf(diff, CatalogImportResult).changes).toEqual([]);
  });
});

describe('import', () => {
  it('says what it would change, writes nothing until applied, then publishes new versions', async () => {
    const file = parse(await exported()) as CatalogFile;
    const standard = file.catalogs.find((catalog) => catalog.code === 'standard');
    const rds = file.catalogs.find((catalog) => catalog.code === 'licences-rds');
    if (!standard || !rds) throw new Error('seed catalogs missing');
    standard.offers = ['Flexible Engine', 'Cloud Avenue'];
    const other = standard.categories[1]?.articles[0];
    if (!other) throw new Error('seed article missing');
    other.priceTokens = 4;
    const code = uniqueCode('imported');
    rds.articles.push({
      code: 'licences-temporaires',
      name: { fr: 'Licences temporaires', en: 'Temporary licences' },
      billingMode: 'quote',
      priceTokens: 0,
      form: licenceForm,
    });
    file.catalogs.push({
      code,
      name: { fr: 'Catalogue importé', en: 'Imported catalog' },
      assetTypes: ['gin_access'],
      offers: ['Flexible Engine'],
      contractIds: [],
      categories: [{ code: 'reseau', name: { fr: 'Réseau', en: 'Network' }, articles: [] }],
      articles: [],
    });
    const text = stringify(file);
    const before = await snapshot();

    const diff = await importing(text, false);
    expect(diff.statusCode, diff.body).toBe(200);
    const expected = [
      { action: 'update', target: 'catalog', path: 'standard', fields: ['offers'] },
      {
        action: 'publish',
        target: 'article',
        path: 'standard/faire-une-autre-demande',
        fields: ['priceTokens'],
        version: 2,
      },
      {
        action: 'create',
        target: 'article',
        path: 'licences-rds/licences-temporaires',
        fields: [],
        version: 1,
      },
      { action: 'create', target: 'catalog', path: code, fields: [] },
      { action: 'create', target: 'category', path: `${code}/reseau`, fields: [] },
    ];
    expect(diff.json()).toEqual({ applied: false, changes: expected });
    expect(await snapshot()).toBe(before);

    const applied = await importing(text, true);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toEqual({ applied: true, changes: expected });

    const catalogs = await h.app.inject({
      method: 'GET',
      url: '/api/contracts/OCB0005121/catalogs',
      headers: { cookie: await h.login('gestionnaire@acme.example') },
    });
    const items = bodyOf(catalogs, CatalogList).items as {
      code: string;
      articles: { code: string; version: number; priceTokens: number }[];
      categories: { articles: { code: string; version: number; priceTokens: number }[] }[];
    }[];
    const otherNow = items
      .find((catalog) => catalog.code === 'standard')
      ?.categories.flatMap((category) => category.articles)
      .find((article) => article.code === 'faire-une-autre-demande');
    expect(otherNow).toMatchObject({ version: 2, priceTokens: 4 });
    expect(
      items
        .find((catalog) => catalog.code === 'licences-rds')
        ?.articles.map((article) => article.code),
    ).toContain('licences-temporaires');
    expect(items.map((catalog) => catalog.code)).toContain(code);

    // the import is now the state: importing it again changes nothing
    expect(bodyOf(await importing(text, false), CatalogImportResult).changes).toEqual([]);
  });

  it('reorders catalogs as the file lists them', async () => {
    const file = parse(await exported()) as CatalogFile;
    file.catalogs.reverse();
    const text = stringify(file);
    const diff = bodyOf(await importing(text, true), CatalogImportResult);
    expect(diff.changes.length).toBeGreaterThan(0);
    expect(diff.changes.every((change) => change.fields.includes('position'))).toBe(true);
    expect(parseCatalogFile(await exported()).catalogs.map((catalog) => catalog.code)).toEqual(
      file.catalogs.map((catalog) => catalog.code),
    );
    expect(bodyOf(await importing(text, false), CatalogImportResult).changes).toEqual([]);
  });

  it.each<[string, string, string]>([
    ['YAML that does not parse', 'catalogs: [\n  - code: x\n', 'yaml'],
    ['a file without catalogs', 'articles: []\n', 'catalogs'],
    [
      'an article without a billing mode',
      stringify({
        catalogs: [
          {
            code: 'x',
            name: { fr: 'X', en: 'X' },
            assetTypes: ['fe_tenant'],
            articles: [
              { code: 'a', name: { fr: 'A', en: 'A' }, priceTokens: 0, form: { fields: [] } },
            ],
          },
        ],
      }),
      'catalogs.0.articles.0.billingMode',
    ],
    [
      'two catalogs with one code',
      stringify({
        catalogs: [1, 2].map(() => ({
          code: 'twice',
          name: { fr: 'X', en: 'X' },
          assetTypes: ['fe_tenant'],
        })),
      }),
      'catalogs.1.code',
    ],
    [
      'a form the linter refuses',
      stringify({
        catalogs: [
          {
            code: 'x',
            name: { fr: 'X', en: 'X' },
            assetTypes: ['fe_tenant'],
            articles: [
              {
                code: 'a',
                name: { fr: 'A', en: 'A' },
                billingMode: 'included',
                priceTokens: 0,
                form: {
                  fields: [{ key: 'p', kind: 'text', label: { fr: 'P', en: 'P' }, pattern: '(' }],
                },
              },
            ],
          },
        ],
      }),
      'catalogs.0.articles.0.form.fields.0.pattern',
    ],
  ])('refuses %s, field by field, and writes nothing', async (_name, yaml, path) => {
    const before = await snapshot();
    const response = await importing(yaml, true);
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('validation_failed');
    expect(errorOf(response).details?.map((detail) => detail.path)).toContain(path);
    expect(await snapshot()).toBe(before);
  });

  it('is for catalog managers only', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/back-office/catalogs/import',
      headers: { cookie: await h.login('agent@guichet.example') },
      payload: { yaml: seedFile, apply: true },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('an article version’s execution in the file (decision 0032)', () => {
  let admin: string;
  let executorId: string;

  beforeAll(async () => {
    admin = await h.login(demoAdminEmail);
    executorId = (await subscribe({ kind: 'executor', eventTypes: ['execution.requested'] })).id;
  });

  async function subscribe(body: Record<string, unknown>) {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/back-office/webhooks',
      headers: { cookie: admin },
      payload: { url: 'http://127.0.0.1:9/executor', ...body },
    });
    expect(response.statusCode, response.body).toBe(201);
    return bodyOf(response, WebhookSubscriptionWithSecret);
  }

  /** The article of that code in a parsed file, and its path there. */
  function articleIn(file: CatalogFile, code: string) {
    for (const [index, catalog] of file.catalogs.entries()) {
      const found = articlePaths(catalog, `catalogs.${index}`).find(
        (entry) => entry.article.code === code,
      );
      if (found) return found;
    }
    throw new Error(`no article ${code} in the file`);
  }

  async function publishedVersion(articleId: string): Promise<number> {
    const row = await h.database.db
      .selectFrom('articles')
      .innerJoin('article_versions', 'article_versions.id', 'articles.current_version_id')
      .select('article_versions.version')
      .where('articles.id', '=', articleId)
      .executeTakeFirstOrThrow();
    return row.version;
  }

  async function settingOf(articleId: string, version?: number) {
    const response = await h.app.inject({
      method: 'GET',
      url: `/api/back-office/articles/${articleId}/versions/${version ?? (await publishedVersion(articleId))}/execution`,
      headers: { cookie: manager },
    });
    expect(response.statusCode, response.body).toBe(200);
    return bodyOf(response, ArticleExecutionView);
  }

  async function markAutomatic(articleId: string, timeLimitMinutes: number) {
    const response = await h.app.inject({
      method: 'PUT',
      url: `/api/back-office/articles/${articleId}/versions/${await publishedVersion(articleId)}/execution`,
      headers: { cookie: manager },
      payload: { mode: 'automatic', executorId, timeLimitMinutes },
    });
    expect(response.statusCode, response.body).toBe(200);
  }

  const quotasPath = 'standard/modifier-mes-quotas';

  it('round-trips: exported, imported unchanged, manual again then automatic again, shown in the diff', async () => {
    await markAutomatic(demo.quotas, 15);
    const text = await exported();
    const file = parseCatalogFile(text);
    expect(articleIn(file, 'modifier-mes-quotas').article.execution).toEqual({
      mode: 'automatic',
      executor: executorId,
      timeLimitMinutes: 15,
    });
    // the other articles stay manual: the key is left out of them
    expect(articleIn(file, 'faire-une-autre-demande').article).not.toHaveProperty('execution');
    expect(bodyOf(await importing(text, true), CatalogImportResult).changes).toEqual([]);
    expect(await settingOf(demo.quotas)).toMatchObject({ mode: 'automatic', executorId });

    // Left out: manual (the dry run says so, and nothing changes until applied).
    delete articleIn(file, 'modifier-mes-quotas').article.execution;
    const manual = stringify(file);
    const update = { action: 'update', target: 'article', path: quotasPath, fields: ['execution'] };
    expect(bodyOf(await importing(manual, false), CatalogImportResult).changes).toEqual([update]);
    expect((await settingOf(demo.quotas)).mode).toBe('automatic');
    expect(bodyOf(await importing(manual, true), CatalogImportResult).changes).toEqual([update]);
    expect(await settingOf(demo.quotas)).toMatchObject({ mode: 'manual', executorId: null });
    expect(parseCatalogFile(await exported())).toEqual(parseCatalogFile(manual));

    // Named again, with another time limit: the published version is automatic again.
    articleIn(file, 'modifier-mes-quotas').article.execution = {
      mode: 'automatic',
      executor: executorId,
      timeLimitMinutes: 45,
    };
    const automatic = stringify(file);
    expect(bodyOf(await importing(automatic, true), CatalogImportResult).changes).toEqual([update]);
    expect(await settingOf(demo.quotas)).toMatchObject({
      mode: 'automatic',
      executorId,
      timeLimitMinutes: 45,
    });

    // A new version (its price changed) takes the file's execution with it.
    const version = await publishedVersion(demo.quotas);
    const quotas = articleIn(file, 'modifier-mes-quotas').article;
    quotas.priceTokens += 1;
    const republished = bodyOf(await importing(stringify(file), true), CatalogImportResult);
    expect(republished.changes).toEqual([
      {
        action: 'publish',
        target: 'article',
        path: quotasPath,
        fields: ['priceTokens'],
        version: version + 1,
      },
    ]);
    expect(await settingOf(demo.quotas, version + 1)).toMatchObject({
      mode: 'automatic',
      executorId,
      timeLimitMinutes: 45,
    });
    expect(parseCatalogFile(await exported())).toEqual(parseCatalogFile(stringify(file)));

    // Put back as the seed had it, for the tests after this one.
    quotas.priceTokens -= 1;
    delete quotas.execution;
    const restored = bodyOf(await importing(stringify(file), true), CatalogImportResult);
    expect(restored.changes).toEqual([
      {
        action: 'publish',
        target: 'article',
        path: quotasPath,
        fields: ['priceTokens', 'execution'],
        version: version + 2,
      },
    ]);
    expect((await settingOf(demo.quotas)).mode).toBe('manual');
  });

  it('creates an article without the key as today: manual', async () => {
    const file = parseCatalogFile(await exported());
    const code = uniqueCode('sans-execution');
    file.catalogs[0]?.articles.push({
      code,
      name: { fr: 'Sans exécution', en: 'No execution' },
      billingMode: 'included',
      priceTokens: 0,
      form: licenceForm,
    });
    const changes = bodyOf(await importing(stringify(file), true), CatalogImportResult).changes;
    expect(changes).toEqual([
      {
        action: 'create',
        target: 'article',
        path: `${file.catalogs[0]?.code ?? ''}/${code}`,
        fields: [],
        version: 1,
      },
    ]);
    const created = await h.database.db
      .selectFrom('articles')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(await settingOf(created.id, 1)).toMatchObject({ mode: 'manual', executorId: null });
    expect(articleIn(parseCatalogFile(await exported()), code).article).not.toHaveProperty(
      'execution',
    );
  });

  it('creates an automatic article, the diff naming its execution', async () => {
    const file = parseCatalogFile(await exported());
    const code = uniqueCode('automatique');
    file.catalogs[0]?.articles.push({
      code,
      name: { fr: 'Automatique', en: 'Automatic' },
      billingMode: 'included',
      priceTokens: 0,
      execution: { mode: 'automatic', executor: executorId, timeLimitMinutes: 5 },
      form: licenceForm,
    });
    const diff = bodyOf(await importing(stringify(file), false), CatalogImportResult).changes;
    expect(diff).toEqual([
      {
        action: 'create',
        target: 'article',
        path: `${file.catalogs[0]?.code ?? ''}/${code}`,
        fields: ['execution'],
        version: 1,
      },
    ]);
    await importing(stringify(file), true);
    const created = await h.database.db
      .selectFrom('articles')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(await settingOf(created.id, 1)).toMatchObject({
      mode: 'automatic',
      executorId,
      timeLimitMinutes: 5,
    });
  });

  it.each<[string, () => Promise<string>, string, string]>([
    [
      'an executor that does not exist',
      () => Promise.resolve('00000000-0000-4000-8000-000000000000'),
      'modifier-mes-quotas',
      'executor_missing',
    ],
    [
      'a subscription of events',
      async () => (await subscribe({ eventTypes: ['request.done'] })).id,
      'modifier-mes-quotas',
      'executor_missing',
    ],
    [
      'an article on quote',
      () => Promise.resolve(executorId),
      'demande-hors-catalogue',
      'quote_article',
    ],
  ])('refuses %s, at its path in the file, and writes nothing', async (_, id, code, rule) => {
    const executor = await id();
    const file = parseCatalogFile(await exported());
    const { article, path } = articleIn(file, code);
    article.execution = { mode: 'automatic', executor, timeLimitMinutes: 30 };
    const before = await snapshot();
    for (const apply of [false, true]) {
      const response = await importing(stringify(file), apply);
      expect(response.statusCode, response.body).toBe(400);
      expect(errorOf(response).code).toBe('validation_failed');
      expect(errorOf(response).details).toEqual([
        expect.objectContaining({ path: `${path}.execution.executor`, rule }),
      ]);
    }
    expect(await snapshot()).toBe(before);
    expect((await settingOf(demo.quotas)).mode).toBe('manual');
  });

  it('refuses a malformed execution by the file’s shape, at its path', async () => {
    const file = parseCatalogFile(await exported());
    const { article, path } = articleIn(file, 'modifier-mes-quotas');
    (article as { execution: unknown }).execution = {
      mode: 'automatic',
      executor: executorId,
      timeLimitMinutes: 0,
    };
    const response = await importing(stringify(file), false);
    expect(response.statusCode, response.body).toBe(400);
    expect(errorOf(response).details?.map((detail) => detail.path)).toContain(
      `${path}.execution.timeLimitMinutes`,
    );
  });
});
