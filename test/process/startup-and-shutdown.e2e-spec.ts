import { readTestServices } from '../setup/test-services.js';
import { processEnv, spawnServer } from '../support/spawn-server.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { freePort } from '../support/wait.js';

describe('the server process', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  const baseEnv = (port: number): Record<string, string> =>
    processEnv(database, { port, prefix: `tproc${port}`, redisUrl: readTestServices().redisUrl });

  it('refuses to start without a required variable, naming it in one line', async () => {
    const env = baseEnv(await freePort());
    delete (env as Partial<Record<string, string>>).DATABASE_URL;
    const server = spawnServer('dist/src/main.js', { ...env, PORT: 'eighty' });
    const { code } = await server.exited();
    expect(code).not.toBe(0);
    const lines = server.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('DATABASE_URL is required');
    expect(lines[0]).toContain('PORT must be an integer');
    expect(server.output()).not.toMatch(/\n\s+at /);
  });

  it('exits non-zero within 30 s, in one line, when the database port is closed', async () => {
    const closedPort = await freePort();
    const server = spawnServer('dist/src/main.js', {
      ...baseEnv(await freePort()),
      DATABASE_URL: `postgres://app:s3cret-pw@127.0.0.1:${closedPort}/myhibachi`,
      DATABASE_CONNECT_TIMEOUT_MS: '3000',
    });
    const { code, ms } = await server.exited();
    expect(code).not.toBe(0);
    expect(ms).toBeLessThan(30_000);
    const output = server.output().trim();
    expect(output.split('\n')).toHaveLength(1);
    expect(output).toMatch(
      new RegExp(
        `Database unreachable at postgres://app:\\*\\*\\*@127\\.0\\.0\\.1:${closedPort}/myhibachi: ECONNREFUSED`,
      ),
    );
    expect(output).not.toContain('s3cret-pw');
  }, 60_000);

  it('lets an in-flight request finish on SIGTERM and exits 0', async () => {
    const port = await freePort();
    const server = spawnServer('test/fixtures/slow-server.mjs', baseEnv(port));
    try {
      await server.waitFor('listening on');
      const pending = fetch(`http://127.0.0.1:${port}/slow`).then(async (response) => ({
        status: response.status,
        body: await response.json(),
      }));
      await server.waitFor('SLOW_STARTED');
      server.child.kill('SIGTERM');
      const response = await pending;
      expect(response).toEqual({ status: 200, body: { finished: true } });
      const { code } = await server.exited();
      expect(code).toBe(0);
      expect(server.output()).toContain('Shutdown complete');
      // After shutdown the port is closed: nothing takes new requests.
      await expect(fetch(`http://127.0.0.1:${port}/api/v1/health`)).rejects.toThrow();
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 60_000);
});
