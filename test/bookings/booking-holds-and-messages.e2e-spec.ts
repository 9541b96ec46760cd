import { jest } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import { CommandBus } from '@nestjs/cqrs';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/index.js';
import { QUEUES } from '../../src/infrastructure/queue/queues.js';
import { ConfirmBookingCommand } from '../../src/modules/bookings/index.js';
import { BookingHoldSweeper } from '../../src/modules/bookings/jobs/booking-hold-sweeper.js';
import { bookingBody, localDateIn, slot } from '../support/booking-fixtures.js';
import { Factories } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { until } from '../support/wait.js';

interface NotificationRow {
  template: string;
  channel: string;
  status: string;
  send_at: Date;
  body: string;
}

describe('booking holds, expiry and the messages of a booking', () => {
  let sut: TestApp;
  let db: DataSource;
  let stationId: string;
  let manager: string;

  beforeAll(async () => {
    sut = await createTestApp({ env: { BOOKING_HOLD_SECONDS: '2', RATE_LIMIT_LIMIT: '100000' } });
    db = sut.app.get(DataSource);
    const factories = new Factories(sut);
    stationId = (await factories.station()).id;
    await factories.member(stationId, 'chef');
    manager = await factories.memberBearer(stationId, 'manager');
  });
  afterAll(() => sut.close());

  const create = async (startsAt: string): Promise<string> => {
    const response = await sut.http().post('/api/v1/bookings').send(bookingBody(stationId, startsAt)).expect(201);
    return response.body.booking.id as string;
  };
  const status = async (id: string): Promise<string> =>
    (await db.query<{ status: string }[]>('SELECT status FROM bookings WHERE id = $1', [id]))[0].status;
  const remaining = async (date: string, time: string): Promise<number> => {
    const response = await sut
      .http()
      .get(`/api/v1/stations/${stationId}/availability?from=${date}&to=${date}&guests=10`)
      .expect(200);
    const day = (response.body.days as { slots: { time: string; remainingChefs: number }[] }[])[0];
    return day.slots.find((item) => item.time === time)?.remainingChefs ?? -1;
  };
  const messages = (id: string): Promise<NotificationRow[]> =>
    db.query<NotificationRow[]>(
      'SELECT template, channel, status, send_at, body FROM notifications WHERE aggregate_id = $1 ORDER BY created_at, channel',
      [id],
    );

  it('expires an unpaid booking after its hold and frees the slot', async () => {
    const date = localDateIn(9);
    const id = await create(slot(date, '12:00'));
    expect(await status(id)).toBe('pending_deposit');
    expect(await remaining(date, '12:00')).toBe(0);
    await sut
      .http()
      .post('/api/v1/bookings')
      .send(bookingBody(stationId, slot(date, '12:00')))
      .expect(409);

    await until(
      () => status(id),
      (value) => value === 'expired',
      20_000,
    );
    expect(await remaining(date, '12:00')).toBe(1);
    await sut
      .http()
      .post('/api/v1/bookings')
      .send(bookingBody(stationId, slot(date, '12:00')))
      .expect(201);
    // The customer hears that the date was released.
    const sent = await until(
      () => messages(id),
      (rows) => rows.some((row) => row.template === 'booking_cancellation'),
    );
    expect(sent.find((row) => row.template === 'booking_cancellation')?.body).toContain('not paid in time');
  });

  it('expires a lapsed hold whose delayed job never ran (sweeper), once', async () => {
    const queue = sut.app.get<Queue>(getQueueToken(QUEUES.bookingHolds));
    const sweeper = sut.app.get(BookingHoldSweeper);
    // A paused queue stands in for a lost job: the expiry must come from the sweeper.
    await queue.pause();
    let id: string | undefined;
    try {
      id = await create(slot(localDateIn(9), '18:00'));
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(await status(id)).toBe('pending_deposit');
      await sweeper.sweep();
      expect(await status(id)).toBe('expired');
      expect(await sweeper.sweep()).toBe(0);
    } finally {
      await queue.resume();
    }
    // The job that runs after the resume finds nothing left to do.
    await until(
      () => queue.getJobCounts('delayed', 'waiting', 'active'),
      (counts) => (counts.delayed ?? 0) + (counts.waiting ?? 0) + (counts.active ?? 0) === 0,
    );
    const [{ n }] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox WHERE event_type = 'BookingExpired' AND aggregate_id = $1`,
      [id],
    );
    expect(n).toBe(1);
  });

  it('keeps a booking whose deposit was paid within the hold', async () => {
    const date = localDateIn(9);
    const id = await create(slot(date, '15:00'));
    await sut.app.get(CommandBus).execute(new ConfirmBookingCommand(id, 10_000));
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(await status(id)).toBe('confirmed');
    expect(await remaining(date, '15:00')).toBe(0);
  });

  it('confirms, reminds 48 h ahead, moves the reminder with the event and drops it on cancel', async () => {
    const id = await create(slot(localDateIn(20), '18:00'));
    await sut.app.get(CommandBus).execute(new ConfirmBookingCommand(id, 10_000));
    const confirmed = await until(
      () => messages(id),
      (rows) => rows.filter((row) => row.template !== 'staff_alert').length >= 4,
    );
    expect(confirmed.map((row) => [row.template, row.channel])).toEqual(
      expect.arrayContaining([
        ['booking_confirmation', 'email'],
        ['booking_confirmation', 'sms'],
        ['booking_reminder', 'email'],
        ['booking_reminder', 'sms'],
      ]),
    );
    const startsAt = new Date(slot(localDateIn(20), '18:00'));
    const reminder = confirmed.find((row) => row.template === 'booking_reminder');
    expect(new Date(reminder?.send_at ?? 0).getTime()).toBe(startsAt.getTime() - 48 * 3_600_000);
    expect(reminder?.status).toBe('scheduled');

    const newStart = slot(localDateIn(25), '12:00');
    await sut
      .http()
      .post(`/api/v1/bookings/${id}/reschedule`)
      .set('Authorization', manager)
      .send({ startsAt: newStart })
      .expect(200);
    const moved = await until(
      () => messages(id),
      (rows) =>
        rows
          .filter((row) => row.template === 'booking_reminder')
          .every((row) => new Date(row.send_at).getTime() === new Date(newStart).getTime() - 48 * 3_600_000),
    );
    expect(moved.filter((row) => row.template === 'booking_reminder')).toHaveLength(2);

    await sut.http().post(`/api/v1/bookings/${id}/cancel`).set('Authorization', manager).send({}).expect(200);
    const dropped = await until(
      () => messages(id),
      (rows) => rows.filter((row) => row.template === 'booking_reminder').every((row) => row.status === 'cancelled'),
    );
    expect(dropped.some((row) => row.template === 'booking_cancellation')).toBe(true);
  });

  it('drops the reminder when staff move the event within its lead, instead of sending it at once', async () => {
    const id = await create(slot(localDateIn(40), '12:00'));
    await sut.app.get(CommandBus).execute(new ConfirmBookingCommand(id, 10_000));
    await until(
      () => messages(id),
      (rows) => rows.filter((row) => row.template === 'booking_reminder').length === 2,
    );
    // The first slot between 2 h and 49 h from now: its reminder would be due within the hour.
    const soon = [0, 1, 2, 3]
      .flatMap((days) => ['12:00', '15:00', '18:00'].map((time) => slot(localDateIn(days), time)))
      .find((instant) => {
        const ahead = new Date(instant).getTime() - Date.now();
        return ahead > 2 * 3_600_000 && ahead < 49 * 3_600_000;
      });
    await sut
      .http()
      .post(`/api/v1/bookings/${id}/reschedule`)
      .set('Authorization', manager)
      .send({ startsAt: soon })
      .expect(200);
    const after = await until(
      () => messages(id),
      (rows) => rows.filter((row) => row.template === 'booking_confirmation').length === 4,
    );
    const reminders = after.filter((row) => row.template === 'booking_reminder');
    expect(reminders.map((row) => row.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('asks for a review once a past event is completed', async () => {
    const clock = sut.app.get(Clock);
    const startsAt = slot(localDateIn(30), '12:00');
    const id = await create(startsAt);
    await sut.app.get(CommandBus).execute(new ConfirmBookingCommand(id, 10_000));
    const early = await sut.http().post(`/api/v1/bookings/${id}/complete`).set('Authorization', manager).expect(409);
    expect(early.body.code).toBe('conflict');

    const spy = jest.spyOn(clock, 'now').mockReturnValue(new Date(new Date(startsAt).getTime() + 3 * 3_600_000));
    try {
      const done = await sut.http().post(`/api/v1/bookings/${id}/complete`).set('Authorization', manager).expect(200);
      expect(done.body.status).toBe('completed');
    } finally {
      spy.mockRestore();
    }
    const rows = await until(
      () => messages(id),
      (found) => found.some((row) => row.template === 'review_request'),
    );
    expect(rows.find((row) => row.template === 'review_request')?.body).toContain('/reviews/new?booking=MH-');
  });
});
