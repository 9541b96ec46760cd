import pg from 'pg';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ensurePostgres, ensureRedis, isPortOpen, type RunningService } from '../../scripts/lib/local-services.ts';
import {
  EMBEDDED_TEST_POSTGRES_PORT,
  EMBEDDED_TEST_REDIS_PORT,
  publishTestServices,
  ROOT,
  templateDatabaseName,
  TEST_DATA_DIR,
  withDatabase,
} from './test-services.ts';

// Quiet unless something is started or installed: an embedded start or an install takes a while.
const log = {
  info: (message: string) => void process.stderr.write(`[test setup] ${message}\n`),
  warn: (message: string) => void process.stderr.write(`[test setup] ${message}\n`),
};

declare global {
  var __TEST_SERVICES__: RunningService[] | undefined;
}

async function defaultUrl(port: number, url: string): Promise<string | undefined> {
  return (await isPortOpen('127.0.0.1', port, 500)) ? url : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Drops test databases left by runs that were killed before their suites could clean up. */
async function dropOrphanedDatabases(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'mh\\_test\\_w%'",
  );
  for (const { datname } of rows) {
    const pid = Number(/^mh_test_w(\d+)_/.exec(datname)?.[1]);
    if (!isAlive(pid)) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}

/** Migrates a template database once; each suite then clones it in milliseconds. */
async function ensureTemplate(serverUrl: string, redisUrl: string, template: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await dropOrphanedDatabases(admin);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (rowCount) return;
    const { rows: stale } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'mh\\_test\\_tpl\\_%'",
    );
    for (const { datname } of stale) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    const building = `${template}_building`;
    await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${building}"`);
    // The compiled app's own migrate entry point (`npm test` builds first), exactly as deploys run it.
    await promisify(execFile)(process.execPath, ['dist/src/migrate.js', 'run'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: withDatabase(serverUrl, building), REDIS_URL: redisUrl },
    });
    // Renamed only once complete, so an interrupted build is never taken for a good template.
    await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
  } finally {
    await admin.end();
  }
}

/**
 * A server named in the environment must work; the machine's default port is only a guess, and an
 * unusable server there (say, one that wants a password) falls back to the embedded one.
 */
async function startOrFallBack(
  configured: string | undefined,
  guess: string | undefined,
  ensure: (configuredUrl: string | undefined) => Promise<RunningService>,
): Promise<RunningService> {
  if (configured) return ensure(configured);
  if (guess) {
    try {
      return await ensure(guess);
    } catch (error) {
      log.warn(`${(error as Error).message}; using an embedded server instead`);
    }
  }
  return ensure(undefined);
}

export default async function globalSetup(): Promise<void> {
  const postgres = await startOrFallBack(
    process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL,
    await defaultUrl(5432, 'postgres://postgres@127.0.0.1:5432/postgres'),
    (configuredUrl) =>
      ensurePostgres({
        configuredUrl,
        dataDir: `${TEST_DATA_DIR}/postgres`,
        port: EMBEDDED_TEST_POSTGRES_PORT,
        database: 'postgres',
        logger: log,
      }),
  );
  const redis = await startOrFallBack(
    process.env.TEST_REDIS_URL ?? process.env.REDIS_URL,
    await defaultUrl(6379, 'redis://127.0.0.1:6379'),
    (configuredUrl) =>
      ensureRedis({ configuredUrl, dataDir: `${TEST_DATA_DIR}/redis`, port: EMBEDDED_TEST_REDIS_PORT, logger: log }),
  );
  globalThis.__TEST_SERVICES__ = [postgres, redis];
  const templateDatabase = templateDatabaseName();
  await ensureTemplate(postgres.url, redis.url, templateDatabase);
  publishTestServices({ postgresServerUrl: postgres.url, templateDatabase, redisUrl: redis.url });
}
