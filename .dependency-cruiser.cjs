/**
 * What may import what (shared/STYLE.md), checked by `npm run lint` (decision 0020).
 * Paths are relative to the repository root; `$1` in a `to` refers to the `from` group.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const tests = '(\\.test\\.tsx?$|^apps/api/src/test/|^test/|^bench/|^e2e/)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles (type-only imports included).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-undeclared',
      comment:
        "Every npm package a file imports is declared in its own workspace's package.json " +
        '(the closest one: apps/api, apps/web, packages/*, e2e, or the root for bench/ and test/).',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'domain-is-pure',
      comment: '`domain` imports nothing but itself: no package, no Node module.',
      severity: 'error',
      from: { path: '^packages/domain/src/', pathNot: tests },
      to: { pathNot: '^packages/domain/src/' },
    },
    {
      name: 'contracts-import-domain-only',
      comment: '`contracts` may import `domain` (and zod), nothing else of ours.',
      severity: 'error',
      from: { path: '^packages/contracts/src/' },
      to: { path: '^(apps/|packages/(db)/)' },
    },
    {
      name: 'db-imports-neither',
      comment: '`db` imports neither `domain` nor `contracts` (nor the apps).',
      severity: 'error',
      from: { path: '^packages/db/src/' },
      to: { path: '^(apps/|packages/(domain|contracts)/)' },
    },
    {
      name: 'web-not-db-nor-api',
      comment: '`apps/web` imports `domain` and `contracts`, never `db` nor API code.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^(apps/api/|packages/db/)|^node_modules/(kysely|pg|fastify|@fastify)/' },
    },
    {
      name: 'web-features-apart',
      comment: 'In the web app, features do not import each other: `app/` composes them.',
      severity: 'error',
      from: { path: '^apps/web/src/features/([^/]+)/' },
      to: { path: '^apps/web/src/features/', pathNot: '^apps/web/src/features/$1/' },
    },
    {
      name: 'web-shared-layer-below-features',
      comment: '`components/ui` and `lib` are shared: they import no feature and not `app/`.',
      severity: 'error',
      from: { path: '^apps/web/src/(components|lib)/' },
      to: { path: '^apps/web/src/(features|app)/' },
    },
    {
      name: 'api-feature-repository-is-private',
      comment:
        "A feature never reaches another feature's repository: it calls that feature's service.",
      severity: 'error',
      from: { path: '^apps/api/src/features/([^/]+)/', pathNot: tests },
      to: {
        path: '^apps/api/src/features/[^/]+/.+\\.repository\\.ts$',
        pathNot: '^apps/api/src/features/$1/',
      },
    },
    {
      name: 'api-repositories-from-features-only',
      comment:
        "Outside features/, only the composition (app.ts, main.ts, CLIs), jobs/ and tests reach a feature's repository.",
      severity: 'error',
      from: { path: '^apps/api/src/(http|lib)/', pathNot: tests },
      to: { path: '^apps/api/src/features/[^/]+/.+\\.repository\\.ts$' },
    },
    {
      name: 'kysely-in-repositories',
      comment:
        'Only `*.repository.ts` and `packages/db` hold SQL (kysely); tests, bench and reliability ' +
        'scripts may inspect the database directly.',
      severity: 'error',
      from: { pathNot: ['\\.repository\\.ts$', '^packages/db/src/', tests] },
      to: { path: '^node_modules/kysely/' },
    },
    {
      name: 'fastify-in-routes-and-http',
      comment:
        'Only `*.routes.ts`, `http/` and the composition (app.ts, main.ts) touch Fastify; tests drive it.',
      severity: 'error',
      from: {
        pathNot: [
          '\\.routes\\.ts$',
          '^apps/api/src/http/',
          '^apps/api/src/(app|main)\\.ts$',
          tests,
        ],
      },
      to: { path: '^node_modules/(fastify|@fastify/[^/]+|fastify-type-provider-zod)/' },
    },
    {
      name: 'api-not-imported-by-packages',
      comment: 'Packages never import an app.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^(apps|packages)/[^/]+/dist/', '^data/', '^bench/results/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    cache: false,
  },
};
