import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { postSignedStripe, signedStripe } from '../support/webhook-requests.js';
import { DataSource } from 'typeorm';
import { ensureRedis, type RunningService } from '../../scripts/lib/local-services.ts';
import { Factories } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { hardeningProbe, WebhookHardeningProbeModule } from '../support/webhook-hardening-probe.module.js';
import { WEBHOOK_PROBE_TABLE } from '../support/webhook-probe.module.js';
import { freePort, until } from '../support/wait.js';

const STRIPE_SECRET = 'whsec_replay_outage_secret';
const quiet = { info: () => undefined, warn: () => undefined };

describe('webhook replay while Redis is down', () => {
  let redis: RunningService;
  let port: number;
  let dataDir: string;
  let sut: TestApp;
  let db: DataSource;
  let admin: string;

  beforeAll(async () => {
    port = await freePort();
    dataDir = mkdtempSync(path.join(tmpdir(), 'mh-replay-outage-'));
    redis = await ensureRedis({ dataDir, port, logger: quiet });
    sut = await createTestApp({
      extraModules: [WebhookHardeningProbeModule],
      env: {
        REDIS_URL: redis.url,
        STRIPE_WEBHOOK_SECRET: STRIPE_SECRET,
        WEBHOOK_MAX_ATTEMPTS: '1',
        WEBHOOK_BACKOFF_MS: '50',
      },
    });
    db = sut.app.get(DataSource);
    await db.query(WEBHOOK_PROBE_TABLE);
    const factories = new Factories(sut);
    admin = await factories.userBearer({ role: 'super_admin' });
  }, 60_000);

  afterAll(async () => {
    await sut.close();
    await redis.stop();
  }, 60_000);

  const statusOf = async (externalId: string) =>
    (
      await db.query<{ id: string; status: string }[]>('SELECT id, status FROM webhook_events WHERE external_id = $1', [
        externalId,
      ])
    )[0];

  it('answers 503 problem and leaves the event replayable', async () => {
    hardeningProbe.failing.add('evt_replay_outage');
    await postSignedStripe(
      sut,
      signedStripe({ id: 'evt_replay_outage', object: 'event', type: 'test.slow' }, STRIPE_SECRET),
    ).expect(200);
    const { id } = await until(
      () => statusOf('evt_replay_outage'),
      (row) => row?.status === 'failed',
    );
    hardeningProbe.failing.delete('evt_replay_outage');

    await redis.stop();
    const refused = await sut.http().post(`/api/v1/admin/webhooks/${id}/replay`).set('Authorization', admin);
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.code).toBe('service_unavailable');
    expect((await statusOf('evt_replay_outage')).status).toBe('failed');

    redis = await ensureRedis({ dataDir, port, logger: quiet });
    await until(
      async () => (await sut.http().post(`/api/v1/admin/webhooks/${id}/replay`).set('Authorization', admin)).status,
      (status) => status === 202,
      20_000,
    );
    await until(
      () => statusOf('evt_replay_outage'),
      (row) => row?.status === 'processed',
      20_000,
    );
    const [{ n }] = await db.query<{ n: string }[]>(
      "SELECT count(*) AS n FROM probe_webhook_effects WHERE external_id = 'evt_replay_outage'",
    );
    expect(n).toBe('1');
  }, 60_000);
});
