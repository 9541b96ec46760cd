import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import type { AppConfig } from '../../config/index.js';

type DatabaseSettings = Pick<AppConfig, 'database'> & { role?: AppConfig['role'] | 'migrate' };

export const MIGRATIONS_TABLE = 'migrations';

/**
 * The single description of our PostgreSQL connection, used by the Nest app, the migrate entry
 * point and the tests. `synchronize` is never on: the schema changes only through migrations.
 */
export function dataSourceOptions(
  config: DatabaseSettings,
  entities: NonNullable<DataSourceOptions['entities']> = [],
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.database.url,
    ssl: config.database.ssl ? { rejectUnauthorized: true } : false,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // Failed queries surface through the error filter's log; expected ones (unique violations) stay quiet.
    logging: ['migration'],
    extra: {
      max: config.database.poolMax,
      connectionTimeoutMillis: config.database.connectTimeoutMs,
      statement_timeout: config.database.statementTimeoutMs,
      application_name: `myhibachi-${config.role ?? 'migrate'}`,
    },
  };
}
