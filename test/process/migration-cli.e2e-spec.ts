import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT } from '../setup/test-services.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const run = promisify(execFile);

/** The migration entry points as an operator runs them (compiled; `npm test` builds first). */
describe('migration CLI', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  const env = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, DATABASE_URL: database.url });

  it('reports nothing pending on a migrated database, and needs no Redis or JWT settings', async () => {
    const { stdout } = await run(process.execPath, ['dist/src/migrate.js', 'run'], { cwd: ROOT, env: env() });
    expect(stdout.trim()).toBe('No pending migrations');
  });

  it('generates no migration when the entities match the schema', async () => {
    const { stdout } = await run(process.execPath, ['scripts/generate-migration.ts', 'NothingChanged'], {
      cwd: ROOT,
      env: env(),
    });
    expect(stdout.trim()).toBe('No changes: the database already matches the entities.');
  }, 60_000);

  it('reverts the last migration and applies it again', async () => {
    const reverted = await run(process.execPath, ['dist/src/migrate.js', 'revert'], { cwd: ROOT, env: env() });
    expect(reverted.stdout.trim()).toBe('Reverted the last migration');
    const applied = await run(process.execPath, ['dist/src/migrate.js', 'run'], { cwd: ROOT, env: env() });
    expect(applied.stdout.trim()).toMatch(/^Applied \w+\d+$/);
  });
});
