// Guichet's reference executor (issue 17, decision 0032): plain Node, no build.
//
// Guichet sends it `execution.requested` deliveries (a webhook subscription of kind
// `executor`, signed as the Standard Webhooks specification says). For a « Modifier mes
// quotas » request it answers `started`, writes the requested quotas onto the item through
// the inventory sync API (the item in this example stands for the cloud tenant), then answers
// `succeeded` with each quota before and after — or `failed` with the reason.
//
// Configuration (environment):
//   GUICHET_URL       where Guichet answers (default http://localhost:3000)
//   GUICHET_TOKEN     an operator API token whose role may execute_requests and sync_inventory
//                     (an admin's, created in « Jetons d'API » of the back-office)
//   EXECUTOR_SECRET   the subscription's signing secret (whsec_…, shown once at its creation)
//   PORT, HOST        where this executor listens (default 4100 on 127.0.0.1)
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';

const guichetUrl = (process.env.GUICHET_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
const token = process.env.GUICHET_TOKEN ?? '';
const secret = process.env.EXECUTOR_SECRET ?? '';
const port = Number(process.env.PORT ?? 4100);
const host = process.env.HOST ?? '127.0.0.1';

const problems = [];
if (token === '') problems.push('GUICHET_TOKEN is missing (an operator API token)');
if (!secret.startsWith('whsec_')) problems.push('EXECUTOR_SECRET is missing (whsec_…)');
if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push('PORT is not a port');
if (problems.length > 0) {
  console.error(`executor: cannot start:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}

const webhook = new Webhook(secret);
/**
 * Messages already taken (deliveries are at least once: the same `webhook-id` may come again).
 * In memory for the example; a real executor keeps them where it keeps its work.
 */
const taken = new Set();

function log(message) {
  console.info(`${new Date().toISOString()} executor: ${message}`);
}

async function readBody(request) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > 1_000_000) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function callGuichet(method, path, { body, contentType = 'application/json' } = {}) {
  const response = await fetch(`${guichetUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': contentType } : {}),
    },
    body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  const json = text === '' ? null : JSON.parse(text);
  return { status: response.status, json };
}

/** Answers Guichet; a network failure is tried again a few times (answers are idempotent). */
async function answer(answerPath, body) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { status, json } = await callGuichet('POST', answerPath, {
        body: JSON.stringify(body),
      });
      if (status === 200) return json;
      // 409: the execution is over (timed out, or answered already): nothing more to do here.
      throw Object.assign(new Error(`Guichet answered ${status}: ${json?.error?.message ?? ''}`), {
        isFinal: true,
      });
    } catch (error) {
      if (error.isFinal || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt * 1000));
    }
  }
}

/** A quota type's label in both languages, from the request's own form (its choice's options). */
function quotaLabel(form, quotaType) {
  const lines = form?.fields?.find((field) => field.key === 'lines');
  const choice = lines?.fields?.find((field) => field.key === 'quotaType');
  const option = choice?.options?.find((candidate) => candidate.value === quotaType);
  return option?.label?.fr && option?.label?.en
    ? { fr: option.label.fr, en: option.label.en }
    : undefined;
}

/**
 * What « Modifier mes quotas » asks: the new quotas by type. Null for any other article (this
 * executor applies that one only).
 */
function requestedQuotas(request) {
  const lines = request?.values?.lines;
  if (!Array.isArray(lines) || lines.length === 0) return null;
  const quotas = [];
  for (const line of lines) {
    if (typeof line?.quotaType !== 'string' || !Number.isInteger(line?.requested)) return null;
    quotas.push({ type: line.quotaType, requested: line.requested });
  }
  return quotas;
}

async function execute(payload) {
  const { request, execution } = payload.data;
  const label = `${request.number ?? request.id} (${execution.id})`;
  await answer(execution.answerPath, { state: 'started' });
  log(`${label}: started`);
  try {
    const quotas = requestedQuotas(request);
    if (quotas === null) throw new Error('This executor applies « Modifier mes quotas » only');
    const asset = execution.asset;
    if (asset === null) throw new Error('The request names no inventory item');
    const current = { ...(asset.attributes.quotas ?? {}) };
    const changes = quotas.map((quota) => ({
      key: `quotas.${quota.type}`,
      ...(quotaLabel(request.form, quota.type)
        ? { label: quotaLabel(request.form, quota.type) }
        : {}),
      before: Number.isFinite(current[quota.type]) ? current[quota.type] : null,
      after: quota.requested,
    }));
    for (const quota of quotas) current[quota.type] = quota.requested;
    // The cloud would apply the quotas here; this example's "cloud" is Guichet's own inventory.
    const line = { ...asset, attributes: { ...asset.attributes, quotas: current } };
    const { status, json } = await callGuichet(
      'POST',
      '/api/back-office/inventory/sync?mode=upsert&strict=true',
      { body: `${JSON.stringify(line)}\n`, contentType: 'application/x-ndjson' },
    );
    if (status !== 200 || json?.status !== 'applied') {
      const why = json?.errors?.[0]?.message ?? json?.error?.message ?? `status ${status}`;
      throw new Error(`The inventory refused the new quotas: ${why}`);
    }
    await answer(execution.answerPath, { state: 'succeeded', changes });
    log(
      `${label}: succeeded (${changes.map((c) => `${c.key} ${c.before} → ${c.after}`).join(', ')})`,
    );
  } catch (error) {
    if (error.isFinal) throw error;
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    await answer(execution.answerPath, { state: 'failed', reason });
    log(`${label}: failed (${reason})`);
  }
}

const server = createServer((request, response) => {
  void (async () => {
    if (request.method !== 'POST') {
      response.writeHead(405).end();
      return;
    }
    const body = await readBody(request);
    let payload;
    try {
      payload = webhook.verify(body, request.headers);
    } catch {
      log('refused a delivery whose signature does not verify');
      response.writeHead(401).end();
      return;
    }
    const id = request.headers['webhook-id'];
    // Answered at once (Guichet waits 5 s at most); the work goes on after.
    response.writeHead(202).end();
    if (payload?.type !== 'execution.requested' || taken.has(id)) return;
    taken.add(id);
    execute(payload).catch((error) => log(`execution not completed: ${error.message}`));
  })().catch((error) => {
    log(`delivery not read: ${error.message}`);
    if (!response.headersSent) response.writeHead(400).end();
  });
});

server.listen(port, host, () => {
  const address = server.address();
  log(`listening on http://${host}:${address.port}, answering ${guichetUrl}`);
});

// Run directly, it stops on a signal; imported by demo.mjs, that script undoes its set-up first.
if (process.argv[1]?.endsWith('executor.mjs')) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => server.close(() => process.exit(0)));
  }
}
