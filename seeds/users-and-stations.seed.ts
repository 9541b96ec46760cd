import argon2 from 'argon2';
import type { DataSource } from 'typeorm';
import { DEFAULT_STATION_SETTINGS } from '../src/modules/stations/domain/station-settings.js';
import type { SeedStep } from './index.js';

/** Password of every demo account (local runs only; README lists the logins). */
export const DEMO_PASSWORD = 'Demo-Password-2026';

interface SeedUser {
  email: string;
  fullName: string;
  role: 'super_admin' | 'staff' | 'customer';
}

/** Inserts the user unless the e-mail exists; an existing user keeps their password. Returns the id. */
async function upsertUser(dataSource: DataSource, user: SeedUser, password: string): Promise<string> {
  const email = user.email.trim().toLowerCase();
  const existing = await dataSource.query<{ id: string }[]>(
    'SELECT id FROM users WHERE email = $1 AND deleted_at IS NULL',
    [email],
  );
  if (existing.length > 0) return existing[0].id;
  await dataSource.query(
    `INSERT INTO users (email, password_hash, full_name, role)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (email) WHERE deleted_at IS NULL DO NOTHING`,
    [email, await argon2.hash(password, { type: argon2.argon2id }), user.fullName, user.role],
  );
  const rows = await dataSource.query<{ id: string }[]>(
    'SELECT id FROM users WHERE email = $1 AND deleted_at IS NULL',
    [email],
  );
  return rows[0].id;
}

export const superAdminSeed: SeedStep = {
  name: 'super admin (SEED_SUPER_ADMIN_EMAIL)',
  async run(dataSource, config) {
    const { superAdminEmail, superAdminPassword } = config.seed;
    if (!superAdminEmail || !superAdminPassword) return;
    const id = await upsertUser(
      dataSource,
      { email: superAdminEmail, fullName: 'Super Admin', role: 'super_admin' },
      superAdminPassword,
    );
    const [user] = await dataSource.query<{ role: string; password_hash: string }[]>(
      'SELECT role, password_hash FROM users WHERE id = $1',
      [id],
    );
    if (user.role === 'super_admin') return;
    // Someone registered this e-mail before the seed ran: promote it only if it is provably the
    // operator's (the configured password opens it); otherwise an attacker could pre-register it.
    if (!(await argon2.verify(user.password_hash, superAdminPassword))) {
      throw new Error(
        `SEED_SUPER_ADMIN_EMAIL ${superAdminEmail} belongs to an existing ${user.role} account with another password; not promoting it`,
      );
    }
    await dataSource.query("UPDATE users SET role = 'super_admin', is_active = true WHERE id = $1", [id]);
  },
};

export const DEMO_STATIONS = [
  {
    code: 'SJO',
    name: 'San Jose',
    timezone: 'America/Los_Angeles',
    address: { line1: '200 E Santa Clara St', city: 'San Jose', region: 'CA', postalCode: '95113', country: 'US' },
    latitude: 37.3382,
    longitude: -121.8863,
    serviceArea: {
      zipCodes: ['95110', '95112', '95113', '95116', '95125'],
      radiusMiles: 40,
      travelFeeTiers: [
        { upToMiles: 15, feeCents: 0 },
        { upToMiles: 30, feeCents: 5000 },
        { upToMiles: 40, feeCents: 9000 },
      ],
    },
    contactPhone: '+1 408 555 0100',
    contactEmail: 'sanjose@myhibachi.local',
  },
  {
    code: 'SAC',
    name: 'Sacramento',
    timezone: 'America/Los_Angeles',
    address: { line1: '915 I St', city: 'Sacramento', region: 'CA', postalCode: '95814', country: 'US' },
    latitude: 38.5816,
    longitude: -121.4944,
    serviceArea: {
      zipCodes: ['95814', '95816', '95818'],
      radiusMiles: 30,
      travelFeeTiers: [
        { upToMiles: 10, feeCents: 0 },
        { upToMiles: 30, feeCents: 6000 },
      ],
    },
    contactPhone: '+1 916 555 0100',
    contactEmail: 'sacramento@myhibachi.local',
  },
];

/** Demo login e-mails by station code and role, e.g. admin.sjo@demo.myhibachi.local. */
export const DEMO_STAFF_ROLES = [
  { prefix: 'admin', role: 'station_admin', title: 'Station admin' },
  { prefix: 'manager', role: 'manager', title: 'Manager' },
  { prefix: 'chef', role: 'chef', title: 'Chef' },
] as const;

export const demoDataSeed: SeedStep = {
  name: 'demo stations, staff and a customer (SEED_DEMO_DATA)',
  async run(dataSource, config) {
    if (!config.seed.demoData) return;
    for (const station of DEMO_STATIONS) {
      await dataSource.query(
        `INSERT INTO stations (code, name, timezone, address, latitude, longitude, service_area, contact_phone, contact_email, settings)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (code) DO NOTHING`,
        [
          station.code,
          station.name,
          station.timezone,
          station.address,
          station.latitude,
          station.longitude,
          station.serviceArea,
          station.contactPhone,
          station.contactEmail,
          DEFAULT_STATION_SETTINGS,
        ],
      );
      const [{ id: stationId }] = await dataSource.query<{ id: string }[]>('SELECT id FROM stations WHERE code = $1', [
        station.code,
      ]);
      for (const staff of DEMO_STAFF_ROLES) {
        const userId = await upsertUser(
          dataSource,
          {
            email: `${staff.prefix}.${station.code.toLowerCase()}@demo.myhibachi.local`,
            fullName: `${staff.title} ${station.name}`,
            role: 'staff',
          },
          DEMO_PASSWORD,
        );
        await dataSource.query(
          `INSERT INTO station_members (station_id, user_id, role, display_name)
           VALUES ($1, $2, $3, $4)
           ON CONFLICT ON CONSTRAINT station_members_station_user_key DO NOTHING`,
          [stationId, userId, staff.role, `${staff.title} ${station.name}`],
        );
      }
    }
    await upsertUser(
      dataSource,
      { email: 'customer@demo.myhibachi.local', fullName: 'Demo Customer', role: 'customer' },
      DEMO_PASSWORD,
    );
  },
};
