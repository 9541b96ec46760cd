import { QUEUES } from '../../src/infrastructure/queue/queues.js';
import { Factories } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('queue dashboard', () => {
  let sut: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    sut = await createTestApp();
    factories = new Factories(sut);
  });
  afterAll(() => sut.close());

  it('refuses anonymous visitors and staff below station admin', async () => {
    const anonymous = await sut.http().get('/api/v1/admin/queues').expect(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    const station = await factories.station();
    const chef = await factories.login((await factories.member(station.id, 'chef')).email);
    await sut.http().get('/api/v1/admin/queues').set('Authorization', chef.bearer).expect(403);
    await sut.http().post('/api/v1/admin/queues/session').set('Authorization', chef.bearer).expect(403);
  });

  it('lets a station admin in through a short-lived HttpOnly session cookie', async () => {
    const station = await factories.station();
    const admin = await factories.login((await factories.member(station.id, 'station_admin')).email);
    const session = await sut
      .http()
      .post('/api/v1/admin/queues/session')
      .set('Authorization', admin.bearer)
      .expect(204);
    const cookie = String(session.headers['set-cookie']);
    expect(cookie).toMatch(
      /^mh_queues_session=.+; Path=\/api\/v1\/admin\/queues; HttpOnly; SameSite=Strict; Max-Age=900/,
    );

    const page = await sut.http().get('/api/v1/admin/queues').set('Cookie', cookie.split(';')[0]).expect(200);
    expect(page.text).toContain('<html');
    const api = await sut.http().get('/api/v1/admin/queues/api/queues').set('Cookie', cookie.split(';')[0]).expect(200);
    expect(api.body.queues.map((queue: { name: string }) => queue.name).sort()).toEqual(Object.values(QUEUES).sort());

    await sut.http().get('/api/v1/admin/queues').set('Cookie', 'mh_queues_session=forged.token.value').expect(401);
  });
});
