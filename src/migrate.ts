import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigValidationError, loadMigrationConfig, readProcessEnv } from './config/index.js';
import { dataSourceOptions } from './infrastructure/database/data-source-options.js';
import { runSeeds } from '../seeds/index.js';

/**
 * The migration entry point of the compiled app (`npm run migration:run|migration:revert|seed`).
 * It uses the app's own data source options, so CLI and app can never disagree.
 */
const log = (line: string): void => void process.stdout.write(`${line}\n`);

async function main(command: string | undefined): Promise<void> {
  const config = loadMigrationConfig(readProcessEnv());
  const dataSource = new DataSource({ ...dataSourceOptions(config), logging: ['error'] });
  await dataSource.initialize();
  try {
    switch (command) {
      case 'run': {
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        log(applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'No pending migrations');
        break;
      }
      case 'revert':
        await dataSource.undoLastMigration({ transaction: 'each' });
        log('Reverted the last migration');
        break;
      case 'seed':
        await runSeeds(dataSource, config, log);
        break;
      case undefined:
      default:
        throw new Error(`Unknown command "${command ?? ''}": use run, revert or seed`);
    }
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  const message = error instanceof ConfigValidationError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
