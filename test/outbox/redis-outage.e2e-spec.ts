import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import { postSignedStripe, signedStripe } from '../support/webhook-requests.js';
import { DataSource } from 'typeorm';
import { ensureRedis, type RunningService } from '../../scripts/lib/local-services.ts';
import { OutboxProbeModule, PROBE_TABLES, RecordThingCommand } from '../support/outbox-probe.module.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { WEBHOOK_PROBE_TABLE, WebhookProbeModule } from '../support/webhook-probe.module.js';
import { freePort, until } from '../support/wait.js';

const STRIPE_SECRET = 'whsec_outage_secret';
const quiet = { info: () => undefined, warn: () => undefined };

/** Commands and webhooks keep working while Redis is down; everything is processed once it is back. */
describe('Redis outage', () => {
  let redis: RunningService;
  let port: number;
  let dataDir: string;
  let sut: TestApp;

  beforeAll(async () => {
    port = await freePort();
    dataDir = mkdtempSync(path.join(tmpdir(), 'mh-outage-'));
    redis = await ensureRedis({ dataDir, port, logger: quiet });
    sut = await createTestApp({
      extraModules: [OutboxProbeModule, WebhookProbeModule],
      env: { REDIS_URL: redis.url, STRIPE_WEBHOOK_SECRET: STRIPE_SECRET, WEBHOOK_BACKOFF_MS: '50' },
    });
    await sut.app.get(DataSource).query(`${PROBE_TABLES}; ${WEBHOOK_PROBE_TABLE}`);
  }, 60_000);

  afterAll(async () => {
    await sut.close();
    await redis.stop();
  }, 60_000);

  it('commits commands and stores webhooks while Redis is down, then processes each exactly once', async () => {
    await redis.stop();
    const commandBus = sut.app.get(CommandBus);
    for (const name of ['outage-1', 'outage-2', 'outage-3']) await commandBus.execute(new RecordThingCommand(name));

    const deliveries = ['evt_outage_1', 'evt_outage_2'].map((id) =>
      signedStripe({ id, object: 'event', type: 'payment_intent.succeeded' }, STRIPE_SECRET),
    );
    for (const delivery of [...deliveries, deliveries[0]]) await postSignedStripe(sut, delivery).expect(200);
    const db = sut.app.get(DataSource);
    const stored = await db.query<{ status: string }[]>(
      "SELECT status FROM webhook_events WHERE external_id LIKE 'evt_outage_%'",
    );
    expect(stored.map((row) => row.status)).toEqual(['received', 'received']);
    expect(
      Number((await db.query<{ n: string }[]>('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL'))[0].n),
    ).toBe(3);

    redis = await ensureRedis({ dataDir, port, logger: quiet });
    const counts = () =>
      db.query<{ things: string; webhooks: string }[]>(
        `SELECT (SELECT count(*) FROM probe_effects WHERE name LIKE 'outage-%') AS things,
                (SELECT count(*) FROM probe_webhook_effects WHERE external_id LIKE 'evt_outage_%') AS webhooks`,
      );
    await until(counts, ([row]) => row.things === '3' && row.webhooks === '2', 45_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await counts()).toEqual([{ things: '3', webhooks: '2' }]);
    const duplicates = await db.query<{ n: string }[]>(
      'SELECT count(*) AS n FROM (SELECT event_id FROM probe_effects GROUP BY event_id HAVING count(*) > 1) d',
    );
    expect(duplicates[0].n).toBe('0');
  }, 90_000);
});
