import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What global setup found or started, handed to the test workers through the environment. */
export interface TestServices {
  /** A PostgreSQL URL on the test server; any database of it works for CREATE/DROP DATABASE. */
  postgresServerUrl: string;
  templateDatabase: string;
  redisUrl: string;
}

// Jest loads global setup as CommonJS, where import.meta does not exist; npm runs from the root.
export const ROOT = process.cwd();
export const TEST_DATA_DIR = path.join(ROOT, '.data', 'test');
export const EMBEDDED_TEST_POSTGRES_PORT = 54329;
export const EMBEDDED_TEST_REDIS_PORT = 56379;

const ENV_KEY = 'MYHIBACHI_TEST_SERVICES';

export function publishTestServices(services: TestServices): void {
  process.env[ENV_KEY] = JSON.stringify(services);
}

export function readTestServices(): TestServices {
  const raw = process.env[ENV_KEY];
  if (!raw) throw new Error('Test services are not set up: run the e2e suites through `npm test`.');
  return JSON.parse(raw) as TestServices;
}

/** The template database's name changes whenever a migration changes, so a stale one is never reused. */
export function templateDatabaseName(): string {
  const dir = path.join(ROOT, 'migrations');
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).sort()) hash.update(file).update(readFileSync(path.join(dir, file)));
  return `mh_test_tpl_${hash.digest('hex').slice(0, 12)}`;
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
