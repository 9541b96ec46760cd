import { jest } from '@jest/globals';
import { CommandBus } from '@nestjs/cqrs';
import type { Queue } from 'bullmq';
import type supertest from 'supertest';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/index.js';
import { ConfirmBookingCommand } from '../../src/modules/bookings/index.js';
import { holdJobId } from '../../src/modules/bookings/booking-holds.js';
import { BookingHoldSweeper } from '../../src/modules/bookings/jobs/booking-hold-sweeper.js';
import { bookingBody, localDateIn, slot } from '../support/booking-fixtures.js';
import { holdsQueue, holdsScheduled } from '../support/booking-holds.js';
import { bookingMessages, type BookingMessage } from '../support/booking-messages.js';
import { Factories } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { until } from '../support/wait.js';

/** Short enough to wait out, long enough for the steps a test takes inside it on a loaded machine. */
const HOLD_SECONDS = 5;

describe('booking holds and their expiry', () => {
  let sut: TestApp;
  let db: DataSource;
  let stationId: string;
  let queue: Queue;

  beforeAll(async () => {
    sut = await createTestApp({ env: { BOOKING_HOLD_SECONDS: String(HOLD_SECONDS), RATE_LIMIT_LIMIT: '100000' } });
    db = sut.app.get(DataSource);
    const factories = new Factories(sut);
    stationId = (await factories.station()).id;
    await factories.member(stationId, 'chef');
    queue = holdsQueue(sut);
  });
  afterAll(() => sut.close());

  const book = (startsAt: string): supertest.Test =>
    sut.http().post('/api/v1/bookings').send(bookingBody(stationId, startsAt));
  const create = async (startsAt: string): Promise<string> =>
    (await book(startsAt).expect(201)).body.booking.id as string;
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
  const messages = (id: string): Promise<BookingMessage[]> => bookingMessages(db, id);

  it('expires an unpaid booking after its hold and frees the slot', async () => {
    const date = localDateIn(9);
    const id = await create(slot(date, '12:00'));
    expect(await status(id)).toBe('pending_deposit');
    expect(await remaining(date, '12:00')).toBe(0);
    await book(slot(date, '12:00')).expect(409);

    await until(
      () => status(id),
      (value) => value === 'expired',
      20_000,
    );
    expect(await remaining(date, '12:00')).toBe(1);
    await book(slot(date, '12:00')).expect(201);
    // The customer hears that the date was released.
    const sent = await until(
      () => messages(id),
      (rows) => rows.some((row) => row.template === 'booking_cancellation'),
    );
    expect(sent.find((row) => row.template === 'booking_cancellation')?.body).toContain('not paid in time');
  });

  it('expires a lapsed hold whose delayed job never ran (sweeper), once', async () => {
    const sweeper = sut.app.get(BookingHoldSweeper);
    // A paused queue stands in for a lost job: the expiry must come from the sweeper, run here by
    // hand (its own schedule is stopped, so it cannot expire the booking before the assertions).
    await sweeper.onApplicationShutdown();
    await queue.pause();
    let id: string | undefined;
    try {
      id = await create(slot(localDateIn(9), '18:00'));
      await holdsScheduled(sut, [id]);
      expect(await sweeper.sweep()).toBe(0);
      expect(await status(id)).toBe('pending_deposit');
      jest.spyOn(sut.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + (HOLD_SECONDS + 1) * 1000));
      await sweeper.sweep();
      expect(await status(id)).toBe('expired');
      expect(await sweeper.sweep()).toBe(0);
    } finally {
      jest.restoreAllMocks();
      await queue.resume();
      sweeper.onApplicationBootstrap();
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
    await holdsScheduled(sut, [id]);
    await sut.app.get(CommandBus).execute(new ConfirmBookingCommand(id, 10_000));
    // The hold's delayed job runs once the hold lapses and leaves the paid booking alone.
    expect(
      await until(
        () => queue.getJobState(holdJobId(id)),
        (state) => state === 'completed',
        (HOLD_SECONDS + 15) * 1000,
      ),
    ).toBe('completed');
    expect(await status(id)).toBe('confirmed');
    expect(await remaining(date, '15:00')).toBe(0);
  });
});
