import { RequestDetail } from '@guichet/contracts';
import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { RequestStatus } from '@guichet/domain';
import { demo, bodyOf } from './harness.ts';
import type { Harness } from './harness.ts';

/**
 * Drives requests through their lifecycle by the API, as customers and operators do, to put
 * one in any status for a test.
 */
export interface Lifecycle {
  /** Cookies of the demo accounts used. */
  manager: string;
  agent: string;
  post(cookie: string, url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  get(cookie: string, url: string): Promise<LightMyRequestResponse>;
  /** A confirmed « Faire une autre demande » (counted, acknowledged): `submitted`. */
  submitted(reference?: string): Promise<string>;
  /** A confirmed « UCB - F.E: Autres Demandes » request (on quote): `quote_pending`. */
  onQuote(reference?: string): Promise<string>;
  sendQuote(id: string, overrides?: Record<string, unknown>): Promise<LightMyRequestResponse>;
  /** A request in `status`, reached by the usual path. */
  requestIn(status: Exclude<RequestStatus, 'draft'>): Promise<string>;
  statusOf(id: string): Promise<string>;
  eventCount(id: string): Promise<number>;
}

/** A unique customer reference, to find a test's requests in shared lists. */
export function uniqueReference(prefix = 'T'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export async function createLifecycle(h: Harness): Promise<Lifecycle> {
  const [manager, agent] = await Promise.all([
    h.login('gestionnaire@acme.example'),
    h.login('agent@guichet.example'),
  ]);
  const post = (cookie: string, url: string, payload: unknown = {}) =>
    h.app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie } });
  const get = (cookie: string, url: string) =>
    h.app.inject({ method: 'GET', url, headers: { cookie } });

  let integrator: string | undefined;
  async function confirm(body: Record<string, unknown>, cookie = manager): Promise<string> {
    const response = await post(cookie, '/api/requests', {
      action: 'confirm',
      contractId: 'OCB0005121',
      assetId: demo.acmeTenant,
      acknowledgeBilling: true,
      ...body,
    });
    if (response.statusCode !== 201) throw new Error(`confirm: ${response.body}`);
    return (bodyOf(response, RequestDetail) as { id: string }).id;
  }

  const submitted = (reference = uniqueReference()) =>
    confirm({
      catalogId: demo.standard,
      articleId: demo.other,
      customerReference: reference,
      values: { details: 'Merci d’activer les journaux d’audit sur ce projet.' },
    });

  const onQuote = (reference = uniqueReference()) =>
    confirm({
      catalogId: demo.ucb,
      articleId: demo.offCatalog,
      customerReference: reference,
      values: {
        subject: 'VPN IPsec vers Lyon',
        description: 'Mise en place d’un VPN IPsec vers notre site de Lyon, sur devis.',
      },
    });

  const sendQuote = (id: string, overrides: Record<string, unknown> = {}) =>
    post(agent, `/api/back-office/requests/${id}/quotes`, {
      amountTokens: 12,
      validUntil: '2026-12-15',
      text: 'Étude et mise en œuvre du VPN IPsec : 12 jetons.',
      ...overrides,
    });

  async function step(response: Promise<LightMyRequestResponse>): Promise<void> {
    const done = await response;
    if (done.statusCode >= 300) throw new Error(`step: ${done.statusCode} ${done.body}`);
  }

  async function requestIn(status: Exclude<RequestStatus, 'draft'>): Promise<string> {
    switch (status) {
      case 'submitted':
        return submitted();
      case 'in_review': {
        const id = await submitted();
        await step(post(agent, `/api/back-office/requests/${id}/start-review`));
        return id;
      }
      case 'quote_pending':
        return onQuote();
      case 'quote_sent': {
        const id = await onQuote();
        await step(sendQuote(id));
        return id;
      }
      case 'in_progress': {
        const id = await requestIn('in_review');
        await step(post(agent, `/api/back-office/requests/${id}/schedule`));
        return id;
      }
      case 'done': {
        const id = await requestIn('in_progress');
        await step(post(agent, `/api/back-office/requests/${id}/complete`));
        return id;
      }
      case 'rejected': {
        const id = await submitted();
        await step(
          post(agent, `/api/back-office/requests/${id}/reject`, { reason: 'Hors périmètre' }),
        );
        return id;
      }
      case 'cancelled': {
        const id = await submitted();
        await step(post(manager, `/api/requests/${id}/cancel`));
        return id;
      }
      case 'awaiting_customer': {
        const id = await requestIn('in_review');
        await step(
          post(agent, `/api/back-office/requests/${id}/questions`, {
            question: 'Sur quel projet faut-il activer les journaux d’audit ?',
          }),
        );
        return id;
      }
      case 'awaiting_approval': {
        // Decision 0034: OCB0005121's referent (the manager) approves what the integrator
        // confirms off catalog; the rule stays for the rest of the test file.
        await step(
          h.app.inject({
            method: 'PUT',
            url: '/api/contracts/OCB0005121/approval-rules',
            headers: { cookie: manager },
            payload: {
              rules: [
                {
                  scope: 'articles',
                  articleIds: [demo.offCatalog],
                  includeReferent: true,
                  mode: 'any',
                },
              ],
            },
          }),
        );
        integrator ??= await h.login('integrateur@partner.example');
        return confirm(
          {
            catalogId: demo.ucb,
            articleId: demo.offCatalog,
            customerReference: uniqueReference(),
            values: {
              subject: 'VPN IPsec vers Lyon',
              description: 'Mise en place d’un VPN IPsec vers notre site de Lyon, sur devis.',
            },
          },
          integrator,
        );
      }
    }
  }

  async function statusOf(id: string): Promise<string> {
    const row = await h.database.db
      .selectFrom('requests')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return row.status;
  }

  async function eventCount(id: string): Promise<number> {
    const row = await h.database.db
      .selectFrom('request_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('request_id', '=', id)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  return {
    manager,
    agent,
    post,
    get,
    submitted,
    onQuote,
    sendQuote,
    requestIn,
    statusOf,
    eventCount,
  };
}

/** A multipart/form-data body with one file in the field `file`. */
export function multipartFile(
  fileName: string,
  mediaType: string,
  content: Buffer,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----guichet${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${mediaType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** The smallest file each accepted type recognises as its own. */
export const samplePdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
