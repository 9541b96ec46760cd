import type { DataSource } from 'typeorm';
import type { MigrationConfig } from '../src/config/index.js';
import { demoNotificationGroupsSeed } from './notification-groups.seed.js';
import { demoDataSeed, superAdminSeed } from './users-and-stations.seed.js';

/** One idempotent seed step: running it twice leaves the same data as running it once. */
export interface SeedStep {
  name: string;
  run(dataSource: DataSource, config: MigrationConfig): Promise<void>;
}

/** Seed steps in dependency order; feature modules append theirs (stations before staff, ...). */
export const SEED_STEPS: SeedStep[] = [superAdminSeed, demoDataSeed, demoNotificationGroupsSeed];

export async function runSeeds(
  dataSource: DataSource,
  config: MigrationConfig,
  log: (line: string) => void,
): Promise<void> {
  for (const step of SEED_STEPS) {
    await step.run(dataSource, config);
    log(`Seeded ${step.name}`);
  }
  log(`Seeds done (${SEED_STEPS.length} step${SEED_STEPS.length === 1 ? '' : 's'})`);
}
