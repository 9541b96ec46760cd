import pg from 'pg';
import { redactUrl, type AppConfig } from '../../config/index.js';

export class DatabaseUnavailableError extends Error {}

/**
 * Fails fast, in one line, when PostgreSQL does not answer: start-up retries for at most
 * `connectTimeoutMs` (a database container may still be starting) and then gives up.
 */
export async function waitForDatabase(
  config: AppConfig,
  sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)),
): Promise<void> {
  const deadline = Date.now() + config.database.connectTimeoutMs;
  let lastError = 'no attempt made';
  while (Date.now() < deadline) {
    const client = new pg.Client({
      connectionString: config.database.url,
      ssl: config.database.ssl ? { rejectUnauthorized: true } : false,
      connectionTimeoutMillis: Math.max(500, Math.min(5000, deadline - Date.now())),
    });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      const err = error as NodeJS.ErrnoException;
      lastError = err.code ? `${err.code} ${err.message}` : err.message;
      // Wrong credentials or a missing database will not fix themselves: stop at once.
      if (err.code === '28P01' || err.code === '28000' || err.code === '3D000') break;
      await sleep(500);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  throw new DatabaseUnavailableError(`Database unreachable at ${redactUrl(config.database.url)}: ${lastError}`);
}
