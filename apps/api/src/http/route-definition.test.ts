import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ErrorBody } from '@guichet/contracts';
import { route } from './route-definition.ts';

const Params = z.object({ id: z.string() });
const Body = z.object({ name: z.string() });
const View = z.object({ id: z.string(), name: z.string() });

describe('route', () => {
  it('builds the schema and options a Fastify declaration wrote out', () => {
    const options = route('POST /api/things/:id', {
      summary: 'Name a thing',
      params: Params,
      body: Body,
      ok: View,
      status: 201,
      config: { isPublic: true },
      bodyLimit: 10,
      handle: ({ params, body }) => ({ id: params.id, name: body.name }),
    }).options({ tags: ['things'] });
    expect(options).toMatchObject({ method: 'POST', url: '/api/things/:id', bodyLimit: 10 });
    expect(options.config).toEqual({ isPublic: true });
    expect(options.schema).toEqual({
      tags: ['things'],
      summary: 'Name a thing',
      params: Params,
      body: Body,
      response: {
        201: View,
        400: ErrorBody,
        401: ErrorBody,
        403: ErrorBody,
        404: ErrorBody,
        409: ErrorBody,
      },
    });
  });

  it("takes the group's errors and tags unless the route gives its own; a 204 answers null", () => {
    const group = { tags: ['things'], errors: [400, 401] as const };
    const plain = route('GET /api/things', {
      summary: 's',
      ok: View,
      handle: () => ({ id: '1', name: 'a' }),
    });
    expect(plain.options(group).schema).toMatchObject({
      tags: ['things'],
      response: { 200: View, 400: ErrorBody, 401: ErrorBody },
    });
    const own = route('DELETE /api/things/:id', {
      summary: 's',
      tags: ['other'],
      params: Params,
      status: 204,
      errors: [404, 429],
      handle: () => undefined,
    }).options(group);
    const schema = own.schema as { tags: unknown; response: Record<number, z.ZodType> };
    expect(schema.tags).toEqual(['other']);
    expect(Object.keys(schema.response)).toEqual(['204', '404', '429']);
    expect(schema.response[204]?.safeParse(null).success).toBe(true);
  });

  it('sends the answer with its status, nothing for a 204, and leaves alone a reply the handler sent', async () => {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    const group = { tags: ['things'] };
    const definitions = [
      route('POST /things/:id', {
        summary: 'created',
        params: Params,
        body: Body,
        ok: View,
        status: 201,
        handle: ({ params, body }) => ({ id: params.id, name: body.name, extra: 'stripped' }),
      }),
      route('DELETE /things/:id', {
        summary: 'gone',
        params: Params,
        status: 204,
        handle: () => undefined,
      }),
      route('GET /things/:id/file', {
        summary: 'a file',
        params: Params,
        handle: ({ params, reply }) =>
          reply.header('content-type', 'text/plain').send(`file ${params.id}`),
      }),
    ];
    for (const definition of definitions) app.route(definition.options(group));

    const created = await app.inject({
      method: 'POST',
      url: '/things/7',
      payload: { name: 'seven' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ id: '7', name: 'seven' });

    const deleted = await app.inject({ method: 'DELETE', url: '/things/7' });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');

    const file = await app.inject({ method: 'GET', url: '/things/7/file' });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('text/plain');
    expect(file.body).toBe('file 7');
    await app.close();
  });
});
