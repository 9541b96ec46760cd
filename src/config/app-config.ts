/**
 * The whole runtime configuration, parsed and validated once from the environment.
 * Everything else receives this typed object; `process.env` is read only in this folder.
 */
export const APP_ROLES = ['api', 'worker', 'all'] as const;
export type AppRole = (typeof APP_ROLES)[number];

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly role: AppRole;
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly bodyLimitBytes: number;
    readonly trustProxy: boolean;
    readonly corsOrigins: readonly string[];
    readonly shutdownTimeoutMs: number;
  };
  readonly database: {
    readonly url: string;
    readonly poolMax: number;
    readonly ssl: boolean;
    readonly connectTimeoutMs: number;
    readonly statementTimeoutMs: number;
  };
  readonly redis: {
    readonly url: string;
    /** Prefix of every key we write (BullMQ queues, rate-limit counters) so environments can share a server. */
    readonly keyPrefix: string;
  };
  readonly rateLimit: {
    readonly ttlSeconds: number;
    readonly limit: number;
  };
  readonly auth: {
    /** Secret: HMAC key of access tokens (HS256), at least 32 characters. */
    readonly jwtSecret: string;
    readonly jwtIssuer: string;
    readonly jwtAudience: string;
    readonly accessTokenTtlSeconds: number;
    readonly refreshTokenTtlDays: number;
    readonly passwordMinLength: number;
    /** Failed logins of one account within the window before it is refused with 429. */
    readonly loginMaxFailures: number;
    readonly loginFailureWindowSeconds: number;
    /** Login attempts per client IP and minute. */
    readonly loginMaxPerIpPerMinute: number;
  };
  readonly seed: {
    readonly superAdminEmail: string | undefined;
    /** Secret. */
    readonly superAdminPassword: string | undefined;
    /** Demo stations and staff with well-known passwords; never on in production unless forced. */
    readonly demoData: boolean;
  };
  readonly webhooks: {
    /** Secrets, each optional: a provider without its secret is refused (503) rather than trusted. */
    readonly stripeSigningSecret: string | undefined;
    readonly metaAppSecret: string | undefined;
    readonly metaVerifyToken: string | undefined;
    readonly ringcentralVerificationToken: string | undefined;
    readonly googlePushToken: string | undefined;
    /**
     * Pub/Sub push OIDC: when set, a push must carry `Authorization: Bearer <Google-signed JWT>` for
     * this audience, and the shared token is not accepted.
     */
    readonly googlePushAudience: string | undefined;
    /** When set, the push JWT's `email` must be this service account, verified. */
    readonly googlePushServiceAccount: string | undefined;
    /** Where Google's signing keys (JWKS) are fetched. */
    readonly googleOidcJwksUrl: string;
    /** Processing attempts (exponential backoff) before an event stays `failed` for replay. */
    readonly maxAttempts: number;
    readonly backoffMs: number;
    /** Deliveries failing verification per provider, IP and minute before 429. */
    readonly maxFailuresPerMinute: number;
    /** Body limit of the provider webhook routes (Meta sends up to ~3 MB); other routes keep `http.bodyLimitBytes`. */
    readonly bodyLimitBytes: number;
  };
  readonly bookings: {
    /** How long an unpaid booking holds its slot before it expires. */
    readonly holdSeconds: number;
    /**
     * Secret: key of the manage-link tokens. Unset, it is derived from the JWT secret, so rotating that
     * secret would also void every link sent to customers.
     */
    readonly linkSecret: string | undefined;
  };
  readonly notifications: {
    /** Secret (may hold a password): `smtp://user:pass@host:port`; unset: e-mails are logged as not_sent. */
    readonly smtpUrl: string | undefined;
    readonly mailFrom: string;
    /** RingCentral SMS; all of client id, secret, JWT credential and sender number, or SMS is not_sent. */
    readonly ringcentral: {
      readonly serverUrl: string;
      readonly clientId: string | undefined;
      /** Secret. */
      readonly clientSecret: string | undefined;
      /** Secret: the JWT credential of the sending extension. */
      readonly jwt: string | undefined;
      readonly fromNumber: string | undefined;
    };
    /** Base URL of the customer site, for manage and review links in messages. */
    readonly publicSiteUrl: string;
    /** How long before an event its reminder goes out. */
    readonly reminderLeadHours: number;
    /** Send attempts (exponential backoff from `backoffMs`) before a notification stays `failed`. */
    readonly maxAttempts: number;
    readonly backoffMs: number;
  };
  readonly queues: {
    /** A worker's lock on a running job (renewed at half); a dead worker's job is retried after it expires. */
    readonly lockDurationMs: number;
    /** How often each worker looks for jobs whose lock expired and puts them back in the queue. */
    readonly stalledIntervalMs: number;
  };
  readonly outbox: {
    /** Whether this worker process runs the outbox relay (on by default in the worker roles). */
    readonly relayEnabled: boolean;
  };
  readonly log: {
    readonly level: LogLevel;
  };
  readonly docs: {
    readonly enabled: boolean;
  };
  readonly metrics: {
    /** Secret: when set, /metrics requires `Authorization: Bearer <token>`. */
    readonly token: string | undefined;
  };
}
