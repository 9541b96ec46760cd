import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap.js';
import { loadAppConfig } from '../../src/config/index.js';
import { createTestDatabase } from '../support/test-database.js';
import { createTestApp, testEnv, type TestApp } from '../support/test-app.js';

describe('health', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());

  it('answers liveness without touching dependencies', async () => {
    const response = await sut.http().get('/api/v1/health').expect(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('is ready when PostgreSQL, Redis and migrations are fine', async () => {
    const response = await sut.http().get('/api/v1/health/ready');
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(response.body.details).toMatchObject({
      database: { status: 'up' },
      redis: { status: 'up' },
      migrations: { status: 'up' },
      outbox: { status: 'up', pending: 0, lagSeconds: 0 },
      queues: { status: 'up', 'domain-events': expect.objectContaining({ waiting: 0, failed: 0 }) },
    });
  });

  it('is not ready, naming redis, when Redis does not answer', async () => {
    const database = await createTestDatabase();
    const config = loadAppConfig(testEnv(database, 'tready', { REDIS_URL: 'redis://127.0.0.1:1', APP_ROLE: 'api' }));
    const app = await createApp(config);
    await app.init();
    try {
      const response = await app.inject({ method: 'GET', url: '/api/v1/health/ready' });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = response.json();
      // The queues live in Redis, so their counts cannot be read either.
      expect(body).toMatchObject({ code: 'service_unavailable', failing: ['redis', 'queues'] });
      expect(body.checks.database.status).toBe('up');
      expect(body.checks.redis.status).toBe('down');
    } finally {
      await app.close();
      await database.drop();
    }
  });

  it('is not ready, naming migrations, while a migration is pending', async () => {
    const dataSource = sut.app.get(DataSource);
    const [removed] = await dataSource.query<[{ timestamp: string; name: string }[], number]>(
      'DELETE FROM migrations RETURNING timestamp, name',
    );
    try {
      const response = await sut.http().get('/api/v1/health/ready').expect(503);
      expect(response.body.failing).toEqual(['migrations']);
      expect(response.body.checks.migrations.pending.length).toBeGreaterThan(0);
    } finally {
      for (const row of removed) {
        await dataSource.query('INSERT INTO migrations (timestamp, name) VALUES ($1, $2)', [row.timestamp, row.name]);
      }
    }
  });
});
