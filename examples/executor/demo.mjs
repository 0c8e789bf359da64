// Runs the reference executor against the demo
// (`WEBHOOKS_ALLOW_PRIVATE=true ADMINS_REQUIRE_TWO_FACTOR=false npm start`),
// after setting the provider's side up as its admin would, through Guichet's API:
//   1. logs in as the demo admin (ADMIN_EMAIL, ADMIN_PASSWORD);
//   2. creates an operator API token for the executor (shown once);
//   3. subscribes this executor (http://HOST:PORT/executions) as a webhook of kind `executor`
//      (its signing secret shown once);
//   4. marks the current version of « Modifier mes quotas » automatic, naming that executor
//      (TIME_LIMIT_MINUTES, default 30) — refused by Guichet when no executor is configured;
//   5. starts executor.mjs with what it needs.
// On Ctrl-C the article goes back to manual and the subscription is deleted.
const guichetUrl = (process.env.GUICHET_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
const email = process.env.ADMIN_EMAIL ?? 'admin@guichet.example';
const password = process.env.ADMIN_PASSWORD ?? 'Demo.Guichet.2026';
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 4100);
const timeLimitMinutes = Number(process.env.TIME_LIMIT_MINUTES ?? 30);
const customerEmail = process.env.CUSTOMER_EMAIL ?? 'gestionnaire@acme.example';
const contract = process.env.CONTRACT ?? 'OCB0005121';

async function session(who) {
  const response = await fetch(`${guichetUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: who, password }),
  });
  if (response.status === 202) {
    throw new Error(
      `log in as ${who}: a second factor is asked (admins always need one): start Guichet with ADMINS_REQUIRE_TWO_FACTOR=false for this demo`,
    );
  }
  if (response.status !== 200) throw new Error(`log in as ${who}: ${response.status}`);
  return /guichet_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0] ?? '';
}

async function call(cookie, method, path, body) {
  const response = await fetch(`${guichetUrl}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text === '' ? null : JSON.parse(text);
}

const admin = await session(email);
const { token } = await call(admin, 'POST', '/api/back-office/api-tokens', {
  name: 'Exécuteur de référence (démo)',
});
const subscription = await call(admin, 'POST', '/api/back-office/webhooks', {
  kind: 'executor',
  url: `http://${host}:${port}/executions`,
  description: 'Exécuteur de référence (démo)',
  eventTypes: ['execution.requested'],
});
// The article's id and current version, as a customer's catalog shows them.
const { items } = await call(
  await session(customerEmail),
  'GET',
  `/api/contracts/${contract}/catalogs`,
);
const article = items
  .flatMap((catalog) => [...catalog.articles, ...catalog.categories.flatMap((c) => c.articles)])
  .find((candidate) => candidate.code === 'modifier-mes-quotas');
if (!article) throw new Error('« Modifier mes quotas » is not offered on the demo contract');
const settingPath = `/api/back-office/articles/${article.id}/versions/${article.version}/execution`;
await call(admin, 'PUT', settingPath, {
  mode: 'automatic',
  executorId: subscription.id,
  timeLimitMinutes,
});
console.info(
  `demo: « Modifier mes quotas » v${article.version} is executed automatically by ${subscription.url} (time limit ${timeLimitMinutes} min)`,
);

async function undo() {
  await call(admin, 'PUT', settingPath, { mode: 'manual' }).catch(() => undefined);
  await call(admin, 'DELETE', `/api/back-office/webhooks/${subscription.id}`).catch(
    () => undefined,
  );
  console.info('demo: « Modifier mes quotas » is manual again, the executor unsubscribed');
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void undo().finally(() => process.exit(0));
  });
}

process.env.GUICHET_URL = guichetUrl;
process.env.GUICHET_TOKEN = token;
process.env.EXECUTOR_SECRET = subscription.secret;
process.env.PORT = String(port);
process.env.HOST = host;
await import('./executor.mjs');
