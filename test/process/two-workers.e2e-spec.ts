import pg from 'pg';
import { readTestServices } from '../setup/test-services.js';
import { PROBE_TABLES } from '../support/outbox-probe.module.js';
import { processEnv, spawnServer, type SpawnedServer } from '../support/spawn-server.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { freePort, healthy, until } from '../support/wait.js';

const EVENTS = 3000;

/** Two worker processes, each with its own outbox relay, publishing the same backlog. */
describe('outbox relays in two worker processes', () => {
  let database: TestDatabase;
  let db: pg.Client;
  const workers: SpawnedServer[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    await db.query(PROBE_TABLES);
  });
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await db.end();
    await database.drop();
  });

  const startWorker = async (): Promise<SpawnedServer> => {
    const port = await freePort();
    const worker = spawnServer(
      'test/fixtures/slow-worker.mjs',
      processEnv(
        database,
        { port, prefix: `ttwo${process.pid}`, redisUrl: readTestServices().redisUrl },
        { APP_ROLE: 'worker', LOG_LEVEL: 'warn', SLOW_WORKER_HANG: 'false' },
      ),
    );
    workers.push(worker);
    const ready = await healthy(port);
    expect(ready).toBe(true);
    return worker;
  };

  it('delivers every committed event exactly once, each row published by one relay', async () => {
    await Promise.all([startWorker(), startWorker()]);
    // Enough at once that both relays take batch after batch without pausing, side by side.
    await db.query(
      `INSERT INTO outbox (event_type, aggregate_type, aggregate_id, payload)
       SELECT 'SlowThing', 'thing', n::text, jsonb_build_object('name', 'two-' || n) FROM generate_series(1, $1) AS n`,
      [EVENTS],
    );
    const count = async (sql: string): Promise<number> => Number((await db.query<{ n: string }>(sql)).rows[0].n);
    const effects = await until(
      () => count("SELECT count(*) AS n FROM probe_effects WHERE name LIKE 'two-%'"),
      (n) => n >= EVENTS,
      60_000,
    );
    // Let a straggling duplicate surface before counting.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(effects).toBe(EVENTS);
    expect(await count("SELECT count(*) AS n FROM probe_effects WHERE name LIKE 'two-%'")).toBe(EVENTS);
    expect(await count("SELECT count(DISTINCT name) AS n FROM probe_effects WHERE name LIKE 'two-%'")).toBe(EVENTS);
    // A row claimed by both relays would have been published twice.
    expect(await count('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL OR attempts <> 1')).toBe(0);
  }, 90_000);
});
