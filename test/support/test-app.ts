import { randomBytes } from 'node:crypto';
import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import supertest from 'supertest';
import { createApp } from '../../src/bootstrap.js';
import { loadAppConfig, type AppConfig } from '../../src/config/index.js';
import { readTestServices } from '../setup/test-services.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const TEST_JWT_SECRET = 'test-only-jwt-secret-0123456789abcdef';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  database: TestDatabase;
  http(): supertest.Agent;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  extraModules?: DynamicModule['imports'];
}

/** Environment of a test process: its own database and Redis key prefix, nothing from `.env`. */
export function testEnv(
  database: TestDatabase,
  prefix: string,
  env: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    APP_ROLE: 'all',
    DATABASE_URL: database.url,
    REDIS_URL: readTestServices().redisUrl,
    REDIS_KEY_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    JWT_ACCESS_SECRET: TEST_JWT_SECRET,
    SEED_DEMO_DATA: 'false',
    ...env,
  };
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    for (const pattern of [`${prefix}:*`, `{${prefix}}:*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

/**
 * The production application, on a fresh migrated database and a private Redis key prefix.
 * One per suite: `@Transactional()` (nestjs-cls) resolves a process-wide TransactionHost, so a
 * second app in the same suite would take over, and closing it would break the first.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const prefix = `t${randomBytes(4).toString('hex')}`;
  const config = loadAppConfig(testEnv(database, prefix, options.env));
  const app = await createApp(config, options.extraModules);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    config,
    database,
    http: () => supertest.agent(app.getHttpServer()),
    close: async () => {
      await app.close();
      await deleteKeys(config.redis.url, prefix);
      await database.drop();
    },
  };
}
