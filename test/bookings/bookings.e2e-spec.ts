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
import { until } from '../support/wait.js';

/** The stable code every problem+json answer carries. */
const problemCode = (response: supertest.Response): string => (response.body as { code: string }).code;

describe('bookings (HTTP, real PostgreSQL and Redis)', () => {
  let sut: TestApp;
  let db: DataSource;
  let factories: Factories;
  let station: { id: string };
  let otherStation: { id: string };
  let manager: string;
  let otherManager: string;
  let chefs: { id: string; email: string }[];

  beforeAll(async () => {
    sut = await createTestApp({ env: { RATE_LIMIT_LIMIT: '100000' } });
    db = sut.app.get(DataSource);
    factories = new Factories(sut);
    station = await factories.station();
    otherStation = await factories.station();
    chefs = [await factories.member(station.id, 'chef'), await factories.member(station.id, 'chef')];
    manager = await factories.memberBearer(station.id, 'manager');
    otherManager = await factories.memberBearer(otherStation.id, 'manager');
  });
  afterAll(() => sut.close());

  const book = (body: object, headers: Record<string, string> = {}): supertest.Test =>
    sut.http().post('/api/v1/bookings').set(headers).send(body);

  it('shows availability per local day with the chefs still free', async () => {
    const date = localDateIn(10);
    await book(bookingBody(station.id, slot(date, '18:00'))).expect(201);
    const response = await sut
      .http()
      .get(`/api/v1/stations/${station.id}/availability?from=${date}&to=${date}&guests=12`)
      .expect(200);
    const [day] = response.body.days as { date: string; slots: { time: string; remainingChefs: number }[] }[];
    expect(day.date).toBe(date);
    expect(day.slots.map((item) => [item.time, item.remainingChefs])).toEqual([
      ['12:00', 2],
      ['15:00', 2],
      ['18:00', 1],
    ]);
  });

  it('closes a blackout date and the days inside the minimum notice, with a fixed clock', async () => {
    const clock = sut.app.get(Clock);
    const spy = jest.spyOn(clock, 'now').mockReturnValue(new Date('2026-07-01T17:00:00Z')); // 10:00 in San Jose
    await db.query(
      `UPDATE stations SET settings = jsonb_set(settings, '{blackoutDates}', '["2026-07-04"]') WHERE id = $1`,
      [station.id],
    );
    try {
      const response = await sut
        .http()
        .get(`/api/v1/stations/${station.id}/availability?from=2026-07-02&to=2026-07-05&guests=4`)
        .expect(200);
      const days = response.body.days as {
        date: string;
        closedReason: string | null;
        slots: { time: string; unavailableReason: string | null }[];
      }[];
      expect(days.map((day) => [day.date, day.closedReason])).toEqual([
        ['2026-07-02', null],
        ['2026-07-03', null],
        ['2026-07-04', 'blackout_date'],
        ['2026-07-05', null],
      ]);
      // 48 h of notice from 10:00 on July 1 reaches 10:00 on July 3.
      expect(days[0].slots.map((item) => item.unavailableReason)).toEqual(['too_soon', 'too_soon', 'too_soon']);
      expect(days[1].slots.map((item) => item.unavailableReason)).toEqual([null, null, null]);
    } finally {
      spy.mockRestore();
      await db.query(`UPDATE stations SET settings = jsonb_set(settings, '{blackoutDates}', '[]') WHERE id = $1`, [
        station.id,
      ]);
    }
  });

  it('refuses an availability range outside the dates the station books, instead of computing it', async () => {
    const far = await sut
      .http()
      .get(`/api/v1/stations/${station.id}/availability?from=9999-12-31&to=9999-12-31&guests=1`)
      .expect(400);
    expect(far.body.errors[0].field).toBe('from');
    await sut
      .http()
      .get(`/api/v1/stations/${station.id}/availability?from=2020-01-01&to=2020-01-31&guests=1`)
      .expect(400);
  });

  it('lays slots on the right instants across a DST change, with a fixed clock', async () => {
    const clock = sut.app.get(Clock);
    const spy = jest.spyOn(clock, 'now').mockReturnValue(new Date('2026-02-20T12:00:00Z'));
    try {
      const response = await sut
        .http()
        .get(`/api/v1/stations/${station.id}/availability?from=2026-03-07&to=2026-03-08&guests=4`)
        .expect(200);
      const noon = (response.body.days as { slots: { time: string; startsAt: string }[] }[]).map(
        (day) => day.slots.find((item) => item.time === '12:00')?.startsAt,
      );
      expect(noon).toEqual(['2026-03-07T20:00:00.000Z', '2026-03-08T19:00:00.000Z']);
    } finally {
      spy.mockRestore();
    }
  });

  it('gives exactly two of 50 concurrent bookings of a slot with two chefs; the rest get 409 slot_unavailable', async () => {
    const startsAt = slot(localDateIn(11), '12:00');
    const responses = await Promise.all(Array.from({ length: 50 }, () => book(bookingBody(station.id, startsAt))));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(2);
    const refused = responses.filter((response) => response.status === 409);
    expect(refused).toHaveLength(48);
    expect(refused.every((response) => problemCode(response) === 'slot_unavailable')).toBe(true);
    const [{ n }] = await db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM bookings WHERE station_id = $1 AND starts_at = $2',
      [station.id, startsAt],
    );
    expect(n).toBe(2);
  });

  it('lets only one of ten concurrent reschedules into the last free chef of a slot through', async () => {
    const date = localDateIn(12);
    const target = slot(date, '15:00');
    await book(bookingBody(station.id, target)).expect(201);
    const tokens: string[] = [];
    for (let index = 0; index < 10; index += 1) {
      const created = await book(bookingBody(station.id, slot(localDateIn(13 + index), '12:00'))).expect(201);
      tokens.push(created.body.manageToken as string);
    }
    const responses = await Promise.all(
      tokens.map((token) => sut.http().post(`/api/v1/bookings/manage/${token}/reschedule`).send({ startsAt: target })),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    const refused = responses.filter((response) => response.status === 409);
    expect(refused).toHaveLength(9);
    expect(refused.every((response) => problemCode(response) === 'slot_unavailable')).toBe(true);
  });

  it('confirms a deposit paid after the hold lapsed only while the chefs are still free', async () => {
    const startsAt = slot(localDateIn(35), '12:00');
    const late = await book(bookingBody(station.id, startsAt)).expect(201);
    const onTime = await book(bookingBody(station.id, startsAt)).expect(201);
    await holdsScheduled(sut, [late.body.booking.id as string, onTime.body.booking.id as string]);
    const clock = sut.app.get(Clock);
    // The worker's sweeper reads the same clock: paused, it cannot expire both bookings before the
    // payment arrives (which would make the refusal an invalid transition instead).
    const sweeper = sut.app.get(BookingHoldSweeper);
    await sweeper.onApplicationShutdown();
    const spy = jest.spyOn(clock, 'now').mockReturnValue(new Date(Date.now() + 31 * 60_000));
    try {
      // Both holds lapsed: two new customers take the slot.
      await book(bookingBody(station.id, startsAt)).expect(201);
      await book(bookingBody(station.id, startsAt)).expect(201);
      await expect(
        sut.app.get(CommandBus).execute(new ConfirmBookingCommand(late.body.booking.id as string, 10_000)),
      ).rejects.toMatchObject({ code: 'slot_unavailable' });
      const moved = await sut
        .http()
        .post(`/api/v1/bookings/manage/${onTime.body.manageToken as string}/reschedule`)
        .send({ startsAt: slot(localDateIn(36), '12:00') });
      expect([moved.status, problemCode(moved)]).toEqual([409, 'invalid_booking_transition']);
    } finally {
      spy.mockRestore();
      sweeper.onApplicationBootstrap();
    }
  });

  it('replays the same Idempotency-Key and body, and refuses the key with another body (422)', async () => {
    const body = bookingBody(station.id, slot(localDateIn(30), '18:00'));
    const first = await book(body, { 'Idempotency-Key': 'checkout-7d1f' }).expect(201);
    const again = await book(body, { 'Idempotency-Key': 'checkout-7d1f' }).expect(201);
    expect(again.body.booking.id).toBe(first.body.booking.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await book({ ...body, adults: 20 }, { 'Idempotency-Key': 'checkout-7d1f' }).expect(422);
    expect(problemCode(other)).toBe('idempotency_key_reused');
    const [{ n }] = await db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM bookings WHERE id = $1', [
      first.body.booking.id,
    ]);
    expect(n).toBe(1);
  });

  it('quotes with every line explained; outside the service area is a clear 422', async () => {
    const quote = await sut
      .http()
      .post('/api/v1/bookings/quote')
      .send({ stationId: station.id, adults: 4, address: { postalCode: '95112' } })
      .expect(200);
    const lines = quote.body.lines as { code: string; amountCents: number }[];
    expect(lines.map((line) => line.code)).toEqual(['adult', 'minimum_order']);
    expect(lines.reduce((sum, line) => sum + line.amountCents, 0)).toBe(quote.body.totalCents);
    expect(quote.body.totalCents).toBe(55_000);

    const outside = await sut
      .http()
      .post('/api/v1/bookings/quote')
      .send({ stationId: station.id, adults: 4, address: { postalCode: '10001', latitude: 40.75, longitude: -73.99 } })
      .expect(422);
    expect(problemCode(outside)).toBe('outside_service_area');
  });

  it('refuses a slot that is too soon, and a time that is not a slot', async () => {
    const tooSoon = await book(bookingBody(station.id, slot(localDateIn(1), '18:00'))).expect(422);
    expect(problemCode(tooSoon)).toBe('slot_not_offered');
    const offSlot = await book(bookingBody(station.id, slot(localDateIn(20), '13:00'))).expect(422);
    expect(problemCode(offSlot)).toBe('slot_not_offered');
  });

  it('assigns a chef to one of two overlapping events when both requests race', async () => {
    const startsAt = slot(localDateIn(40), '18:00');
    const a = await book(bookingBody(station.id, startsAt)).expect(201);
    const b = await book(bookingBody(station.id, startsAt)).expect(201);
    const responses = await Promise.all(
      [a, b].map((created) =>
        sut
          .http()
          .post(`/api/v1/bookings/${created.body.booking.id}/assign-chef`)
          .set('Authorization', manager)
          .send({ chefUserIds: [chefs[0].id] }),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    expect(problemCode(responses.find((response) => response.status === 409) as supertest.Response)).toBe(
      'chef_unavailable',
    );
    const free = responses.find((response) => response.status === 409) === responses[0] ? a : b;
    const other = await sut
      .http()
      .post(`/api/v1/bookings/${free.body.booking.id}/assign-chef`)
      .set('Authorization', manager)
      .send({ chefUserIds: [chefs[1].id] })
      .expect(200);
    expect(other.body.chefUserIds).toEqual([chefs[1].id]);
  });

  it('refuses the losers of crossed multi-chef assignments with 409 chef_unavailable, never a deadlock', async () => {
    // PostgreSQL's exclusion check can deadlock two inserts of one chef that race (each waits on the
    // other's tuple); the per-chef lock must serialize them, so several racers per round make that show.
    const big = await factories.station();
    const crew = await Promise.all(Array.from({ length: 8 }, () => factories.member(big.id, 'chef')));
    const bigManager = await factories.memberBearer(big.id, 'manager');
    const [first, second] = [crew[0].id, crew[1].id];
    for (let round = 0; round < 5; round += 1) {
      const startsAt = slot(localDateIn(50 + round), '15:00');
      const party = { adults: 20, children: 2 }; // 22 guests: two chefs each
      const contenders = [];
      for (let index = 0; index < 4; index += 1)
        contenders.push(await book(bookingBody(big.id, startsAt, party)).expect(201));
      const responses = await Promise.all(
        contenders.map((created, index) =>
          sut
            .http()
            .post(`/api/v1/bookings/${created.body.booking.id as string}/assign-chef`)
            .set('Authorization', bigManager)
            .send({ chefUserIds: index % 2 === 0 ? [first, second] : [second, first] }),
        ),
      );
      expect(
        responses.map((response) => [response.status, response.status === 200 ? '' : problemCode(response)]).sort(),
      ).toEqual([
        [200, ''],
        [409, 'chef_unavailable'],
        [409, 'chef_unavailable'],
        [409, 'chef_unavailable'],
      ]);
    }
  });

  it('re-quotes a party change and refuses one that needs chefs nobody has', async () => {
    const created = await book(bookingBody(station.id, slot(localDateIn(45), '12:00'))).expect(201);
    const id = created.body.booking.id as string;
    const patched = await sut
      .http()
      .patch(`/api/v1/bookings/${id}`)
      .set('Authorization', manager)
      .send({ adults: 14, staffNotes: 'Gate code 4411' })
      .expect(200);
    expect(patched.body).toMatchObject({ adults: 14, children: 2, guests: 16, chefsNeeded: 2 });
    expect(patched.body.staffNotes).toBe('Gate code 4411');
    expect(patched.body.totalCents).toBe(14 * 6000 + 2 * 3000);
    const lines = patched.body.quote.lines as { amountCents: number }[];
    expect(lines.reduce((sum, line) => sum + line.amountCents, 0)).toBe(patched.body.totalCents);

    // Two chefs in all, both now on this booking: a third chef's worth of guests cannot fit.
    const tooBig = await sut
      .http()
      .patch(`/api/v1/bookings/${id}`)
      .set('Authorization', manager)
      .send({ adults: 40 })
      .expect(409);
    expect(problemCode(tooBig)).toBe('slot_unavailable');
    const invalid = await sut
      .http()
      .patch(`/api/v1/bookings/${id}`)
      .set('Authorization', manager)
      .send({ adults: 0, upgrades: [{ code: 'filet', quantity: 'two' }] })
      .expect(400);
    expect((invalid.body.errors as { field: string }[]).map((error) => error.field).sort()).toEqual([
      'adults',
      'upgrades.0.quantity',
    ]);
  });

  it('keeps a customer from moving an event inside the minimum notice (and so out of the refund policy)', async () => {
    const startsAt = slot(localDateIn(15), '18:00');
    const created = await book(bookingBody(station.id, startsAt)).expect(201);
    await sut.app.get(CommandBus).execute(new ConfirmBookingCommand(created.body.booking.id as string, 10_000));
    const clock = sut.app.get(Clock);
    const spy = jest.spyOn(clock, 'now').mockReturnValue(new Date(new Date(startsAt).getTime() - 24 * 3_600_000));
    try {
      const moved = await sut
        .http()
        .post(`/api/v1/bookings/manage/${created.body.manageToken as string}/reschedule`)
        .send({ startsAt: slot(localDateIn(70), '18:00') })
        .expect(409);
      expect(moved.body.detail).toContain('call the station');
    } finally {
      spy.mockRestore();
    }
  });

  it('staffs a booking with at most the chefs it needs, and lets only its own chef close it', async () => {
    const startsAt = slot(localDateIn(46), '15:00');
    const created = await book(bookingBody(station.id, startsAt)).expect(201);
    const id = created.body.booking.id as string;
    const tooMany = await sut
      .http()
      .post(`/api/v1/bookings/${id}/assign-chef`)
      .set('Authorization', manager)
      .send({ chefUserIds: [chefs[0].id, chefs[1].id] })
      .expect(422);
    expect(tooMany.body.chefsNeeded).toBe(1);
    await sut
      .http()
      .post(`/api/v1/bookings/${id}/assign-chef`)
      .set('Authorization', manager)
      .send({ chefUserIds: [chefs[0].id] })
      .expect(200);
    await sut.app.get(CommandBus).execute(new ConfirmBookingCommand(id, 10_000));

    const [assigned, other] = await Promise.all(chefs.map((chef) => factories.login(chef.email)));
    const clock = sut.app.get(Clock);
    const spy = jest.spyOn(clock, 'now').mockReturnValue(new Date(new Date(startsAt).getTime() + 4 * 3_600_000));
    try {
      await sut.http().post(`/api/v1/bookings/${id}/complete`).set('Authorization', other.bearer).expect(403);
      await sut.http().post(`/api/v1/bookings/${id}/complete`).set('Authorization', assigned.bearer).expect(200);
    } finally {
      spy.mockRestore();
    }
  });

  it('audits a booking that staff make for a customer', async () => {
    const created = await book(bookingBody(station.id, slot(localDateIn(47), '12:00')), {
      Authorization: manager,
    }).expect(201);
    const rows = await db.query<{ action: string; station_id: string }[]>(
      "SELECT action, station_id FROM audit_logs WHERE entity = 'booking' AND entity_id = $1",
      [created.body.booking.id],
    );
    expect(rows).toEqual([{ action: 'booking.create', station_id: station.id }]);
  });

  it('answers 404 everywhere to a manager of another station', async () => {
    const created = await book(bookingBody(station.id, slot(localDateIn(41), '12:00'))).expect(201);
    const id = created.body.booking.id as string;
    const calls: [string, supertest.Test][] = [
      ['get', sut.http().get(`/api/v1/bookings/${id}`)],
      ['patch', sut.http().patch(`/api/v1/bookings/${id}`).send({ staffNotes: 'x' })],
      ['cancel', sut.http().post(`/api/v1/bookings/${id}/cancel`).send({})],
      [
        'reschedule',
        sut
          .http()
          .post(`/api/v1/bookings/${id}/reschedule`)
          .send({ startsAt: slot(localDateIn(42), '12:00') }),
      ],
      [
        'assign-chef',
        sut
          .http()
          .post(`/api/v1/bookings/${id}/assign-chef`)
          .send({ chefUserIds: [chefs[0].id] }),
      ],
      ['complete', sut.http().post(`/api/v1/bookings/${id}/complete`)],
      ['no-show', sut.http().post(`/api/v1/bookings/${id}/no-show`)],
      ['list', sut.http().get(`/api/v1/bookings?stationId=${station.id}`)],
      ['calendar', sut.http().get(`/api/v1/bookings/calendar?stationId=${station.id}&date=${localDateIn(41)}`)],
    ];
    for (const [label, call] of calls) {
      const response = await call.set('Authorization', otherManager);
      expect([label, response.status]).toEqual([label, 404]);
    }
    const theirs = await sut.http().get('/api/v1/bookings').set('Authorization', otherManager).expect(200);
    expect(theirs.body.data).toEqual([]);
  });

  it('shows a signed-in customer only their own bookings', async () => {
    const customer = await factories.user({ role: 'customer' });
    const bearer = (await factories.login(customer.email)).bearer;
    const mine = await book(bookingBody(station.id, slot(localDateIn(43), '12:00')), { Authorization: bearer }).expect(
      201,
    );
    await book(bookingBody(station.id, slot(localDateIn(43), '15:00'))).expect(201);
    const list = await sut.http().get('/api/v1/me/bookings').set('Authorization', bearer).expect(200);
    expect((list.body.data as { id: string }[]).map((booking) => booking.id)).toEqual([mine.body.booking.id]);
    await sut
      .http()
      .get(`/api/v1/bookings/${mine.body.booking.id as string}`)
      .set('Authorization', bearer)
      .expect(403);
  });

  it('lists, filters and pages the staff view', async () => {
    const date = localDateIn(50);
    for (const time of ['12:00', '15:00', '18:00']) {
      await book(
        bookingBody(station.id, slot(date, time), {
          contact: { name: `Pager ${time}`, email: 'pager@example.com', phone: '+14085550142' },
        }),
      ).expect(201);
    }
    const first = await sut
      .http()
      .get(`/api/v1/bookings?stationId=${station.id}&from=${date}&to=${date}&q=pager&limit=2`)
      .set('Authorization', manager)
      .expect(200);
    expect(first.body.data.map((booking: { contactName: string }) => booking.contactName)).toEqual([
      'Pager 12:00',
      'Pager 15:00',
    ]);
    const second = await sut
      .http()
      .get(
        `/api/v1/bookings?stationId=${station.id}&from=${date}&to=${date}&q=pager&limit=2&cursor=${first.body.nextCursor as string}`,
      )
      .set('Authorization', manager)
      .expect(200);
    expect(second.body.data.map((booking: { contactName: string }) => booking.contactName)).toEqual(['Pager 18:00']);
    expect(second.body.nextCursor).toBeNull();
    const calendar = await sut
      .http()
      .get(`/api/v1/bookings/calendar?stationId=${station.id}&date=${date}&view=day`)
      .set('Authorization', manager)
      .expect(200);
    expect(calendar.body.days[0].bookings).toHaveLength(3);
  });

  it('runs the status machine: paid, rescheduled, cancelled with the policy refund, audited; other moves are 409', async () => {
    const created = await book(bookingBody(station.id, slot(localDateIn(60), '12:00'))).expect(201);
    const id = created.body.booking.id as string;
    const early = await sut.http().post(`/api/v1/bookings/${id}/complete`).set('Authorization', manager).expect(409);
    expect(problemCode(early)).toBe('invalid_booking_transition');

    await sut.app.get(CommandBus).execute(new ConfirmBookingCommand(id, 10_000));
    const moved = await sut
      .http()
      .post(`/api/v1/bookings/${id}/reschedule`)
      .set('Authorization', manager)
      .send({ startsAt: slot(localDateIn(61), '15:00') })
      .expect(200);
    expect(moved.body.status).toBe('confirmed');

    const cancelled = await sut
      .http()
      .post(`/api/v1/bookings/${id}/cancel`)
      .set('Authorization', manager)
      .send({ reason: 'Family emergency' })
      .expect(200);
    // 61 days ahead: the 7-day rule refunds the whole deposit.
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refundCents: 10_000, cancelledBy: 'staff' });
    const again = await sut.http().post(`/api/v1/bookings/${id}/cancel`).set('Authorization', manager).send({});
    expect([again.status, problemCode(again)]).toEqual([409, 'invalid_booking_transition']);

    const audit = await db.query<{ action: string }[]>(
      "SELECT action FROM audit_logs WHERE entity = 'booking' AND entity_id = $1 ORDER BY created_at",
      [id],
    );
    expect(audit.map((row) => row.action)).toEqual(['booking.reschedule', 'booking.cancel']);

    // The reminder scheduled at confirmation was moved with the event, then dropped with it.
    const reminders = await until(
      () =>
        db.query<{ status: string }[]>(
          "SELECT status FROM notifications WHERE aggregate_id = $1 AND template = 'booking_reminder'",
          [id],
        ),
      (rows) => rows.length > 0 && rows.every((row) => row.status === 'cancelled'),
    );
    expect(reminders.length).toBeGreaterThan(0);
  });
});
