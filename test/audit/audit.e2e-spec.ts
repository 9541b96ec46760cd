import { DataSource } from 'typeorm';
import { Factories } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface AuditRow {
  actor_user_id: string;
  actor_role: string;
  action: string;
  entity: string;
  entity_id: string;
  station_id: string | null;
  changes: Record<string, unknown>;
  request_id: string;
}

describe('audit log', () => {
  let sut: TestApp;
  let factories: Factories;
  let db: DataSource;

  beforeAll(async () => {
    sut = await createTestApp();
    factories = new Factories(sut);
    db = sut.app.get(DataSource);
  });
  afterAll(() => sut.close());

  const rowsFor = (requestId: string) =>
    db.query<AuditRow[]>('SELECT * FROM audit_logs WHERE request_id = $1', [requestId]);

  it('leaves exactly one row per staff write, with the actor and without secrets', async () => {
    const superAdmin = await factories.user({ role: 'super_admin' });
    const bearer = (await factories.login(superAdmin.email)).bearer;
    const station = await factories.station();
    const writes = [
      {
        method: 'patch',
        url: `/api/v1/stations/${station.id}`,
        body: { name: 'Renamed', settings: { guestsPerChef: 9 } },
        action: 'station.update',
      },
      {
        method: 'post',
        url: `/api/v1/stations/${station.id}/members`,
        body: {
          email: 'new.chef@example.com',
          role: 'chef',
          displayName: 'New Chef',
          initialPassword: 'super secret 99',
        },
        action: 'station_member.add',
      },
    ] as const;
    for (const [index, write] of writes.entries()) {
      const requestId = `audit-test-${index}`;
      await sut
        .http()
        [write.method](write.url)
        .set('Authorization', bearer)
        .set('X-Request-Id', requestId)
        .send(write.body)
        .expect(write.method === 'post' ? 201 : 200);
      const rows = await rowsFor(requestId);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        actor_user_id: superAdmin.id,
        actor_role: 'super_admin',
        action: write.action,
        station_id: station.id,
      });
      expect(JSON.stringify(rows[0])).not.toContain('super secret 99');
    }
    const [update] = await rowsFor('audit-test-0');
    expect(update.changes).toEqual({
      name: { from: expect.any(String), to: 'Renamed' },
      settings: {
        from: expect.objectContaining({ guestsPerChef: 15 }),
        to: expect.objectContaining({ guestsPerChef: 9 }),
      },
    });
  });

  it('records deletions, and nothing for reads, failed writes or customers', async () => {
    const station = await factories.station();
    const admin = await factories.member(station.id, 'station_admin');
    const chef = await factories.member(station.id, 'chef');
    const bearer = (await factories.login(admin.email)).bearer;
    await sut
      .http()
      .delete(`/api/v1/stations/${station.id}/members/${chef.id}`)
      .set('Authorization', bearer)
      .set('X-Request-Id', 'audit-del')
      .expect(204);
    expect(await rowsFor('audit-del')).toEqual([
      expect.objectContaining({
        actor_user_id: admin.id,
        action: 'station_member.remove',
        changes: expect.objectContaining({ role: { from: 'chef', to: null } }),
      }),
    ]);

    await sut
      .http()
      .get(`/api/v1/stations/${station.id}`)
      .set('Authorization', bearer)
      .set('X-Request-Id', 'audit-read')
      .expect(200);
    await sut
      .http()
      .patch(`/api/v1/stations/${station.id}`)
      .set('Authorization', bearer)
      .set('X-Request-Id', 'audit-bad')
      .send({ latitude: 500 })
      .expect(400);
    const customer = await factories.user();
    const customerBearer = (await factories.login(customer.email)).bearer;
    await sut
      .http()
      .post('/api/v1/auth/password')
      .set('Authorization', customerBearer)
      .set('X-Request-Id', 'audit-cust')
      .send({ currentPassword: 'x', newPassword: 'y' });
    for (const requestId of ['audit-read', 'audit-bad', 'audit-cust']) expect(await rowsFor(requestId)).toEqual([]);
  });

  it('lists entries station-scoped, newest first, with cursor pagination', async () => {
    const stationA = await factories.station();
    const stationB = await factories.station();
    const adminA = await factories.member(stationA.id, 'station_admin');
    const managerA = await factories.member(stationA.id, 'manager');
    const adminB = await factories.member(stationB.id, 'station_admin');
    const bearerA = (await factories.login(adminA.email)).bearer;
    const bearerB = (await factories.login(adminB.email)).bearer;
    for (const name of ['One', 'Two', 'Three']) {
      await sut
        .http()
        .patch(`/api/v1/stations/${stationA.id}`)
        .set('Authorization', bearerA)
        .send({ name })
        .expect(200);
    }
    await sut
      .http()
      .patch(`/api/v1/stations/${stationB.id}`)
      .set('Authorization', bearerB)
      .send({ name: 'Bee' })
      .expect(200);

    const managerBearer = (await factories.login(managerA.email)).bearer;
    const first = await sut
      .http()
      .get('/api/v1/admin/audit-logs?limit=2')
      .set('Authorization', managerBearer)
      .expect(200);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.data.map((row: { changes: { name: { to: string } } }) => row.changes.name.to)).toEqual([
      'Three',
      'Two',
    ]);
    const second = await sut
      .http()
      .get(`/api/v1/admin/audit-logs?limit=2&cursor=${first.body.nextCursor}`)
      .set('Authorization', managerBearer)
      .expect(200);
    expect(second.body.data.map((row: { changes: { name: { to: string } } }) => row.changes.name.to)).toEqual(['One']);
    expect(second.body.nextCursor).toBeNull();
    for (const row of [...first.body.data, ...second.body.data]) expect(row.stationId).toBe(stationA.id);

    await sut
      .http()
      .get(`/api/v1/admin/audit-logs?stationId=${stationB.id}`)
      .set('Authorization', managerBearer)
      .expect(404);
    await sut.http().get('/api/v1/admin/audit-logs?cursor=garbage').set('Authorization', managerBearer).expect(400);
  });
});
