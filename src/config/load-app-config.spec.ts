import { ConfigValidationError, loadAppConfig, redactUrl } from './load-app-config.js';

const minimal = {
  DATABASE_URL: 'postgres://u:p@db:5432/app',
  REDIS_URL: 'redis://cache:6379',
  JWT_ACCESS_SECRET: 'x'.repeat(32),
};

describe(loadAppConfig.name, () => {
  it('applies defaults to a minimal environment', () => {
    const sut = loadAppConfig(minimal);
    expect(sut).toMatchObject({
      nodeEnv: 'development',
      role: 'all',
      http: { port: 3000, host: '0.0.0.0', corsOrigins: [] },
      database: { url: minimal.DATABASE_URL, poolMax: 10, ssl: false },
      redis: { url: minimal.REDIS_URL, keyPrefix: 'mh' },
      metrics: { token: undefined },
    });
  });

  it('parses typed values', () => {
    const sut = loadAppConfig({
      ...minimal,
      APP_ROLE: 'worker',
      PORT: '8080',
      DATABASE_SSL: 'true',
      ADMIN_APP_ORIGIN: 'https://admin.example.com/',
      CUSTOMER_APP_ORIGIN: 'https://www.example.com',
    });
    expect(sut.role).toBe('worker');
    expect(sut.http.port).toBe(8080);
    expect(sut.database.ssl).toBe(true);
    expect(sut.http.corsOrigins).toEqual(['https://admin.example.com', 'https://www.example.com']);
  });

  it('names every missing or malformed variable at once', () => {
    let error: unknown;
    try {
      loadAppConfig({
        APP_ROLE: 'cron',
        PORT: '70000',
        DATABASE_SSL: 'maybe',
        REDIS_URL: 'http://cache',
        ADMIN_APP_ORIGIN: 'admin',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const problems = (error as ConfigValidationError).problems.join('\n');
    expect(problems).toContain('DATABASE_URL is required');
    expect(problems).toContain('APP_ROLE must be one of api, worker, all');
    expect(problems).toContain('PORT must be an integer between 0 and 65535');
    expect(problems).toContain('DATABASE_SSL must be true or false');
    expect(problems).toContain('REDIS_URL must use redis: or rediss:');
    expect(problems).toContain('ADMIN_APP_ORIGIN must be a comma-separated list of origins');
    expect((error as Error).message.split('\n')).toHaveLength(1);
  });

  it('requires its own manage-link secret in production', () => {
    expect(() => loadAppConfig({ ...minimal, NODE_ENV: 'production' })).toThrow(/BOOKING_LINK_SECRET is required/);
    const sut = loadAppConfig({ ...minimal, NODE_ENV: 'production', BOOKING_LINK_SECRET: 'y'.repeat(32) });
    expect(sut.bookings.linkSecret).toBe('y'.repeat(32));
  });

  it('treats blank values as unset', () => {
    expect(() => loadAppConfig({ ...minimal, DATABASE_URL: '  ' })).toThrow('DATABASE_URL is required');
  });

  it('reads queue lock timing, 30 s each by default', () => {
    expect(loadAppConfig(minimal).queues).toEqual({ lockDurationMs: 30_000, stalledIntervalMs: 30_000 });
    const sut = loadAppConfig({ ...minimal, QUEUE_LOCK_DURATION_MS: '3000', QUEUE_STALLED_INTERVAL_MS: '2000' });
    expect(sut.queues).toEqual({ lockDurationMs: 3000, stalledIntervalMs: 2000 });
    expect(() => loadAppConfig({ ...minimal, QUEUE_LOCK_DURATION_MS: '0' })).toThrow('QUEUE_LOCK_DURATION_MS');
  });

  it("reads Google push OIDC settings, all optional, with Google's key set by default", () => {
    expect(loadAppConfig(minimal).webhooks).toMatchObject({
      googlePushToken: undefined,
      googlePushAudience: undefined,
      googlePushServiceAccount: undefined,
      googleOidcJwksUrl: 'https://www.googleapis.com/oauth2/v3/certs',
    });
    const sut = loadAppConfig({
      ...minimal,
      GOOGLE_PUSH_AUDIENCE: 'https://api.example.com/api/v1/webhooks/google',
      GOOGLE_PUSH_SERVICE_ACCOUNT: 'push@project.iam.gserviceaccount.com',
      GOOGLE_OIDC_JWKS_URL: 'http://127.0.0.1:9999/certs',
    });
    expect(sut.webhooks).toMatchObject({
      googlePushAudience: 'https://api.example.com/api/v1/webhooks/google',
      googlePushServiceAccount: 'push@project.iam.gserviceaccount.com',
      googleOidcJwksUrl: 'http://127.0.0.1:9999/certs',
    });
    expect(() =>
      loadAppConfig({ ...minimal, GOOGLE_PUSH_AUDIENCE: 'https://api.example.com/api/v1/webhooks/google' }),
    ).toThrow('GOOGLE_PUSH_SERVICE_ACCOUNT is required when GOOGLE_PUSH_AUDIENCE is set');
    expect(() => loadAppConfig({ ...minimal, GOOGLE_PUSH_SERVICE_ACCOUNT: 'push' })).toThrow(
      'GOOGLE_PUSH_SERVICE_ACCOUNT must be an e-mail address',
    );
    expect(() => loadAppConfig({ ...minimal, GOOGLE_OIDC_JWKS_URL: 'ftp://keys' })).toThrow('GOOGLE_OIDC_JWKS_URL');
  });

  it('gives webhook routes their own body limit, 5 MiB by default', () => {
    expect(loadAppConfig(minimal).webhooks.bodyLimitBytes).toBe(5_242_880);
    expect(loadAppConfig(minimal).http.bodyLimitBytes).toBe(1_048_576);
    expect(loadAppConfig({ ...minimal, WEBHOOK_BODY_LIMIT_BYTES: '3000000' }).webhooks.bodyLimitBytes).toBe(3_000_000);
    expect(() => loadAppConfig({ ...minimal, WEBHOOK_BODY_LIMIT_BYTES: '10' })).toThrow('WEBHOOK_BODY_LIMIT_BYTES');
  });

  it('rejects a key prefix that could collide with other key spaces', () => {
    expect(() => loadAppConfig({ ...minimal, REDIS_KEY_PREFIX: 'a:b' })).toThrow('REDIS_KEY_PREFIX');
  });
});

describe(redactUrl.name, () => {
  it('masks the password only', () => {
    expect(redactUrl('postgres://app:s3cret@db:5432/x')).toBe('postgres://app:***@db:5432/x');
    expect(redactUrl('redis://cache:6379')).toBe('redis://cache:6379');
  });
});

describe('.env.example', () => {
  it('documents every variable the configuration reads', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(new URL('./load-app-config.ts', import.meta.url), 'utf8');
    const example = await readFile(new URL('../../.env.example', import.meta.url), 'utf8');
    const read = [...source.matchAll(/read\.\w+\('([A-Z0-9_]+)'/g)].map((match) => match[1]);
    expect(read.length).toBeGreaterThan(20);
    const documented = new Set([...example.matchAll(/^#? ?([A-Z0-9_]+)=/gm)].map((match) => match[1]));
    expect(read.filter((name) => !documented.has(name))).toEqual([]);
  });
});
