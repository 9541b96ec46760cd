import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap.js';
import { loadAppConfig } from '../../src/config/index.js';
import { QUEUES } from '../../src/infrastructure/queue/queues.js';
import { createTestDatabase } from '../support/test-database.js';
import { createTestApp, testEnv, type TestApp } from '../support/test-app.js';

const gauge = (text: string, name: string): number | undefined => {
  const value = text.match(new RegExp(`^${name} (\\S+)$`, 'm'))?.[1];
  return value === undefined ? undefined : Number(value);
};

describe('/metrics', () => {
  let sut: TestApp;

  beforeAll(async () => {
    // The relay stays off so that rows written straight into the outbox stay pending.
    sut = await createTestApp({ env: { METRICS_TOKEN: 'scrape-secret', OUTBOX_RELAY_ENABLED: 'false' } });
  });
  afterAll(() => sut.close());

  it('requires the metrics token when one is configured', async () => {
    await sut.http().get('/metrics').expect(401);
    await sut.http().get('/metrics').set('Authorization', 'Bearer wrong').expect(401);
  });

  it('reports the outbox backlog on the first scrape', async () => {
    const dataSource = sut.app.get(DataSource);
    await dataSource.query(
      `INSERT INTO outbox (event_type, aggregate_type, aggregate_id, payload, occurred_at)
       SELECT 'test.happened', 'test', n::text, '{}'::jsonb, now() - interval '30 seconds'
       FROM generate_series(1, 3) AS n`,
    );
    try {
      const response = await sut.http().get('/metrics').set('Authorization', 'Bearer scrape-secret').expect(200);
      expect(gauge(response.text, 'outbox_pending_events')).toBe(3);
      expect(gauge(response.text, 'outbox_lag_seconds')).toBeGreaterThanOrEqual(30);
    } finally {
      await dataSource.query('UPDATE outbox SET published_at = now() WHERE published_at IS NULL');
    }
  });

  it('exposes runtime, HTTP, queue and outbox metrics outside the API prefix', async () => {
    await sut.http().get('/api/v1/health').expect(200);
    const response = await sut.http().get('/metrics').set('Authorization', 'Bearer scrape-secret').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toContain('process_cpu_user_seconds_total');
    expect(response.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/health",status="200"\} [1-9]/,
    );
    expect(response.text).toContain('queue_jobs{queue="webhooks",state="waiting"} 0');
    expect(response.text).toContain('queue_jobs{queue="domain-events",state="failed"} 0');
    expect(response.text).toContain('queue_scrape_error{queue="webhooks"} 0');
    expect(gauge(response.text, 'outbox_pending_events')).toBe(0);
    expect(gauge(response.text, 'outbox_lag_seconds')).toBe(0);
    expect(gauge(response.text, 'outbox_scrape_error')).toBe(0);
  });

  it('answers within seconds while Redis is down, with the outbox metrics and a queue scrape error', async () => {
    const database = await createTestDatabase();
    const config = loadAppConfig(
      testEnv(database, 'tmetrics', {
        REDIS_URL: 'redis://127.0.0.1:1',
        APP_ROLE: 'api',
        OUTBOX_RELAY_ENABLED: 'false',
      }),
    );
    const app = await createApp(config);
    await app.init();
    try {
      await app.get(DataSource).query(
        `INSERT INTO outbox (event_type, aggregate_type, aggregate_id, payload, occurred_at)
         VALUES ('test.happened', 'test', '1', '{}'::jsonb, now() - interval '10 seconds')`,
      );
      const started = Date.now();
      const response = await Promise.race([
        app.inject({ method: 'GET', url: '/metrics' }),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('/metrics did not answer in 5 s')), 5000)),
      ]);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(response.statusCode).toBe(200);
      expect(gauge(response.body, 'outbox_pending_events')).toBe(1);
      expect(gauge(response.body, 'outbox_lag_seconds')).toBeGreaterThanOrEqual(10);
      for (const queue of Object.values(QUEUES)) {
        expect(response.body).toContain(`queue_scrape_error{queue="${queue}"} 1`);
        expect(response.body).not.toContain(`queue_jobs{queue="${queue}"`);
      }
    } finally {
      await app.close();
      await database.drop();
    }
  }, 20_000);
});
