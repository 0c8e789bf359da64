import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultPoolSize } from '@guichet/db';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('keeps two connections per core plus one to PostgreSQL by default', () => {
    expect(defaultPoolSize(2)).toBe(5);
    expect(defaultPoolSize(8)).toBe(17);
    expect(loadConfig({}).databasePoolSize).toBe(availableParallelism() * 2 + 1);
  });

  it('takes DATABASE_POOL_SIZE, and says what is wrong with a bad one', () => {
    expect(loadConfig({ DATABASE_POOL_SIZE: '12' }).databasePoolSize).toBe(12);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).toThrow(
      'DATABASE_POOL_SIZE must be a whole number from 1 to 500 (got "0")',
    );
    // every problem at once, not the first one only
    expect(() => loadConfig({ DATABASE_POOL_SIZE: 'many', PORT: '-1' })).toThrow(
      /PORT must be .*\n- DATABASE_POOL_SIZE must be/s,
    );
  });

  it('takes TRUST_PROXY for Fastify: off by default, true, or the proxies’ addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toBe(
      '127.0.0.1, 10.0.0.0/8',
    );
    expect(() => loadConfig({ TRUST_PROXY: 'the nginx' })).toThrow(/TRUST_PROXY must be/);
  });
});

describe('the listen address', () => {
  it('is this machine only for the embedded demo, every interface with a database of its own', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ DATABASE_URL: 'postgres://guichet@db/guichet' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '::1', DATABASE_URL: 'postgres://guichet@db/guichet' }).host).toBe(
      '::1',
    );
  });
});

describe('single sign-on and the sign-in policies (issue 21, decision 0030)', () => {
  it('has no operators’ identity provider unless OPERATOR_SSO_ISSUER is set, admins under the second factor', () => {
    const config = loadConfig({});
    expect(config.operatorSso).toBeNull();
    expect(config.adminsRequireTwoFactor).toBe(true);
    expect(config.ssoAllowInsecureIssuers).toBe(false);
  });

  it('reads the operators’ identity provider, its domains lower-cased', () => {
    expect(
      loadConfig({
        OPERATOR_SSO_ISSUER: 'https://login.guichet.example/realms/staff',
        OPERATOR_SSO_CLIENT_ID: 'guichet',
        OPERATOR_SSO_CLIENT_SECRET: 's3cret',
        OPERATOR_SSO_DOMAINS: 'Guichet.example, provider.example',
        OPERATOR_SSO_NAME: 'Keycloak',
        OPERATOR_SSO_REQUIRED: 'true',
      }).operatorSso,
    ).toEqual({
      issuer: 'https://login.guichet.example/realms/staff',
      clientId: 'guichet',
      clientSecret: 's3cret',
      displayName: 'Keycloak',
      allowedDomains: ['guichet.example', 'provider.example'],
      emailClaim: 'email',
      isRequired: true,
    });
  });

  it('lists what is missing or wrong', () => {
    expect(() => loadConfig({ OPERATOR_SSO_ISSUER: 'login.example' })).toThrow(
      /OPERATOR_SSO_ISSUER must be[\s\S]*OPERATOR_SSO_CLIENT_ID and OPERATOR_SSO_CLIENT_SECRET[\s\S]*OPERATOR_SSO_DOMAINS/,
    );
    expect(() => loadConfig({ ADMINS_REQUIRE_TWO_FACTOR: 'maybe' })).toThrow(
      /ADMINS_REQUIRE_TWO_FACTOR must be true or false/,
    );
  });

  it('reads the questions’ cancellation delay: after the last reminder, 14 days by default', () => {
    expect(loadConfig({}).questionsCancelAfterDays).toBe(14);
    expect(loadConfig({ QUESTIONS_CANCEL_AFTER_DAYS: '30' }).questionsCancelAfterDays).toBe(30);
    expect(() => loadConfig({ QUESTIONS_CANCEL_AFTER_DAYS: '7' })).toThrow(
      /QUESTIONS_CANCEL_AFTER_DAYS must be a whole number from 8 to 365/,
    );
  });
});
