import { getQueueToken } from '@nestjs/bullmq';
import { CommandBus } from '@nestjs/cqrs';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { QUEUES } from '../../src/infrastructure/queue/queues.js';
import { REDIS_CLIENT } from '../../src/infrastructure/redis/redis.module.js';
import {
  CancelNotificationsCommand,
  RescheduleNotificationsCommand,
  SendNotificationsCommand,
  type BookingMessageData,
} from '../../src/modules/notifications/index.js';
import { NotificationSweeper } from '../../src/modules/notifications/jobs/notification-sweeper.js';
import { FakeRingCentral } from '../support/fake-ringcentral.js';
import { FakeSmtpServer } from '../support/fake-smtp.js';
import { Factories } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { until } from '../support/wait.js';

interface Row {
  id: string;
  status: string;
  attempts: number;
  channel: string;
  subject: string | null;
  body: string;
  send_at: Date;
  last_error: string | null;
  provider_message_id: string | null;
}

const booking = (startsAt: string): BookingMessageData => ({
  bookingReference: 'MH-7KQ2',
  customerName: 'Ada Lovelace',
  stationName: 'San Jose',
  startsAt,
  timezone: 'America/Los_Angeles',
  guests: 12,
  addressLine: '1 Infinite Loop, Cupertino',
  currency: 'USD',
  totalCents: 82_000,
  depositCents: 10_000,
  manageUrl: 'https://myhibachi.test/manage/abc',
});

describe('notification delivery (SMTP and RingCentral fakes)', () => {
  const smtp = new FakeSmtpServer();
  const ringcentral = new FakeRingCentral();
  let sut: TestApp;
  let db: DataSource;
  let commandBus: CommandBus;
  let queue: Queue;
  let stationId: string;

  beforeAll(async () => {
    await Promise.all([smtp.start(), ringcentral.start()]);
    sut = await createTestApp({
      env: {
        SMTP_URL: smtp.url,
        RINGCENTRAL_SERVER_URL: ringcentral.url,
        RINGCENTRAL_CLIENT_ID: 'rc-client',
        RINGCENTRAL_CLIENT_SECRET: 'rc-secret',
        RINGCENTRAL_JWT: 'rc-jwt',
        RINGCENTRAL_SMS_FROM: '+14085550100',
        NOTIFICATION_MAX_ATTEMPTS: '3',
        NOTIFICATION_BACKOFF_MS: '50',
      },
    });
    db = sut.app.get(DataSource);
    commandBus = sut.app.get(CommandBus);
    queue = sut.app.get<Queue>(getQueueToken(QUEUES.notifications));
    stationId = (await new Factories(sut).station()).id;
    // The tests that leave rows in a stale 'sending' state sweep by hand and count what the sweep
    // did; the worker's own schedule (every 15 s) could take those rows first.
    await sut.app.get(NotificationSweeper).onApplicationShutdown();
  });
  afterAll(async () => {
    await sut.close();
    await Promise.all([smtp.stop(), ringcentral.stop()]);
  });

  /** When BullMQ will run a delayed job: its score in the delayed set is the due time × 0x1000 (+ a counter). */
  const dueAt = async (jobId: string): Promise<number> => {
    const score = await sut.app.get<Redis>(REDIS_CLIENT).zscore(queue.keys.delayed, jobId);
    return Math.floor(Number(score) / 0x1000);
  };

  const rows = (aggregateId: string): Promise<Row[]> =>
    db.query<Row[]>('SELECT * FROM notifications WHERE aggregate_id = $1 ORDER BY channel', [aggregateId]);

  const send = (aggregateId: string, recipients: { channel: 'email' | 'sms'; address: string }[], sendAt?: Date) =>
    commandBus.execute(
      new SendNotificationsCommand({
        stationId,
        template: 'booking_confirmation',
        data: booking('2026-12-05T02:00:00.000Z'),
        recipients,
        dedupeKey: `booking:${aggregateId}:confirmation`,
        aggregate: { type: 'booking', id: aggregateId },
        sendAt,
      }),
    );

  /** A booking's e-mail reminder, due in an hour unless told otherwise. */
  const remind = (aggregateId: string, address: string, sendAt = new Date(Date.now() + 3_600_000)) =>
    commandBus.execute(
      new SendNotificationsCommand({
        stationId,
        template: 'booking_reminder',
        data: booking('2026-12-05T02:00:00.000Z'),
        recipients: [{ channel: 'email', address }],
        dedupeKey: `booking:${aggregateId}:reminder`,
        aggregate: { type: 'booking', id: aggregateId },
        sendAt,
      }),
    );
  const move = (aggregateId: string, sendAt: Date, startsAt: string) =>
    commandBus.execute(
      new RescheduleNotificationsCommand(
        { type: 'booking', id: aggregateId },
        'booking_reminder',
        sendAt,
        booking(startsAt),
      ),
    );
  const cancel = (aggregateId: string) =>
    commandBus.execute(
      new CancelNotificationsCommand({ type: 'booking', id: aggregateId }, 'booking_reminder', 'booking cancelled'),
    );

  it('sends an e-mail over SMTP and an SMS through RingCentral, and logs both as sent', async () => {
    const { ids } = await send('b-1', [
      { channel: 'email', address: 'ada@example.com' },
      { channel: 'sms', address: '+14085550111' },
    ]);
    expect(ids).toHaveLength(2);
    const done = await until(
      () => rows('b-1'),
      (list) => list.every((row) => row.status === 'sent'),
    );
    expect(done.map((row) => row.attempts)).toEqual([1, 1]);
    const mail = smtp.received.find((message) => message.to.includes('ada@example.com'));
    expect(mail?.raw).toContain('Subject: Your MyHibachi booking is confirmed');
    // 02:00Z on Dec 5 is 6 PM on Dec 4 in San Jose.
    expect(mail?.raw).toContain('Friday, December 4, 2026 at 6:00');
    const sms = ringcentral.sent.find((message) => message.to === '+14085550111');
    expect(sms).toMatchObject({ from: '+14085550100', authorization: 'Bearer token-1' });
    expect(sms?.text).toContain('MH-7KQ2');
    expect(done.find((row) => row.channel === 'sms')?.provider_message_id).toMatch(/^10\d\d$/);
  });

  it('adds nothing when the same request comes again (a retried event consumer)', async () => {
    const again = await send('b-1', [
      { channel: 'email', address: 'ada@example.com' },
      { channel: 'sms', address: '+14085550111' },
    ]);
    expect(again.ids).toEqual([]);
    expect(await rows('b-1')).toHaveLength(2);
  });

  it('retries a temporary SMTP failure and then keeps the notification as failed', async () => {
    smtp.refuse.set('busy@example.com', 451);
    await send('b-2', [{ channel: 'email', address: 'busy@example.com' }]);
    const [row] = await until(
      () => rows('b-2'),
      (list) => list[0]?.status === 'failed',
    );
    expect(row.attempts).toBe(3);
    expect(row.last_error).toContain('451');
    expect(smtp.attempts.get('busy@example.com')).toBe(3);
  });

  it('fails a permanent refusal at once, without retrying', async () => {
    smtp.refuse.set('nobody@example.com', 550);
    ringcentral.invalidNumbers.add('+10000000000');
    await send('b-3', [
      { channel: 'email', address: 'nobody@example.com' },
      { channel: 'sms', address: '+10000000000' },
    ]);
    const list = await until(
      () => rows('b-3'),
      (found) => found.length === 2 && found.every((row) => row.status === 'failed'),
    );
    expect(list.map((row) => row.attempts)).toEqual([1, 1]);
    expect(smtp.attempts.get('nobody@example.com')).toBe(1);
    expect(ringcentral.requests.get('+10000000000')).toBe(1);
  });

  it('schedules a reminder as a delayed job, moves it with the event and removes it on cancel', async () => {
    const inAnHour = new Date(Date.now() + 3_600_000);
    const { ids } = await remind('b-4', 'ada@example.com', inAnHour);
    const [id] = ids;
    const job = await queue.getJob(id);
    expect(await job?.getState()).toBe('delayed');
    expect(Math.abs((await dueAt(id)) - inAnHour.getTime())).toBeLessThan(2000);
    expect((await rows('b-4'))[0].status).toBe('scheduled');

    const inTwoHours = new Date(Date.now() + 7_200_000);
    const moved = await move('b-4', inTwoHours, '2026-12-12T02:00:00.000Z');
    expect(moved).toEqual({ moved: 1 });
    expect(Math.abs((await dueAt(id)) - inTwoHours.getTime())).toBeLessThan(2000);
    const [row] = await rows('b-4');
    expect(new Date(row.send_at).getTime()).toBe(inTwoHours.getTime());
    expect(row.body).toContain('December 11, 2026');

    expect(await cancel('b-4')).toEqual({ cancelled: 1 });
    expect(await queue.getJob(id)).toBeUndefined();
    expect((await rows('b-4'))[0].status).toBe('cancelled');
  });

  it('does not move a reminder whose send is in progress, so the caller schedules a new one', async () => {
    const sendAt = new Date(Date.now() + 3_600_000);
    const { ids } = await remind('b-sending', 'ada@example.com', sendAt);
    // A worker has just picked it up.
    await db.query(`UPDATE notifications SET status = 'sending' WHERE id = $1`, [ids[0]]);
    const moved = await move('b-sending', new Date(Date.now() + 7_200_000), '2026-12-12T02:00:00.000Z');
    expect(moved).toEqual({ moved: 0 });
    const [row] = await rows('b-sending');
    expect([row.status, new Date(row.send_at).getTime()]).toEqual(['sending', sendAt.getTime()]);
  });

  it('sends a reminder that was moved to now', async () => {
    const { ids } = await remind('b-5', 'soon@example.com');
    await move('b-5', new Date(Date.now() + 200), '2026-12-05T02:00:00.000Z');
    const [row] = await until(
      () => rows('b-5'),
      (list) => list[0]?.status === 'sent',
    );
    expect(row.id).toBe(ids[0]);
    expect(smtp.received.some((mail) => mail.to.includes('soon@example.com'))).toBe(true);
  });

  it('gets a new RingCentral token when the old one was revoked, and sends', async () => {
    const tokensBefore = ringcentral.tokenRequests;
    ringcentral.revokeTokenOnce = true;
    await send('b-6', [{ channel: 'sms', address: '+14085550166' }]);
    const [row] = await until(
      () => rows('b-6'),
      (list) => list[0]?.status === 'sent',
    );
    expect(row.attempts).toBe(1);
    expect(ringcentral.tokenRequests).toBe(tokensBefore + 1);
  });

  it('cancels a reminder whose send was cut off, and never sends it', async () => {
    await remind('b-7', 'cutoff@example.com');
    // As a worker that died mid-send leaves it.
    await db.query(
      "UPDATE notifications SET status = 'sending', send_at = now() - interval '5 minutes', updated_at = now() - interval '10 minutes' WHERE aggregate_id = 'b-7'",
    );
    expect(await cancel('b-7')).toEqual({ cancelled: 1 });
    await sut.app.get(NotificationSweeper).sweep();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await rows('b-7'))[0].status).toBe('cancelled');
    expect(smtp.attempts.has('cutoff@example.com')).toBe(false);
  });

  it('sends again what a dead worker left in sending, once it is stale', async () => {
    await send('b-8', [{ channel: 'email', address: 'stale@example.com' }]);
    await until(
      () => rows('b-8'),
      (list) => list[0]?.status === 'sent',
    );
    await db.query(
      "UPDATE notifications SET status = 'sending', send_at = now() - interval '11 minutes', updated_at = now() - interval '10 minutes' WHERE aggregate_id = 'b-8'",
    );
    expect(await sut.app.get(NotificationSweeper).sweep()).toBeGreaterThanOrEqual(1);
    const [row] = await until(
      () => rows('b-8'),
      (list) => list[0]?.status === 'sent' && list[0].attempts === 2,
    );
    expect(row.attempts).toBe(2);
    expect(smtp.attempts.get('stale@example.com')).toBe(2);
  });
});
