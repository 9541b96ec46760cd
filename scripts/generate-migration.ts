// `npm run migration:generate -- <Name>`: writes a migration from the difference between the compiled
// entities and a migrated database, and appends it to migrations/index.ts.
// Uses DATABASE_URL, or the embedded PostgreSQL of `npm run up` when it is unset.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { glob } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DataSource } from 'typeorm';
import { ensurePostgres } from './lib/local-services.ts';

const root = path.resolve(import.meta.dirname, '..');

interface SqlQuery {
  query: string;
  parameters?: unknown[];
}

/**
 * Our migrations name their constraints and indexes by hand (partial unique indexes, CHECKs,
 * cross-module foreign keys) and the entities do not model them, so TypeORM's diff would drop them.
 * Statements about objects not named the TypeORM way (PK_, FK_, IDX_, UQ_, CHK_, REL_, DF_) are
 * left out: such objects are written by hand in migrations.
 */
function withoutHandWrittenObjects(sql: { upQueries: SqlQuery[]; downQueries: SqlQuery[] }) {
  const handWritten = (query: SqlQuery): boolean => {
    const names = [
      ...query.query.matchAll(/(?:CONSTRAINT|INDEX)\s+(?:IF EXISTS\s+)?"?(?:public"?\."?)?([A-Za-z0-9_]+)"?/g),
    ].map((match) => match[1]);
    return names.length > 0 && names.every((name) => !/^(PK|FK|IDX|UQ|CHK|REL|DF)_/.test(name));
  };
  return {
    upQueries: sql.upQueries.filter((q) => !handWritten(q)),
    downQueries: sql.downQueries.filter((q) => !handWritten(q)),
  };
}
const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('Usage: npm run migration:generate -- <PascalCaseName>');
  process.exit(2);
}
if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));

const { loadMigrationConfig } = (await import(
  pathToFileURL(path.join(root, 'dist/src/config/index.js')).href
)) as typeof import('../src/config/index.ts');
const { dataSourceOptions } = (await import(
  pathToFileURL(path.join(root, 'dist/src/infrastructure/database/data-source-options.js')).href
)) as typeof import('../src/infrastructure/database/data-source-options.ts');

const postgres = await ensurePostgres({
  configuredUrl: process.env.DATABASE_URL,
  dataDir: path.join(root, '.data/postgres'),
  port: Number(process.env.LOCAL_POSTGRES_PORT ?? 54320),
  database: 'myhibachi',
  logger: { info: () => undefined, warn: (message) => console.warn(message) },
});
try {
  const entities: string[] = [];
  for await (const file of glob('dist/src/**/*.entity.js', { cwd: root })) entities.push(path.join(root, file));
  const config = loadMigrationConfig({ ...process.env, DATABASE_URL: postgres.url });
  const dataSource = new DataSource({ ...dataSourceOptions(config, entities), logging: false });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const sql = withoutHandWrittenObjects(await dataSource.driver.createSchemaBuilder().log());
    if (sql.upQueries.length === 0) {
      console.log('No changes: the database already matches the entities.');
    } else {
      const timestamp = Date.now();
      const className = `${name}${timestamp}`;
      const fileBase = `${timestamp}-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
      const statement = (query: { query: string; parameters?: unknown[] }): string =>
        `    await queryRunner.query(${JSON.stringify(query.query)}${query.parameters?.length ? `, ${JSON.stringify(query.parameters)}` : ''});`;
      const source = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${sql.upQueries.map(statement).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${[...sql.downQueries].reverse().map(statement).join('\n')}
  }
}
`;
      writeFileSync(path.join(root, 'migrations', `${fileBase}.ts`), source);
      const indexPath = path.join(root, 'migrations/index.ts');
      const index = readFileSync(indexPath, 'utf8')
        .replace(/^(import .*;\n)(?![\s\S]*^import )/m, `$1import { ${className} } from './${fileBase}.js';\n`)
        .replace(/(export const MIGRATIONS = \[[^\]]*?),?\s*\]/, `$1, ${className}]`);
      writeFileSync(indexPath, index);
      execFileSync(
        process.execPath,
        [path.join(root, 'node_modules/prettier/bin/prettier.cjs'), '--write', path.join(root, 'migrations')],
        {
          stdio: 'ignore',
        },
      );
      console.log(`Wrote migrations/${fileBase}.ts and listed it in migrations/index.ts; review it before committing.`);
    }
  } finally {
    await dataSource.destroy();
  }
} finally {
  await postgres.stop();
}
