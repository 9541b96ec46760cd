import type { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { MIGRATIONS_TABLE } from './data-source-options.js';

/** Names of known migrations that the database has not run yet. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const known = MIGRATIONS.map((migration) => new migration().name ?? migration.name);
  const exists = await dataSource.query<{ exists: boolean }[]>('SELECT to_regclass($1) IS NOT NULL AS exists', [
    MIGRATIONS_TABLE,
  ]);
  if (!exists[0]?.exists) return known;
  const rows = await dataSource.query<{ name: string }[]>(`SELECT name FROM "${MIGRATIONS_TABLE}"`);
  const applied = new Set(rows.map((row) => row.name));
  return known.filter((name) => !applied.has(name));
}
