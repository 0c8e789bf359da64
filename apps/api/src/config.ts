import { defaultPoolSize } from '@guichet/db';
import { defaultQuestionCancelAfterDays, questionReminderDays } from '@guichet/domain';

/** The only reader of process.env: parses everything once and lists every problem. */
export interface Config {
  port: number;
  host: string;
  /** Unset: Guichet starts its own embedded PostgreSQL server in `dataDir`. */
  databaseUrl: string | null;
  /** Connections to PostgreSQL the API keeps at most (`DATABASE_POOL_SIZE`). */
  databasePoolSize: number;
  dataDir: string;
  /** Serve the built web app from here when it exists. */
  webDist: string;
  sessionTtlHours: number;
  /** Login attempts a client address may make per minute. */
  loginAttemptsPerMinute: number;
  secureCookies: boolean;
  seedDemoData: boolean;
  logLevel: string;
  /** Where users reach Guichet, for links in mails (invitations); no trailing slash. */
  publicUrl: string;
  /** `smtp://` or `smtps://` server the mails go out through; unset: they stay in the outbox. */
  smtpUrl: string | null;
  /** The sender of Guichet's mails. */
  mailFrom: string;
  /**
   * Bearer token the Prometheus scraper sends to `/metrics`; unset: loopback callers only, and
   * only when that means this machine (see `metricsAccess` in http/operations.ts).
   */
  metricsToken: string | null;
  /**
   * Fastify's `trustProxy` (`TRUST_PROXY`): false (unset), true (trust every hop), or the
   * comma-separated addresses/CIDRs of the proxies. When set, `request.ip` is the client's, read from
   * `X-Forwarded-For`.
   */
  trustProxy: boolean | string;
  /** Live streams' heartbeat (`LIVE_HEARTBEAT_SECONDS`): a comment line, and the rights checked again. */
  liveHeartbeatMs: number;
  /**
   * Webhooks may target loopback and private addresses (`WEBHOOKS_ALLOW_PRIVATE`): for tests and
   * receivers on the provider's own network; refused otherwise (SSRF, decision 0028).
   */
  webhooksAllowPrivate: boolean;
  /**
   * 32 bytes (base64 or hex, `WEBHOOKS_SECRET_KEY`) encrypting the webhooks' signing secrets
   * at rest; unset: they are stored as they are (the start-up log says so).
   */
  webhooksSecretKey: Buffer | null;
  /** One webhook attempt's limit (`WEBHOOKS_TIMEOUT_MS`): connection and answer. */
  webhooksTimeoutMs: number;
  /**
   * Operators with the admin role must sign in with a second factor (`ADMINS_REQUIRE_TWO_FACTOR`,
   * default true; decision 0030). Turned off only by test set-ups that log the demo admin in.
   */
  adminsRequireTwoFactor: boolean;
  /**
   * Identity providers may be reached over plain http (`SSO_ALLOW_INSECURE_ISSUERS`): for tests
   * against a provider on loopback only; https is required otherwise.
   */
  ssoAllowInsecureIssuers: boolean;
  /** The operators' own identity provider (`OPERATOR_SSO_*`, decision 0030); null: none. */
  operatorSso: OperatorSsoConfig | null;
  /**
   * Days without an answer after which a question back cancels its request
   * (`QUESTIONS_CANCEL_AFTER_DAYS`, default 14, after the reminders of days 3 and 7; decision 0035).
   */
  questionsCancelAfterDays: number;
}

/** The provider's staff sign in through this OpenID provider (environment variables). */
export interface OperatorSsoConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  displayName: string;
  allowedDomains: string[];
  emailClaim: string;
  /** Operators may not sign in with a password (`OPERATOR_SSO_REQUIRED`). */
  isRequired: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes'].includes(raw)) return true;
    if (['0', 'false', 'no'].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };
  const databaseUrl = env['DATABASE_URL'] || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// URL');
  }
  const logLevel = env['LOG_LEVEL'] || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent`);
  }
  const port = integer('PORT', 3000, 0, 65535);
  const publicUrl = (env['PUBLIC_URL'] || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(publicUrl)) {
    problems.push(`PUBLIC_URL must be an http:// or https:// URL (got "${publicUrl}")`);
  }
  const smtpUrl = env['SMTP_URL'] || null;
  if (smtpUrl !== null && !/^smtps?:\/\/\S+$/.test(smtpUrl)) {
    problems.push('SMTP_URL must be an smtp:// or smtps:// URL');
  }
  const mailFrom = env['MAIL_FROM'] || 'Guichet <no-reply@guichet.example>';
  if (!/^[^<>@\s]+@[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+>$/.test(mailFrom)) {
    problems.push(`MAIL_FROM must be an address, e.g. "Guichet <no-reply@example.com>"`);
  }
  const trustProxy = (() => {
    const raw = (env['TRUST_PROXY'] ?? '').trim();
    if (raw === '' || ['0', 'false', 'no'].includes(raw)) return false;
    if (['1', 'true', 'yes'].includes(raw)) return true;
    if (/^[0-9A-Fa-f.:/]+(\s*,\s*[0-9A-Fa-f.:/]+)*$/.test(raw)) return raw;
    problems.push(`TRUST_PROXY must be true, false or the proxies' addresses/CIDRs (got "${raw}")`);
    return false;
  })();
  const webhooksSecretKey = (() => {
    const raw = (env['WEBHOOKS_SECRET_KEY'] ?? '').trim();
    if (raw === '') return null;
    const key = /^[0-9a-fA-F]{64}$/.test(raw)
      ? Buffer.from(raw, 'hex')
      : Buffer.from(raw, 'base64');
    if (key.length !== 32) {
      problems.push(
        'WEBHOOKS_SECRET_KEY must be 32 bytes, in base64 or hex (openssl rand -base64 32)',
      );
      return null;
    }
    return key;
  })();
  const operatorSso = ((): OperatorSsoConfig | null => {
    const issuer = (env['OPERATOR_SSO_ISSUER'] ?? '').trim();
    if (issuer === '') return null;
    if (!URL.canParse(issuer) || !/^https?:$/.test(new URL(issuer).protocol))
      problems.push("OPERATOR_SSO_ISSUER must be the identity provider's https:// issuer URL");
    const clientId = (env['OPERATOR_SSO_CLIENT_ID'] ?? '').trim();
    const clientSecret = env['OPERATOR_SSO_CLIENT_SECRET'] ?? '';
    if (clientId === '' || clientSecret === '')
      problems.push(
        'OPERATOR_SSO_CLIENT_ID and OPERATOR_SSO_CLIENT_SECRET are needed with OPERATOR_SSO_ISSUER',
      );
    const allowedDomains = (env['OPERATOR_SSO_DOMAINS'] ?? '')
      .split(',')
      .map((domain) => domain.trim().toLowerCase())
      .filter((domain) => domain !== '');
    if (allowedDomains.length === 0)
      problems.push(
        "OPERATOR_SSO_DOMAINS must list the operators' e-mail domains (comma-separated)",
      );
    return {
      issuer,
      clientId,
      clientSecret,
      displayName: (env['OPERATOR_SSO_NAME'] ?? '').trim() || 'SSO',
      allowedDomains,
      emailClaim: (env['OPERATOR_SSO_EMAIL_CLAIM'] ?? '').trim() || 'email',
      isRequired: flag('OPERATOR_SSO_REQUIRED', false),
    };
  })();
  const config: Config = {
    port,
    // The embedded demo (no DATABASE_URL) shares one published password between its accounts:
    // it listens on this machine only unless HOST says otherwise. A real deployment (its own
    // database) listens on every interface, as a container or a service behind a proxy expects.
    host: env['HOST'] || (databaseUrl === null ? '127.0.0.1' : '0.0.0.0'),
    databaseUrl,
    databasePoolSize: integer('DATABASE_POOL_SIZE', defaultPoolSize(), 1, 500),
    dataDir: env['DATA_DIR'] || 'data',
    webDist: env['WEB_DIST'] || 'apps/web/dist',
    sessionTtlHours: integer('SESSION_TTL_HOURS', 12, 1, 24 * 30),
    loginAttemptsPerMinute: integer('LOGIN_ATTEMPTS_PER_MINUTE', 30, 1, 10_000),
    secureCookies: flag('SECURE_COOKIES', false),
    seedDemoData: flag('SEED_DEMO_DATA', true),
    logLevel,
    publicUrl,
    smtpUrl,
    mailFrom,
    metricsToken: env['METRICS_TOKEN'] || null,
    trustProxy,
    liveHeartbeatMs: integer('LIVE_HEARTBEAT_SECONDS', 15, 1, 300) * 1000,
    webhooksAllowPrivate: flag('WEBHOOKS_ALLOW_PRIVATE', false),
    webhooksSecretKey,
    webhooksTimeoutMs: integer('WEBHOOKS_TIMEOUT_MS', 5000, 100, 30_000),
    adminsRequireTwoFactor: flag('ADMINS_REQUIRE_TWO_FACTOR', true),
    ssoAllowInsecureIssuers: flag('SSO_ALLOW_INSECURE_ISSUERS', false),
    operatorSso,
    questionsCancelAfterDays: integer(
      'QUESTIONS_CANCEL_AFTER_DAYS',
      defaultQuestionCancelAfterDays,
      questionReminderDays[1] + 1,
      365,
    ),
  };
  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  }
  return config;
}
