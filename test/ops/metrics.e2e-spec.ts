import { createTestApp, type TestApp } from '../support/test-app.js';

describe('/metrics', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp({ env: { METRICS_TOKEN: 'scrape-secret' } });
  });
  afterAll(() => sut.close());

  it('requires the metrics token when one is configured', async () => {
    await sut.http().get('/metrics').expect(401);
    await sut.http().get('/metrics').set('Authorization', 'Bearer wrong').expect(401);
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
    expect(response.text).toMatch(/outbox_lag_seconds 0/);
    expect(response.text).toMatch(/outbox_pending_events 0/);
  });
});
