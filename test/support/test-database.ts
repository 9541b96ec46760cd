import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { readTestServices, withDatabase } from '../setup/test-services.js';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: readTestServices().postgresServerUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, fully migrated database for one suite, cloned from the template that global setup
 * migrated once. The worker pid in the name lets a later run drop it if this run is killed.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { postgresServerUrl, templateDatabase } = readTestServices();
  const name = `mh_test_w${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabase}"`));
  return {
    name,
    url: withDatabase(postgresServerUrl, name),
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
