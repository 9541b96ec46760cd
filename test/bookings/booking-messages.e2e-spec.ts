import { jest } from '@jest/globals';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/index.js';
import { ConfirmBookingCommand } from '../../src/modules/bookings/index.js';
import { bookingBody, localDateIn, slot } from '../support/booking-fixtures.js';
import { bookingMessages, type BookingMessage } from '../support/booking-messages.js';
import { Factories } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { until } from '../support/wait.js';

describe('the messages of a booking: confirmation, reminders, review request', () => {
  let sut: TestApp;
  let db: DataSource;
  let stationId: string;
  let manager: string;

  beforeAll(async () => {
    sut = await createTestApp({ env: { RATE_LIMIT_LIMIT: '100000' } });
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
  const messages = (id: string): Promise<BookingMessage[]> => bookingMessages(db, id);

  it('confirms, reminds 48 h ahead, moves the reminder with the event and drops it on cancel', async () => {
    const startsAt = new Date(slot(localDateIn(20), '18:00'));
    const id = await create(startsAt.toISOString());
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
