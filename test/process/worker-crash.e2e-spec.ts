import pg from 'pg';
import { readTestServices } from '../setup/test-services.js';
import { PROBE_TABLES } from '../support/outbox-probe.module.js';
import { WEBHOOK_PROBE_TABLE } from '../support/webhook-probe.module.js';
import { processEnv, spawnServer } from '../support/spawn-server.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { freePort, healthy, until } from '../support/wait.js';

/** A worker killed with SIGKILL mid-job: after a restart the job completes, and its effect exists once. */
describe('worker killed mid-job', () => {
  let database: TestDatabase;
  let db: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    await db.query(PROBE_TABLES);
    await db.query(WEBHOOK_PROBE_TABLE);
  });
  afterAll(async () => {
    await db.end();
    await database.drop();
  });

  const workerEnv = (port: number, hang: boolean): Record<string, string> =>
    processEnv(
      database,
      { port, prefix: `tcrash${process.pid}`, redisUrl: readTestServices().redisUrl },
      {
        APP_ROLE: 'worker',
        LOG_LEVEL: 'warn',
        // Short locks, so the dead worker's job is found stalled in seconds rather than after the 30 s default.
        QUEUE_LOCK_DURATION_MS: '3000',
        QUEUE_STALLED_INTERVAL_MS: '2000',
        SLOW_WORKER_HANG: String(hang),
      },
    );

  const effects = async (): Promise<number> =>
    Number(
      (await db.query<{ n: string }>("SELECT count(*) AS n FROM probe_effects WHERE name = 'killed-mid-job'")).rows[0]
        .n,
    );

  it('completes the job after a restart, with one effect', async () => {
    await db.query(
      "INSERT INTO outbox (event_type, aggregate_type, aggregate_id, payload) VALUES ('SlowThing', 'thing', 't-1', '{\"name\":\"killed-mid-job\"}')",
    );
    const first = spawnServer('test/fixtures/slow-worker.mjs', workerEnv(await freePort(), true));
    try {
      await first.waitFor('HANDLING killed-mid-job', 30_000);
      first.child.kill('SIGKILL');
      await first.exited();
    } finally {
      first.child.kill('SIGKILL');
    }
    // The killed delivery's transaction never committed.
    expect(await effects()).toBe(0);

    const port = await freePort();
    const second = spawnServer('test/fixtures/slow-worker.mjs', workerEnv(port, false));
    try {
      expect(await healthy(port)).toBe(true);
      // BullMQ hands the stalled job to the new worker once the dead worker's lock (3 s) has expired
      // and a stalled check (every 2 s) has found it: well inside 20 s, where the 30 s defaults are not.
      const restarted = Date.now();
      expect(await until(effects, (n) => n >= 1, 30_000)).toBe(1);
      expect(Date.now() - restarted).toBeLessThan(20_000);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await effects()).toBe(1);
      const processed = await db.query<{ n: string }>(
        "SELECT count(*) AS n FROM processed_events WHERE consumer = 'probe.slow'",
      );
      expect(processed.rows[0].n).toBe('1');
    } finally {
      second.child.kill('SIGTERM');
      await second.exited();
    }
  }, 120_000);

  it('processes a webhook whose worker was killed mid-handling once, after a restart', async () => {
    const webhookEffects = async (): Promise<number> =>
      Number(
        (
          await db.query<{ n: string }>(
            "SELECT count(*) AS n FROM probe_webhook_effects WHERE external_id = 'evt_kill'",
          )
        ).rows[0].n,
      );
    // Stored by the API while no worker ran: the worker's requeuer queues it.
    await db.query(
      `INSERT INTO webhook_events (provider, external_id, event_type, payload, received_at)
       VALUES ('stripe', 'evt_kill', 'test.slow_crash', '{}', now() - interval '1 minute')`,
    );
    const first = spawnServer('test/fixtures/slow-worker.mjs', workerEnv(await freePort(), true));
    try {
      await first.waitFor('HANDLING evt_kill', 30_000);
      first.child.kill('SIGKILL');
      await first.exited();
    } finally {
      first.child.kill('SIGKILL');
    }
    expect(await webhookEffects()).toBe(0);

    const port = await freePort();
    const second = spawnServer('test/fixtures/slow-worker.mjs', workerEnv(port, false));
    try {
      expect(await healthy(port)).toBe(true);
      const status = async (): Promise<string> =>
        (await db.query<{ status: string }>("SELECT status FROM webhook_events WHERE external_id = 'evt_kill'")).rows[0]
          .status;
      expect(await until(status, (value) => value === 'processed', 30_000)).toBe('processed');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await webhookEffects()).toBe(1);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited();
    }
  }, 120_000);
});
