import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap.js';
import { loadAppConfig } from '../../src/config/index.js';
import { QUEUES } from '../../src/infrastructure/queue/queues.js';
import { gauge } from '../support/metrics-text.js';
import { testEnv } from '../support/test-app.js';
import { createTestDatabase } from '../support/test-database.js';

// Its own suite: an app on an unreachable Redis, never sharing a process with another app.
describe('/metrics with Redis down', () => {
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
      const response = await Promise.race([
        app.inject({ method: 'GET', url: '/metrics' }),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('/metrics did not answer in 5 s')), 5000)),
      ]);
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
