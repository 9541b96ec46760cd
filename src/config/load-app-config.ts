import {
  APP_ROLES,
  LOG_LEVELS,
  NODE_ENVS,
  type AppConfig,
  type AppRole,
  type LogLevel,
  type NodeEnv,
} from './app-config.js';

export type RawEnv = Readonly<Record<string, string | undefined>>;

/** Google's OAuth 2.0 signing keys, which sign Pub/Sub push tokens. */
const GOOGLE_OIDC_JWKS_URL = 'https://www.googleapis.com/oauth2/v3/certs';

/** Thrown when the environment is incomplete or malformed; its message names every bad variable. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigValidationError';
  }
}

/**
 * Reads each variable through a small typed parser and collects every problem before failing,
 * so an operator fixes the environment in one pass instead of one restart per variable.
 */
class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: RawEnv) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  string(name: string, fallback?: string): string {
    const value = this.raw(name) ?? fallback;
    if (value === undefined) {
      this.problems.push(`${name} is required`);
      return '';
    }
    return value;
  }

  optionalString(name: string): string | undefined {
    return this.raw(name);
  }

  int(name: string, fallback: number, { min, max }: { min: number; max: number }): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      this.problems.push(`${name} must be an integer between ${min} and ${max} (got "${value}")`);
      return fallback;
    }
    return parsed;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['true', '1', 'yes'].includes(value)) return true;
    if (['false', '0', 'no'].includes(value)) return false;
    this.problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    return fallback;
  }

  url(name: string, protocols: readonly string[], fallback?: string): string {
    const value = this.string(name, fallback);
    if (value === '') return value;
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      this.problems.push(`${name} must be a URL (${protocols.join(' or ')})`);
      return value;
    }
    if (!protocols.includes(parsed.protocol)) {
      this.problems.push(`${name} must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
    }
    return value;
  }

  origins(name: string): string[] {
    const value = this.raw(name);
    if (value === undefined) return [];
    const origins = value
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean);
    for (const origin of origins) {
      try {
        const parsed = new URL(origin);
        if (parsed.origin !== origin.replace(/\/$/, '')) throw new Error('not an origin');
      } catch {
        this.problems.push(
          `${name} must be a comma-separated list of origins like https://admin.example.com (got "${origin}")`,
        );
      }
    }
    return origins.map((origin) => origin.replace(/\/$/, ''));
  }
}

function readDatabase(read: EnvReader): AppConfig['database'] {
  return {
    url: read.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    poolMax: read.int('DATABASE_POOL_MAX', 10, { min: 1, max: 500 }),
    ssl: read.bool('DATABASE_SSL', false),
    connectTimeoutMs: read.int('DATABASE_CONNECT_TIMEOUT_MS', 15_000, { min: 500, max: 120_000 }),
    statementTimeoutMs: read.int('DATABASE_STATEMENT_TIMEOUT_MS', 30_000, { min: 100, max: 3_600_000 }),
  };
}

function readSeed(read: EnvReader, nodeEnv: NodeEnv): AppConfig['seed'] {
  const seed = {
    superAdminEmail: read.optionalString('SEED_SUPER_ADMIN_EMAIL'),
    superAdminPassword: read.optionalString('SEED_SUPER_ADMIN_PASSWORD'),
    demoData: read.bool('SEED_DEMO_DATA', nodeEnv !== 'production'),
  };
  if ((seed.superAdminEmail === undefined) !== (seed.superAdminPassword === undefined)) {
    read.problems.push('SEED_SUPER_ADMIN_EMAIL and SEED_SUPER_ADMIN_PASSWORD must be set together');
  }
  return seed;
}

/** What the migrate/seed entry point needs: no Redis, no JWT secret. */
export type MigrationConfig = Pick<AppConfig, 'nodeEnv' | 'database' | 'seed'>;

export function loadMigrationConfig(env: RawEnv): MigrationConfig {
  const read = new EnvReader(env);
  const nodeEnv: NodeEnv = read.oneOf('NODE_ENV', NODE_ENVS, 'development');
  const config = { nodeEnv, database: readDatabase(read), seed: readSeed(read, nodeEnv) };
  if (read.problems.length > 0) throw new ConfigValidationError(read.problems);
  return config;
}

export function loadAppConfig(env: RawEnv): AppConfig {
  const read = new EnvReader(env);
  const nodeEnv: NodeEnv = read.oneOf('NODE_ENV', NODE_ENVS, 'development');
  const role: AppRole = read.oneOf('APP_ROLE', APP_ROLES, 'all');
  const level: LogLevel = read.oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info');

  const config: AppConfig = {
    nodeEnv,
    role,
    http: {
      host: read.string('HOST', '0.0.0.0'),
      port: read.int('PORT', 3000, { min: 0, max: 65535 }),
      bodyLimitBytes: read.int('HTTP_BODY_LIMIT_BYTES', 1_048_576, { min: 1024, max: 50 * 1_048_576 }),
      trustProxy: read.bool('TRUST_PROXY', false),
      corsOrigins: [
        ...read.origins('ADMIN_APP_ORIGIN'),
        ...read.origins('CUSTOMER_APP_ORIGIN'),
        ...read.origins('CORS_EXTRA_ORIGINS'),
      ],
      shutdownTimeoutMs: read.int('SHUTDOWN_TIMEOUT_MS', 25_000, { min: 1000, max: 600_000 }),
    },
    database: readDatabase(read),
    redis: {
      url: read.url('REDIS_URL', ['redis:', 'rediss:']),
      keyPrefix: read.string('REDIS_KEY_PREFIX', 'mh'),
    },
    rateLimit: {
      ttlSeconds: read.int('RATE_LIMIT_TTL_SECONDS', 60, { min: 1, max: 86_400 }),
      limit: read.int('RATE_LIMIT_LIMIT', 60, { min: 1, max: 1_000_000 }),
    },
    auth: {
      jwtSecret: read.string('JWT_ACCESS_SECRET'),
      jwtIssuer: read.string('JWT_ISSUER', 'myhibachi-api'),
      jwtAudience: read.string('JWT_AUDIENCE', 'myhibachi-clients'),
      accessTokenTtlSeconds: read.int('JWT_ACCESS_TTL_SECONDS', 900, { min: 30, max: 86_400 }),
      refreshTokenTtlDays: read.int('REFRESH_TOKEN_TTL_DAYS', 30, { min: 1, max: 365 }),
      passwordMinLength: read.int('PASSWORD_MIN_LENGTH', 10, { min: 8, max: 128 }),
      loginMaxFailures: read.int('LOGIN_MAX_FAILURES', 10, { min: 1, max: 1000 }),
      loginFailureWindowSeconds: read.int('LOGIN_FAILURE_WINDOW_SECONDS', 900, { min: 1, max: 86_400 }),
      loginMaxPerIpPerMinute: read.int('LOGIN_MAX_PER_IP_PER_MINUTE', 30, { min: 1, max: 100_000 }),
    },
    seed: readSeed(read, nodeEnv),
    webhooks: {
      stripeSigningSecret: read.optionalString('STRIPE_WEBHOOK_SECRET'),
      metaAppSecret: read.optionalString('META_APP_SECRET'),
      metaVerifyToken: read.optionalString('META_VERIFY_TOKEN'),
      ringcentralVerificationToken: read.optionalString('RINGCENTRAL_VERIFICATION_TOKEN'),
      googlePushToken: read.optionalString('GOOGLE_PUBSUB_PUSH_TOKEN'),
      googlePushAudience: read.optionalString('GOOGLE_PUSH_AUDIENCE'),
      googlePushServiceAccount: read.optionalString('GOOGLE_PUSH_SERVICE_ACCOUNT'),
      googleOidcJwksUrl: read.url('GOOGLE_OIDC_JWKS_URL', ['https:', 'http:'], GOOGLE_OIDC_JWKS_URL),
      maxAttempts: read.int('WEBHOOK_MAX_ATTEMPTS', 8, { min: 1, max: 50 }),
      backoffMs: read.int('WEBHOOK_BACKOFF_MS', 5000, { min: 10, max: 3_600_000 }),
      maxFailuresPerMinute: read.int('WEBHOOK_MAX_FAILURES_PER_MINUTE', 30, { min: 1, max: 100_000 }),
      bodyLimitBytes: read.int('WEBHOOK_BODY_LIMIT_BYTES', 5 * 1_048_576, { min: 1024, max: 50 * 1_048_576 }),
    },
    bookings: {
      holdSeconds: read.int('BOOKING_HOLD_SECONDS', 1800, { min: 1, max: 7 * 86_400 }),
      linkSecret: read.optionalString('BOOKING_LINK_SECRET'),
    },
    notifications: {
      smtpUrl: read.optionalString('SMTP_URL'),
      mailFrom: read.string('MAIL_FROM', 'MyHibachi <bookings@myhibachi.local>'),
      ringcentral: {
        serverUrl: read.string('RINGCENTRAL_SERVER_URL', 'https://platform.ringcentral.com'),
        clientId: read.optionalString('RINGCENTRAL_CLIENT_ID'),
        clientSecret: read.optionalString('RINGCENTRAL_CLIENT_SECRET'),
        jwt: read.optionalString('RINGCENTRAL_JWT'),
        fromNumber: read.optionalString('RINGCENTRAL_SMS_FROM'),
      },
      publicSiteUrl: read.string('PUBLIC_SITE_URL', 'http://localhost:5173'),
      reminderLeadHours: read.int('REMINDER_LEAD_HOURS', 48, { min: 1, max: 720 }),
      maxAttempts: read.int('NOTIFICATION_MAX_ATTEMPTS', 6, { min: 1, max: 50 }),
      backoffMs: read.int('NOTIFICATION_BACKOFF_MS', 10_000, { min: 10, max: 3_600_000 }),
    },
    queues: {
      lockDurationMs: read.int('QUEUE_LOCK_DURATION_MS', 30_000, { min: 1000, max: 3_600_000 }),
      stalledIntervalMs: read.int('QUEUE_STALLED_INTERVAL_MS', 30_000, { min: 1000, max: 3_600_000 }),
    },
    outbox: { relayEnabled: read.bool('OUTBOX_RELAY_ENABLED', true) },
    log: { level },
    docs: { enabled: read.bool('API_DOCS_ENABLED', true) },
    metrics: { token: read.optionalString('METRICS_TOKEN') },
  };

  if (config.bookings.linkSecret !== undefined && config.bookings.linkSecret.length < 32) {
    read.problems.push('BOOKING_LINK_SECRET must be at least 32 characters');
  }
  if (config.bookings.linkSecret === undefined && nodeEnv === 'production') {
    // Derived from the JWT secret, a routine rotation of that secret would void every link already sent.
    read.problems.push('BOOKING_LINK_SECRET is required in production');
  }
  if (config.auth.jwtSecret !== '' && config.auth.jwtSecret.length < 32) {
    read.problems.push('JWT_ACCESS_SECRET must be at least 32 characters');
  }
  for (const [name, url] of [
    ['SMTP_URL', config.notifications.smtpUrl],
    ['RINGCENTRAL_SERVER_URL', config.notifications.ringcentral.serverUrl],
    ['PUBLIC_SITE_URL', config.notifications.publicSiteUrl],
  ] as const) {
    if (url !== undefined && !URL.canParse(url)) read.problems.push(`${name} must be a URL`);
  }
  const serviceAccount = config.webhooks.googlePushServiceAccount;
  if (serviceAccount !== undefined && !/^[^@\s]+@[^@\s]+$/.test(serviceAccount)) {
    read.problems.push('GOOGLE_PUSH_SERVICE_ACCOUNT must be an e-mail address');
  }
  if (config.webhooks.googlePushAudience !== undefined && serviceAccount === undefined) {
    // Any Google service account can mint an ID token for any audience: the audience alone proves nothing.
    read.problems.push('GOOGLE_PUSH_SERVICE_ACCOUNT is required when GOOGLE_PUSH_AUDIENCE is set');
  }
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(config.redis.keyPrefix)) {
    read.problems.push('REDIS_KEY_PREFIX must be 1-32 letters, digits, "-" or "_"');
  }
  if (read.problems.length > 0) throw new ConfigValidationError(read.problems);
  return config;
}

/** A URL safe to print: the password is masked. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable url>';
  }
}

/** The process environment, after loading an optional `.env` file (real environment variables win). */
export function readProcessEnv(envFile = '.env'): RawEnv {
  try {
    process.loadEnvFile(envFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return process.env;
}
