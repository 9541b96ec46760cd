import { DataSource } from 'typeorm';
import { Factories, TEST_PASSWORD } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const newStation = (name: string) => ({
  name,
  timezone: 'America/Los_Angeles',
  address: { line1: '1 Main St', city: 'Fresno', region: 'CA', postalCode: '93721', country: 'US' },
  latitude: 36.74,
  longitude: -119.78,
  serviceArea: { zipCodes: ['93721'], radiusMiles: 25, travelFeeTiers: [{ upToMiles: 25, feeCents: 0 }] },
});

describe('stations under hostile or concurrent input', () => {
  let sut: TestApp;
  let factories: Factories;
  let superAdmin: string;

  beforeAll(async () => {
    sut = await createTestApp();
    factories = new Factories(sut);
    superAdmin = await factories.userBearer({ role: 'super_admin' });
  });
  afterAll(() => sut.close());

  async function stationWithAdmin(): Promise<{ stationId: string; adminId: string; bearer: string }> {
    const station = await factories.station();
    const admin = await factories.member(station.id, 'station_admin');
    return { stationId: station.id, adminId: admin.id, bearer: (await factories.login(admin.email)).bearer };
  }

  it('never hands an existing account to a station through an initial password', async () => {
    const { stationId, bearer } = await stationWithAdmin();
    const squatter = await factories.user({ email: 'new.hire@example.com' });
    const response = await sut
      .http()
      .post(`/api/v1/stations/${stationId}/members`)
      .set('Authorization', bearer)
      .send({
        email: 'new.hire@example.com',
        role: 'station_admin',
        displayName: 'New Hire',
        initialPassword: 'welcome aboard 1',
      })
      .expect(409);
    expect(response.body.code).toBe('email_taken');
    const [row] = await sut.app
      .get(DataSource)
      .query<{ role: string; members: string }[]>(
        'SELECT role, (SELECT count(*) FROM station_members WHERE user_id = $1) AS members FROM users WHERE id = $1',
        [squatter.id],
      );
    expect(row).toEqual({ role: 'customer', members: '0' });
  });

  it('links an existing account without changing its global role', async () => {
    const { stationId, bearer } = await stationWithAdmin();
    const customer = await factories.user();
    await sut
      .http()
      .post(`/api/v1/stations/${stationId}/members`)
      .set('Authorization', bearer)
      .send({ email: customer.email, role: 'staff', displayName: 'Weekend help' })
      .expect(201);
    const session = await factories.login(customer.email, TEST_PASSWORD);
    const me = await sut.http().get('/api/v1/auth/me').set('Authorization', session.bearer).expect(200);
    expect(me.body).toMatchObject({ role: 'customer', memberships: [{ stationId, role: 'staff' }] });
  });

  it.each([
    ['a NUL character', { name: 'Fres\u0000no' }, 'name'],
    ['null for a required field', { name: null }, 'name'],
    ['null for a required setting', { settings: { slotTimes: null } }, 'settings.slotTimes'],
    ['an absurd price', { settings: { prices: { adultCents: 1e15 } } }, 'settings.prices.adultCents'],
    ['incoherent ages', { settings: { prices: { toddlerMaxAge: 14 } } }, 'settings.prices.toddlerMaxAge'],
    ['a latitude as text', { latitude: '36.7' }, 'latitude'],
  ])('answers 400 naming the field for %s, and changes nothing', async (_case, body, field) => {
    const station = await factories.station();
    const before = await sut.http().get(`/api/v1/stations/${station.id}`).set('Authorization', superAdmin).expect(200);
    const response = await sut
      .http()
      .patch(`/api/v1/stations/${station.id}`)
      .set('Authorization', superAdmin)
      .send(body)
      .expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    const after = await sut.http().get(`/api/v1/stations/${station.id}`).set('Authorization', superAdmin).expect(200);
    expect(after.body).toEqual(before.body);
  });

  it('gives concurrent stations of the same name distinct codes', async () => {
    const responses = await Promise.all(
      Array.from({ length: 4 }, () =>
        sut.http().post('/api/v1/stations').set('Authorization', superAdmin).send(newStation('Fresno')),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(responses.map((response) => response.body.code)).size).toBe(4);
  });

  it('adds a member once when the same request races', async () => {
    const { stationId, bearer } = await stationWithAdmin();
    const user = await factories.user();
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        sut
          .http()
          .post(`/api/v1/stations/${stationId}/members`)
          .set('Authorization', bearer)
          .send({ email: user.email, role: 'chef', displayName: 'Chef' }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    for (const response of responses.filter((candidate) => candidate.status === 409))
      expect(response.body.code).toBe('member_exists');
  });

  it('lets only a super admin deactivate a station', async () => {
    const { stationId, bearer } = await stationWithAdmin();
    const refused = await sut
      .http()
      .patch(`/api/v1/stations/${stationId}`)
      .set('Authorization', bearer)
      .send({ isActive: false })
      .expect(403);
    expect(refused.body.code).toBe('forbidden');
    await sut
      .http()
      .patch(`/api/v1/stations/${stationId}`)
      .set('Authorization', superAdmin)
      .send({ isActive: false })
      .expect(200);
  });

  it('keeps at least one active station admin', async () => {
    const { stationId, adminId, bearer } = await stationWithAdmin();
    await sut
      .http()
      .patch(`/api/v1/stations/${stationId}/members/${adminId}`)
      .set('Authorization', bearer)
      .send({ role: 'manager' })
      .expect(409);
    await sut
      .http()
      .delete(`/api/v1/stations/${stationId}/members/${adminId}`)
      .set('Authorization', bearer)
      .expect(409);
    const second = await factories.member(stationId, 'station_admin');
    await sut
      .http()
      .delete(`/api/v1/stations/${stationId}/members/${second.id}`)
      .set('Authorization', bearer)
      .expect(204);
  });

  it("records the actor's role at the station in the audit row", async () => {
    const { stationId, bearer, adminId } = await stationWithAdmin();
    await sut
      .http()
      .patch(`/api/v1/stations/${stationId}`)
      .set('Authorization', bearer)
      .set('X-Request-Id', 'role-check')
      .send({ contactPhone: '+1 559 555 0100' })
      .expect(200);
    const rows = await sut.app
      .get(DataSource)
      .query<{ actor_user_id: string; actor_role: string }[]>(
        "SELECT actor_user_id, actor_role FROM audit_logs WHERE request_id = 'role-check'",
      );
    expect(rows).toEqual([{ actor_user_id: adminId, actor_role: 'station_admin' }]);
  });

  it.each([
    ['a forged cursor', `cursor=${Buffer.from(JSON.stringify(['1', '-'.repeat(36)])).toString('base64url')}`],
    ['a basic-format date', 'from=20240101'],
    ['an impossible date', 'to=2026-13-45T00:00:00Z'],
  ])('answers 400 to the audit list for %s', async (_case, query) => {
    await sut.http().get(`/api/v1/admin/audit-logs?${query}`).set('Authorization', superAdmin).expect(400);
  });
});
