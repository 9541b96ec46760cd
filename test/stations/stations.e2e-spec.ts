import { DataSource } from 'typeorm';
import { Factories } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const newStation = (name: string) => ({
  name,
  timezone: 'America/Los_Angeles',
  address: { line1: '1 Market St', city: 'San Jose', region: 'CA', postalCode: '95112', country: 'US' },
  latitude: 37.33,
  longitude: -121.88,
  serviceArea: { zipCodes: ['95112'], radiusMiles: 25, travelFeeTiers: [{ upToMiles: 25, feeCents: 0 }] },
  settings: { slotTimes: ['12:00', '18:00'], prices: { adultCents: 6500 } },
});

describe('stations and members', () => {
  let sut: TestApp;
  let factories: Factories;
  let admin: string;

  beforeAll(async () => {
    sut = await createTestApp();
    factories = new Factories(sut);
    const superAdmin = await factories.user({ role: 'super_admin' });
    admin = (await factories.login(superAdmin.email)).bearer;
  });
  afterAll(() => sut.close());

  it('creates stations with generated unique codes and default settings filled in', async () => {
    const first = await sut
      .http()
      .post('/api/v1/stations')
      .set('Authorization', admin)
      .send(newStation('San Jose'))
      .expect(201);
    const second = await sut
      .http()
      .post('/api/v1/stations')
      .set('Authorization', admin)
      .send(newStation('San Jose'))
      .expect(201);
    expect([first.body.code, second.body.code]).toEqual(['SJO', 'SJO2']);
    expect(first.body.settings).toMatchObject({
      slotTimes: ['12:00', '18:00'],
      eventDurationMinutes: 120,
      prices: { adultCents: 6500, childCents: 3000, currency: 'USD' },
    });
  });

  it('names each invalid setting', async () => {
    const body = newStation('Bad');
    const response = await sut
      .http()
      .post('/api/v1/stations')
      .set('Authorization', admin)
      .send({
        ...body,
        timezone: 'Mars/Olympus',
        settings: {
          slotTimes: ['25:00'],
          blackoutDates: ['2026-02-30'],
          prices: { adultCents: -1, depositCents: 10.5 },
        },
      })
      .expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'settings.blackoutDates',
      'settings.prices.adultCents',
      'settings.prices.depositCents',
      'settings.slotTimes',
      'timezone',
    ]);
  });

  it('merges a settings patch and keeps the rest', async () => {
    const station = await factories.station();
    const response = await sut
      .http()
      .patch(`/api/v1/stations/${station.id}`)
      .set('Authorization', admin)
      .send({ settings: { guestsPerChef: 12, prices: { depositCents: 15000 } } })
      .expect(200);
    expect(response.body.settings).toMatchObject({
      guestsPerChef: 12,
      eventDurationMinutes: 120,
      prices: { depositCents: 15000, adultCents: 6000 },
    });
  });

  it('lists only active stations publicly, without internal fields', async () => {
    const hidden = await factories.station();
    await sut.app.get(DataSource).query('UPDATE stations SET is_active = false WHERE id = $1', [hidden.id]);
    const response = await sut.http().get('/api/v1/stations').expect(200);
    const ids = response.body.data.map((station: { id: string }) => station.id);
    expect(ids).not.toContain(hidden.id);
    expect(response.body.data.length).toBeGreaterThan(0);
    for (const station of response.body.data) {
      expect(Object.keys(station).sort()).toEqual([
        'city',
        'code',
        'contactEmail',
        'contactPhone',
        'id',
        'name',
        'region',
        'timezone',
      ]);
    }
  });

  it('adds a new staff member who can then log in with the station in their token', async () => {
    const station = await factories.station();
    const stationAdmin = await factories.member(station.id, 'station_admin');
    const bearer = (await factories.login(stationAdmin.email)).bearer;
    const added = await sut
      .http()
      .post(`/api/v1/stations/${station.id}/members`)
      .set('Authorization', bearer)
      .send({ email: 'Kenji@Example.com', role: 'chef', displayName: 'Chef Kenji', initialPassword: 'knife skills 42' })
      .expect(201);
    expect(added.body).toMatchObject({
      email: 'kenji@example.com',
      role: 'chef',
      displayName: 'Chef Kenji',
      isActive: true,
    });

    const chef = await factories.login('kenji@example.com', 'knife skills 42');
    const me = await sut.http().get('/api/v1/auth/me').set('Authorization', chef.bearer).expect(200);
    expect(me.body).toMatchObject({ role: 'staff', memberships: [{ stationId: station.id, role: 'chef' }] });

    const duplicate = await sut
      .http()
      .post(`/api/v1/stations/${station.id}/members`)
      .set('Authorization', bearer)
      .send({ email: 'kenji@example.com', role: 'staff', displayName: 'Again' })
      .expect(409);
    expect(duplicate.body.code).toBe('member_exists');

    const unknown = await sut
      .http()
      .post(`/api/v1/stations/${station.id}/members`)
      .set('Authorization', bearer)
      .send({ email: 'nobody-yet@example.com', role: 'staff', displayName: 'No Password' })
      .expect(422);
    expect(unknown.body.code).toBe('user_not_found');

    const patched = await sut
      .http()
      .patch(`/api/v1/stations/${station.id}/members/${added.body.userId}`)
      .set('Authorization', bearer)
      .send({ role: 'manager' })
      .expect(200);
    expect(patched.body.role).toBe('manager');
    await sut
      .http()
      .delete(`/api/v1/stations/${station.id}/members/${added.body.userId}`)
      .set('Authorization', bearer)
      .expect(204);
    const list = await sut
      .http()
      .get(`/api/v1/stations/${station.id}/members`)
      .set('Authorization', bearer)
      .expect(200);
    expect(list.body.data.map((member: { userId: string }) => member.userId)).not.toContain(added.body.userId);
  });

  it('answers 400, not 500, for a malformed id', async () => {
    const response = await sut.http().get('/api/v1/stations/not-a-uuid').set('Authorization', admin).expect(400);
    expect(response.body.errors[0].field).toBe('id');
  });
});
