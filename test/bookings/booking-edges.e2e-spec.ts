import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { jest } from '@jest/globals';
import { CommandBus } from '@nestjs/cqrs';
import type supertest from 'supertest';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/index.js';
import { ConfirmBookingCommand } from '../../src/modules/bookings/index.js';
import { BookingHoldSweeper } from '../../src/modules/bookings/jobs/booking-hold-sweeper.js';
import { bookingBody, localDateIn, slot } from '../support/booking-fixtures.js';
import { holdsScheduled } from '../support/booking-holds.js';
import { Factories } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const HOUR = 3_600_000;

describe('booking edges: the manage link, deposits, the refund policy, the calendar', () => {
  let sut: TestApp;
  let db: DataSource;
  let stationId: string;
  let chefs: { id: string }[];
  let manager: string;
  let clock: Clock;

  beforeAll(async () => {
    sut = await createTestApp({ env: { RATE_LIMIT_LIMIT: '100000' } });
    db = sut.app.get(DataSource);
    const factories = new Factories(sut);
    stationId = (await factories.station()).id;
    chefs = [await factories.member(stationId, 'chef'), await factories.member(stationId, 'chef')];
    manager = await factories.memberBearer(stationId, 'manager');
    clock = sut.app.get(Clock);
    // These tests move the app clock by days; the worker's hold sweeper reads the same clock and would
    // expire bookings under them. Its own behaviour is tested in booking-holds.
    await sut.app.get(BookingHoldSweeper).onApplicationShutdown();
  });
  afterAll(() => sut.close());
  afterEach(() => jest.restoreAllMocks());

  const at = (instant: number): void => {
    jest.spyOn(clock, 'now').mockReturnValue(new Date(instant));
  };
  const book = (startsAt: string, overrides: Record<string, unknown> = {}): Promise<supertest.Response> =>
    sut
      .http()
      .post('/api/v1/bookings')
      .send(bookingBody(stationId, startsAt, overrides))
      .expect(201);
  const manage = (token: string, action = ''): string => `/api/v1/bookings/manage/${token}${action}`;
  const paid = async (created: supertest.Response): Promise<void> => {
    await sut.app.get(CommandBus).execute(new ConfirmBookingCommand(created.body.booking.id as string, 10_000));
  };

  it('shows the booking to the holder of its link only, without staff fields', async () => {
    const created = await book(slot(localDateIn(20), '12:00'));
    const view = await sut
      .http()
      .get(manage(created.body.manageToken as string))
      .expect(200);
    expect(view.body).toMatchObject({ id: created.body.booking.id, reference: created.body.booking.reference });
    expect(view.body).not.toHaveProperty('staffNotes');
    const forged = randomBytes(32).toString('base64url');
    for (const token of [forged, 'short', `${created.body.manageToken as string}x`]) {
      const response = await sut.http().get(manage(token)).expect(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('caps the refund of a booking moved late and then cancelled at what cancelling at once would refund', async () => {
    const startsAt = slot(localDateIn(20), '15:00');
    const created = await book(startsAt);
    await paid(created);
    const token = created.body.manageToken as string;
    // 100 h before the event: cancelling now would refund 50 %.
    at(new Date(startsAt).getTime() - 100 * HOUR);
    await sut
      .http()
      .post(manage(token, '/reschedule'))
      .send({ startsAt: slot(localDateIn(60), '15:00') })
      .expect(200);
    // Now two months' notice, which alone would refund everything.
    const cancelled = await sut.http().post(manage(token, '/cancel')).send({}).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refundCents: 5000 });
    const [event] = await db.query<{ payload: { refundCents: number } }[]>(
      `SELECT payload FROM outbox WHERE event_type = 'BookingCancelled' AND aggregate_id = $1`,
      [created.body.booking.id],
    );
    expect(event.payload.refundCents).toBe(5000);
  });

  it('caps nothing when the customer moved the event before paying', async () => {
    // Five days out: cancelling it now would refund 50 %.
    const created = await book(slot(localDateIn(5), '18:00'));
    const token = created.body.manageToken as string;
    await sut
      .http()
      .post(manage(token, '/reschedule'))
      .send({ startsAt: slot(localDateIn(63), '18:00') })
      .expect(200);
    await paid(created);
    const cancelled = await sut.http().post(manage(token, '/cancel')).send({}).expect(200);
    expect(cancelled.body.refundCents).toBe(10_000);
  });

  it('keeps the full refund when staff move the event for the station', async () => {
    const startsAt = slot(localDateIn(21), '15:00');
    const created = await book(startsAt);
    await paid(created);
    const id = created.body.booking.id as string;
    at(new Date(startsAt).getTime() - 100 * HOUR);
    await sut
      .http()
      .post(`/api/v1/bookings/${id}/reschedule`)
      .set('Authorization', manager)
      .send({ startsAt: slot(localDateIn(61), '15:00') })
      .expect(200);
    const cancelled = await sut
      .http()
      .post(manage(created.body.manageToken as string, '/cancel'))
      .send({})
      .expect(200);
    expect(cancelled.body.refundCents).toBe(10_000);
  });

  it('refuses a customer cancellation once the event has started, but lets staff record it', async () => {
    const startsAt = slot(localDateIn(22), '12:00');
    const created = await book(startsAt);
    await paid(created);
    at(new Date(startsAt).getTime() + HOUR);
    const refused = await sut
      .http()
      .post(manage(created.body.manageToken as string, '/cancel'))
      .send({})
      .expect(409);
    expect(refused.body.detail).toContain('already started');
    const noShow = await sut
      .http()
      .post(`/api/v1/bookings/${created.body.booking.id as string}/no-show`)
      .set('Authorization', manager)
      .expect(200);
    expect(noShow.body.status).toBe('no_show');
  });

  it('retires the link 30 days after the event', async () => {
    const startsAt = slot(localDateIn(23), '12:00');
    const created = await book(startsAt);
    const endsAt = new Date(created.body.booking.endsAt as string).getTime();
    at(endsAt + 29 * 24 * HOUR);
    await sut
      .http()
      .get(manage(created.body.manageToken as string))
      .expect(200);
    at(endsAt + 31 * 24 * HOUR);
    await sut
      .http()
      .get(manage(created.body.manageToken as string))
      .expect(404);
  });

  it('counts the chefs again when a deposit arrives, even inside the hold by this clock', async () => {
    const startsAt = slot(localDateIn(24), '18:00');
    const paying = await book(startsAt);
    const other = await book(startsAt);
    await holdsScheduled(sut, [paying.body.booking.id as string, other.body.booking.id as string]);
    // A replica whose clock runs past both holds takes the two chefs for new customers.
    at(Date.now() + 31 * 60_000);
    await book(startsAt);
    await book(startsAt);
    jest.restoreAllMocks();
    // Back on this clock the first hold has not lapsed, yet its chefs are gone.
    await expect(
      sut.app.get(CommandBus).execute(new ConfirmBookingCommand(paying.body.booking.id as string, 10_000)),
    ).rejects.toMatchObject({ code: 'slot_unavailable' });
  });

  it('keeps a party from shrinking below the chefs assigned to it', async () => {
    const created = await book(slot(localDateIn(25), '12:00'), { adults: 20, children: 2 });
    const id = created.body.booking.id as string;
    const assign = (chefUserIds: string[]): supertest.Test =>
      sut.http().post(`/api/v1/bookings/${id}/assign-chef`).set('Authorization', manager).send({ chefUserIds });
    await assign(chefs.map((chef) => chef.id)).expect(200);
    const shrink = (): supertest.Test =>
      sut.http().patch(`/api/v1/bookings/${id}`).set('Authorization', manager).send({ adults: 10 });
    const refused = await shrink().expect(409);
    expect(refused.body).toMatchObject({ chefsNeeded: 1, chefsAssigned: 2 });
    await assign([chefs[0].id]).expect(200);
    const shrunk = await shrink().expect(200);
    expect(shrunk.body).toMatchObject({ guests: 12, chefsNeeded: 1 });
  });

  it('refuses a re-quote below the deposit already paid, changing nothing', async () => {
    await db.query(
      `UPDATE stations SET settings = jsonb_set(settings, '{prices,minimumOrderCents}', '0') WHERE id = $1`,
      [stationId],
    );
    try {
      const created = await book(slot(localDateIn(26), '12:00'), { adults: 10, children: 0 });
      const id = created.body.booking.id as string;
      await paid(created);
      // Down to one adult at 60.00, against a 100.00 deposit already paid.
      const refused = await sut
        .http()
        .patch(`/api/v1/bookings/${id}`)
        .set('Authorization', manager)
        .send({ adults: 1 })
        .expect(409);
      expect(refused.body).toMatchObject({ totalCents: 6000, depositPaidCents: 10_000 });
      const [row] = await db.query<{ adults: number; total_cents: number }[]>(
        'SELECT adults, total_cents FROM bookings WHERE id = $1',
        [id],
      );
      expect(row).toEqual({ adults: 10, total_cents: 60_000 });
      await sut.http().patch(`/api/v1/bookings/${id}`).set('Authorization', manager).send({ adults: 2 }).expect(200);
    } finally {
      await db.query(
        `UPDATE stations SET settings = jsonb_set(settings, '{prices,minimumOrderCents}', '55000') WHERE id = $1`,
        [stationId],
      );
    }
  });

  it('shows a week Monday to Sunday in station time, without holds that lapsed', async () => {
    const monday = DateTime.fromISO(localDateIn(70)).startOf('week');
    const wednesday = monday.plus({ days: 2 }).toISODate() ?? '';
    const kept = await book(slot(wednesday, '12:00'));
    await paid(kept);
    const lapsed = await book(slot(wednesday, '15:00'));
    const calendar = (): supertest.Test =>
      sut
        .http()
        .get(`/api/v1/bookings/calendar?stationId=${stationId}&date=${wednesday}&view=week`)
        .set('Authorization', manager);
    const before = await calendar().expect(200);
    expect(before.body.days.map((day: { date: string }) => day.date)).toEqual(
      Array.from({ length: 7 }, (_, index) => monday.plus({ days: index }).toISODate()),
    );
    const ids = (body: { days: { bookings: { id: string }[] }[] }): string[] =>
      body.days.flatMap((day) => day.bookings.map((booking) => booking.id));
    expect(ids(before.body)).toEqual([kept.body.booking.id, lapsed.body.booking.id]);
    expect(before.body.truncated).toBe(false);
    at(Date.now() + 31 * 60_000);
    expect(ids((await calendar().expect(200)).body)).toEqual([kept.body.booking.id]);
  });

  it('audits every staff change of a booking, with the station', async () => {
    const startsAt = slot(localDateIn(27), '18:00');
    const created = await book(startsAt);
    const id = created.body.booking.id as string;
    const staff = (method: 'post' | 'patch', path: string, body: object = {}): supertest.Test =>
      sut.http()[method](`/api/v1/bookings/${id}${path}`).set('Authorization', manager).send(body);
    await staff('patch', '', { staffNotes: 'Bring the big grill' }).expect(200);
    await staff('post', '/assign-chef', { chefUserIds: [chefs[0].id] }).expect(200);
    await paid(created);
    at(new Date(startsAt).getTime() + 3 * HOUR);
    await staff('post', '/complete').expect(200);
    const rows = await db.query<{ action: string; station_id: string }[]>(
      "SELECT action, station_id FROM audit_logs WHERE entity = 'booking' AND entity_id = $1 ORDER BY created_at",
      [id],
    );
    expect(rows).toEqual(
      ['booking.update', 'booking.assign_chefs', 'booking.complete'].map((action) => ({
        action,
        station_id: stationId,
      })),
    );
  });
});
