import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { SendStaffAlertCommand } from '../../src/modules/notifications/index.js';
import { Factories } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { until } from '../support/wait.js';

describe('notification groups, staff alerts and the delivery log (no channel configured)', () => {
  let sut: TestApp;
  let factories: Factories;
  let db: DataSource;
  let station: { id: string };
  let otherStation: { id: string };
  let admin: string;
  let otherAdmin: string;
  let manager: { id: string; email: string };
  let chef: { id: string; email: string };

  beforeAll(async () => {
    sut = await createTestApp();
    factories = new Factories(sut);
    db = sut.app.get(DataSource);
    station = await factories.station();
    otherStation = await factories.station();
    const adminUser = await factories.member(station.id, 'station_admin');
    const otherAdminUser = await factories.member(otherStation.id, 'station_admin');
    const managerUser = await factories.user({ role: 'staff', phone: '+14085550123' });
    manager = await factories.member(station.id, 'manager', managerUser.id).then(() => managerUser);
    chef = await factories.member(station.id, 'chef');
    admin = (await factories.login(adminUser.email)).bearer;
    otherAdmin = (await factories.login(otherAdminUser.email)).bearer;
  });
  afterAll(() => sut.close());

  const groupsPath = (stationId: string): string => `/api/v1/stations/${stationId}/notification-groups`;

  it('creates, lists and changes groups, and only with members of the station', async () => {
    const created = await sut
      .http()
      .post(groupsPath(station.id))
      .set('Authorization', admin)
      .send({
        name: 'Managers',
        alerts: ['booking_created', 'booking_cancelled'],
        channels: ['email', 'sms'],
        memberUserIds: [manager.id],
      })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'Managers', memberUserIds: [manager.id] });

    const stranger = await factories.user({ role: 'staff' });
    const refused = await sut
      .http()
      .post(groupsPath(station.id))
      .set('Authorization', admin)
      .send({ name: 'Chefs', alerts: ['booking_created'], channels: ['email'], memberUserIds: [chef.id, stranger.id] })
      .expect(400);
    expect(refused.body.errors[0]).toMatchObject({ field: 'memberUserIds' });

    await sut
      .http()
      .post(groupsPath(station.id))
      .set('Authorization', admin)
      .send({ name: 'managers', alerts: ['booking_created'], channels: ['email'], memberUserIds: [] })
      .expect(409);
    await sut
      .http()
      .post(groupsPath(station.id))
      .set('Authorization', admin)
      .send({ name: 'Chefs', alerts: ['lead_created'], channels: ['email'], memberUserIds: [chef.id] })
      .expect(201);

    const list = await sut.http().get(groupsPath(station.id)).set('Authorization', admin).expect(200);
    expect(list.body.data.map((group: { name: string }) => group.name)).toEqual(['Chefs', 'Managers']);
  });

  it('hides a station and its groups from the admin of another station', async () => {
    await sut.http().get(groupsPath(station.id)).set('Authorization', otherAdmin).expect(404);
    const [group] = await db.query<{ id: string }[]>('SELECT id FROM notification_groups WHERE station_id = $1', [
      station.id,
    ]);
    await sut
      .http()
      .patch(`${groupsPath(otherStation.id)}/${group.id}`)
      .set('Authorization', otherAdmin)
      .send({ name: 'Mine now' })
      .expect(404);
    await sut
      .http()
      .delete(`${groupsPath(otherStation.id)}/${group.id}`)
      .set('Authorization', otherAdmin)
      .expect(404);
  });

  it('alerts the members of the groups subscribed to the alert, over their channels, and logs not_sent content', async () => {
    const { ids } = await sut.app
      .get(CommandBus)
      .execute(
        new SendStaffAlertCommand(
          station.id,
          { alert: 'booking_created', title: 'New booking MH-1', lines: ['Dec 4, 6 PM', '12 guests'] },
          'booking:x:created-alert',
        ),
      );
    // The manager gets e-mail and SMS; the chef's group is not subscribed to booking_created.
    expect(ids).toHaveLength(2);
    const rows = await until(
      () =>
        db.query<{ recipient: string; status: string; body: string; last_error: string }[]>(
          'SELECT recipient, status, body, last_error FROM notifications WHERE id = ANY($1::uuid[]) ORDER BY channel',
          [ids],
        ),
      (found) => found.every((row) => row.status === 'not_sent'),
    );
    expect(rows.map((row) => row.recipient)).toEqual([manager.email, '+14085550123']);
    expect(rows[0].body).toContain('12 guests');
    expect(rows[0].last_error).toBe('the email channel is not configured');

    const log = await sut
      .http()
      .get(`/api/v1/admin/notifications?stationId=${station.id}&status=not_sent`)
      .set('Authorization', admin)
      .expect(200);
    expect(log.body.data).toHaveLength(2);
    expect(log.body.data[0]).toMatchObject({ template: 'staff_alert', status: 'not_sent' });
    await sut
      .http()
      .get(`/api/v1/admin/notifications?stationId=${station.id}`)
      .set('Authorization', otherAdmin)
      .expect(404);
    const others = await sut.http().get('/api/v1/admin/notifications').set('Authorization', otherAdmin).expect(200);
    expect(others.body.data).toEqual([]);

    // Another station's admin cannot re-send it; this station's admin can (it stays not_sent).
    await sut.http().post(`/api/v1/admin/notifications/${ids[0]}/retry`).set('Authorization', otherAdmin).expect(404);
    await sut.http().post(`/api/v1/admin/notifications/${ids[0]}/retry`).set('Authorization', admin).expect(202);
    await until(
      () =>
        db.query<{ attempts: number; status: string }[]>('SELECT attempts, status FROM notifications WHERE id = $1', [
          ids[0],
        ]),
      (found) => found[0].status === 'not_sent' && found[0].attempts === 1,
    );
  });

  it('stops alerting a member who left the station', async () => {
    await db.query('UPDATE station_members SET is_active = false WHERE user_id = $1', [manager.id]);
    const { ids } = await sut.app
      .get(CommandBus)
      .execute(
        new SendStaffAlertCommand(
          station.id,
          { alert: 'booking_cancelled', title: 'Cancelled', lines: [] },
          'alert:left',
        ),
      );
    expect(ids).toEqual([]);
  });
});
