import { randomBytes } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ProbeModule } from '../support/probe.module.js';

describe('rate limits', () => {
  const replicas: TestApp[] = [];
  const sharedPrefix = `trl${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    // Two replicas of the API sharing one Redis, as behind a load balancer.
    for (let i = 0; i < 2; i += 1) {
      replicas.push(await createTestApp({ extraModules: [ProbeModule], env: { REDIS_KEY_PREFIX: sharedPrefix } }));
    }
  });
  afterAll(async () => {
    for (const replica of replicas) await replica.close();
  });

  it('holds across replicas and answers 429 problem+json with Retry-After', async () => {
    const [first, second] = replicas;
    await first.http().get('/api/v1/test-probe/limited').expect(200);
    await second.http().get('/api/v1/test-probe/limited').expect(200);
    const refused = await first.http().get('/api/v1/test-probe/limited').expect(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await second.http().get('/api/v1/test-probe/limited').expect(429);
  });

  it('does not limit routes that did not opt in', async () => {
    for (let i = 0; i < 5; i += 1) await replicas[0].http().get('/api/v1/health').expect(200);
  });
});
