import argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { loadMigrationConfig } from '../../src/config/index.js';
import { dataSourceOptions } from '../../src/infrastructure/database/data-source-options.js';
import { runSeeds } from '../../seeds/index.js';
import { DEMO_PASSWORD } from '../../seeds/users-and-stations.seed.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('seeds', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource(dataSourceOptions(loadMigrationConfig({ DATABASE_URL: database.url })));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  const counts = async (): Promise<Record<string, number>> => {
    const [row] = await dataSource.query<Record<string, string>[]>(
      `SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM stations) AS stations,
              (SELECT count(*) FROM station_members) AS members,
              (SELECT count(*) FROM users WHERE role = 'super_admin') AS admins,
              (SELECT count(*) FROM notification_groups) AS groups,
              (SELECT coalesce(sum(cardinality(member_user_ids)), 0) FROM notification_groups) AS "groupMembers"`,
    );
    return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)]));
  };

  it('creates the super admin and demo data, and a second run changes nothing', async () => {
    const config = loadMigrationConfig({
      DATABASE_URL: database.url,
      SEED_SUPER_ADMIN_EMAIL: ' Boss@Example.com ',
      SEED_SUPER_ADMIN_PASSWORD: 'boss-password-123',
      SEED_DEMO_DATA: 'true',
    });
    const log: string[] = [];
    await runSeeds(dataSource, config, (line) => log.push(line));
    const first = await counts();
    expect(first).toEqual({ users: 8, stations: 2, members: 6, admins: 1, groups: 2, groupMembers: 4 });

    await runSeeds(dataSource, config, () => undefined);
    expect(await counts()).toEqual(first);
    expect(log.at(-1)).toBe('Seeds done (3 steps)');

    const [admin] = await dataSource.query<{ password_hash: string }[]>(
      "SELECT password_hash FROM users WHERE email = 'boss@example.com' AND role = 'super_admin'",
    );
    expect(admin.password_hash).toMatch(/^\$argon2id\$/);
    expect(await argon2.verify(admin.password_hash, 'boss-password-123')).toBe(true);
    const [chef] = await dataSource.query<{ password_hash: string }[]>(
      "SELECT password_hash FROM users WHERE email = 'chef.sjo@demo.myhibachi.local'",
    );
    expect(await argon2.verify(chef.password_hash, DEMO_PASSWORD)).toBe(true);
  });

  it('refuses to promote a pre-registered account whose password differs', async () => {
    await dataSource.query(
      "INSERT INTO users (email, password_hash, full_name, role) VALUES ('squat@example.com', $1, 'Squatter', 'customer')",
      [await argon2.hash('attacker-password-1', { type: argon2.argon2id })],
    );
    const config = loadMigrationConfig({
      DATABASE_URL: database.url,
      SEED_SUPER_ADMIN_EMAIL: 'squat@example.com',
      SEED_SUPER_ADMIN_PASSWORD: 'operator-password-1',
      SEED_DEMO_DATA: 'false',
    });
    await expect(runSeeds(dataSource, config, () => undefined)).rejects.toThrow('not promoting it');
    const [row] = await dataSource.query<{ role: string }[]>(
      "SELECT role FROM users WHERE email = 'squat@example.com'",
    );
    expect(row.role).toBe('customer');
  });

  it('seeds no demo data when it is switched off', async () => {
    const fresh = await createTestDatabase();
    const other = new DataSource(dataSourceOptions(loadMigrationConfig({ DATABASE_URL: fresh.url })));
    await other.initialize();
    try {
      await runSeeds(other, loadMigrationConfig({ DATABASE_URL: fresh.url, SEED_DEMO_DATA: 'false' }), () => undefined);
      const [row] = await other.query<{ n: string }[]>('SELECT count(*) AS n FROM stations');
      expect(Number(row.n)).toBe(0);
    } finally {
      await other.destroy();
      await fresh.drop();
    }
  });
});
