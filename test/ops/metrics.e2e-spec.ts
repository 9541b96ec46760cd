import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { gauge } from '../support/metrics-text.js';

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
});
