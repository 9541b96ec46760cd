import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import type supertest from 'supertest';
import { DataSource } from 'typeorm';
import type { StationRole, UserRole } from '../../src/common/index.js';
import { DEFAULT_STATION_SETTINGS } from '../../src/modules/stations/domain/station-settings.js';
import type { TestApp } from './test-app.js';

export const TEST_PASSWORD = 'test-password-42';
let passwordHash: Promise<string> | undefined;

const unique = (): string => randomBytes(4).toString('hex');

function randomStationCode(): string {
  const bytes = randomBytes(4);
  const letters = [0, 1, 2].map((index) => String.fromCharCode(65 + (bytes[index] % 26))).join('');
  return `${letters}${bytes[3] % 100}`;
}

/** Builds valid rows in one line each, straight into the suite's database. */
export class Factories {
  constructor(private readonly sut: TestApp) {}

  private get db(): DataSource {
    return this.sut.app.get(DataSource);
  }

  async user(
    overrides: { role?: UserRole; email?: string; fullName?: string; phone?: string } = {},
  ): Promise<{ id: string; email: string }> {
    passwordHash ??= argon2.hash(TEST_PASSWORD, { type: argon2.argon2id });
    const email = overrides.email ?? `user-${unique()}@example.com`;
    const [row] = await this.db.query<{ id: string }[]>(
      'INSERT INTO users (email, password_hash, full_name, role, phone) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [
        email,
        await passwordHash,
        overrides.fullName ?? 'Test User',
        overrides.role ?? 'customer',
        overrides.phone ?? null,
      ],
    );
    return { id: row.id, email };
  }

  async station(overrides: { name?: string; code?: string } = {}): Promise<{ id: string; code: string }> {
    const code = overrides.code ?? randomStationCode();
    const [row] = await this.db.query<{ id: string }[]>(
      `INSERT INTO stations (code, name, timezone, address, latitude, longitude, service_area, settings)
       VALUES ($1, $2, 'America/Los_Angeles', $3, 37.3, -121.9, $4, $5) RETURNING id`,
      [
        code,
        overrides.name ?? `Station ${code}`,
        { line1: '1 Main St', city: 'San Jose', region: 'CA', postalCode: '95112', country: 'US' },
        { zipCodes: ['95112'], radiusMiles: 20, travelFeeTiers: [{ upToMiles: 20, feeCents: 0 }] },
        DEFAULT_STATION_SETTINGS,
      ],
    );
    return { id: row.id, code };
  }

  async member(stationId: string, role: StationRole, userId?: string): Promise<{ id: string; email: string }> {
    const user = userId ? { id: userId, email: '' } : await this.user({ role: 'staff' });
    await this.db.query(
      'INSERT INTO station_members (station_id, user_id, role, display_name) VALUES ($1, $2, $3, $4)',
      [stationId, user.id, role, `${role} ${unique()}`],
    );
    return user;
  }

  /** The bearer header of a new member of a station with `role`, logged in through the API. */
  async memberBearer(stationId: string, role: StationRole): Promise<string> {
    return (await this.login((await this.member(stationId, role)).email)).bearer;
  }

  /** The bearer header of a new account (a customer unless told), logged in through the API. */
  async userBearer(overrides: Parameters<Factories['user']>[0] = {}): Promise<string> {
    return (await this.login((await this.user(overrides)).email)).bearer;
  }

  /** Logs in through the API and returns the bearer header value and the refresh token. */
  async login(
    email: string,
    password = TEST_PASSWORD,
  ): Promise<{ bearer: string; refreshToken: string; accessToken: string }> {
    const response: supertest.Response = await this.sut
      .http()
      .post('/api/v1/auth/login')
      .send({ email, password })
      .expect(200);
    const { accessToken, refreshToken } = response.body as { accessToken: string; refreshToken: string };
    return { bearer: `Bearer ${accessToken}`, accessToken, refreshToken };
  }
}
