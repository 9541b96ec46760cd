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
