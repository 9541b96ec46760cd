import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureRedis, type RunningService } from '../../scripts/lib/local-services.ts';
import { processEnv, spawnServer, type SpawnedServer } from '../support/spawn-server.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { freePort } from '../support/wait.js';

const quiet = { info: () => undefined, warn: () => undefined };

/** SIGTERM while Redis is unreachable: the process exits 0 in seconds, and nothing stored is lost. */
describe('shutdown while Redis is down', () => {
  let database: TestDatabase;
  let db: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await database.drop();
  });

  const serverEnv = async (redisUrl: string): Promise<Record<string, string>> => {
    const port = await freePort();
    return processEnv(
      database,
      { port, prefix: `tdown${port}`, redisUrl },
      { APP_ROLE: 'all', GOOGLE_PUBSUB_PUSH_TOKEN: 'push-token' },
    );
  };

  /** SIGTERM, then how the process ended and how long it took from the signal. */
  const terminate = async (server: SpawnedServer): Promise<{ code: number | null; ms: number }> => {
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    const { code } = await server.exited();
    return { code, ms: Date.now() - signalled };
  };

  it('exits 0 well before the shutdown timeout when Redis stopped after start-up, keeping a webhook stored meanwhile', async () => {
    const redis: RunningService = await ensureRedis({
      dataDir: mkdtempSync(path.join(tmpdir(), 'mh-redis-down-')),
      port: await freePort(),
      logger: quiet,
    });
    const env = await serverEnv(redis.url);
    const server = spawnServer('dist/src/main.js', env);
    try {
      await server.waitFor('listening on');
      await redis.stop();
      await server.waitFor('ECONNREFUSED');
      // Stored in PostgreSQL; its enqueue stays pending on the dead connection until shutdown.
      const response = await fetch(`http://127.0.0.1:${env.PORT}/api/v1/webhooks/google?token=push-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: { messageId: 'during-outage', data: '' }, subscription: 's' }),
      });
      expect(response.status).toBe(200);

      const { code, ms } = await terminate(server);
      expect(code).toBe(0);
      expect(ms).toBeLessThan(12_000); // not the 25 s shutdown timeout forcing the exit
      expect(server.output()).toContain('Shutdown complete');
      const { rows } = await db.query<{ status: string }>(
        "SELECT status FROM webhook_events WHERE provider = 'google' AND external_id = 'during-outage'",
      );
      // Not lost: a worker queues it once Redis is back.
      expect(rows).toEqual([{ status: 'received' }]);
    } finally {
      server.child.kill('SIGKILL');
      await redis.stop();
    }
  }, 60_000);

  it('exits 0 well before the shutdown timeout when Redis was never reachable, logging its errors as JSON only', async () => {
    const server = spawnServer('dist/src/main.js', await serverEnv(`redis://127.0.0.1:${await freePort()}`));
    try {
      await server.waitFor('listening on');
      await server.waitFor('queue webhooks: connect ECONNREFUSED');
      const { code, ms } = await terminate(server);
      expect(code).toBe(0);
      expect(ms).toBeLessThan(12_000); // not the 25 s shutdown timeout forcing the exit
      // Every line is a JSON log line: no raw error printed by BullMQ for an unobserved connection error.
      const lines = server.output().trim().split('\n');
      expect(lines.filter((line) => !line.startsWith('{'))).toEqual([]);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 60_000);
});
