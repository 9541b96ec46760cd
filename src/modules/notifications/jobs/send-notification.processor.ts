import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { QUEUES } from '../../../infrastructure/queue/queues.js';
import { MessageChannels, PermanentDeliveryError } from '../channels/message-channels.js';
import { PENDING_NOTIFICATION_STATUSES } from '../domain/notification-types.js';
import type { SendNotificationJob } from '../notification-queue.js';
import { NotificationRepository, STALE_SENDING_MS } from '../notification.repository.js';

type SendOutcome = 'sent' | 'not_sent' | 'failed' | 'already_done' | 'missing';

/** Seconds a job waits for the transaction that logged its notification to commit. */
const UNCOMMITTED_WAITS = 30;
const RECORD_SENT_ATTEMPTS = 3;

/**
 * Delivers one logged notification. The row decides: cancelled or finished rows are skipped, a row
 * moved later sends the job back to wait, a channel without credentials records `not_sent` with the
 * rendered text, and a failure retries with backoff until it stays `failed`.
 */
@Processor(QUEUES.notifications, { concurrency: 4 })
export class SendNotificationProcessor extends WorkerHost {
  private readonly logger = new Logger(SendNotificationProcessor.name);

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly channels: MessageChannels,
  ) {
    super();
  }

  async process(job: Job<SendNotificationJob>, token?: string): Promise<SendOutcome> {
    const { notificationId } = job.data;
    const notification = await this.notifications.claimDue(notificationId);
    if (!notification) return this.notClaimed(job, token);

    const channel = this.channels.get(notification.channel);
    if (!channel.configured) {
      await this.notifications.finish(notification.id, {
        status: 'not_sent',
        lastError: `the ${notification.channel} channel is not configured`,
      });
      return 'not_sent';
    }
    let providerMessageId: string | null;
    try {
      providerMessageId = await channel.send({
        to: notification.recipient,
        subject: notification.subject,
        body: notification.body,
      });
    } catch (error) {
      const message = (error as Error).message.slice(0, 1000);
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (error instanceof PermanentDeliveryError || lastAttempt) {
        await this.notifications.finish(notification.id, { status: 'failed', lastError: message });
        this.logger.warn(`Notification ${notification.id} (${notification.channel}) failed: ${message}`);
        return 'failed';
      }
      // Cancelled while the send was failing: nothing left to retry.
      if (!(await this.notifications.finish(notification.id, { status: 'retrying', lastError: message }))) {
        return 'already_done';
      }
      throw error;
    }
    await this.recordSent(notification.id, providerMessageId);
    return 'sent';
  }

  /**
   * The message is out: failing now must not make BullMQ send it again, so the database write is
   * retried here; if it still fails the row is left `sending` and logged, not re-sent at once.
   */
  private async recordSent(id: string, providerMessageId: string | null): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.notifications.finish(id, { status: 'sent', providerMessageId });
        return;
      } catch (error) {
        if (attempt === RECORD_SENT_ATTEMPTS) {
          this.logger.error(`Notification ${id} was sent but could not be marked sent: ${(error as Error).message}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  }

  private async notClaimed(job: Job<SendNotificationJob>, token: string | undefined): Promise<SendOutcome> {
    const row = await this.notifications.findById(job.data.notificationId);
    const now = Date.now();
    if (!row) {
      // The job can run before the transaction that logged its row commits; a row that never
      // appears belonged to a transaction that rolled back.
      const waits = job.data.missingWaits ?? 0;
      if (waits >= UNCOMMITTED_WAITS) return 'missing';
      await job.updateData({ ...job.data, missingWaits: waits + 1 });
      return this.waitUntil(job, token, now + 1000);
    }
    if (row.status === 'sending') {
      // Another run holds it, or a dead worker left it: look again once it would count as stale.
      return this.waitUntil(job, token, Math.max(row.updatedAt.getTime() + STALE_SENDING_MS, now + 1000));
    }
    if (PENDING_NOTIFICATION_STATUSES.includes(row.status)) {
      // Moved later; at least a second on, so a clock gap with the database cannot spin the job.
      return this.waitUntil(job, token, Math.max(row.sendAt.getTime(), now + 1000));
    }
    return 'already_done';
  }

  /** Sends the job back to the delayed set (the notification was moved, or is not committed yet). */
  private async waitUntil(job: Job<SendNotificationJob>, token: string | undefined, timestamp: number): Promise<never> {
    await job.moveToDelayed(timestamp, token);
    throw new DelayedError();
  }
}
