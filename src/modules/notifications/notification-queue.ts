import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { withTimeout } from '../../common/index.js';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';
import { QUEUES } from '../../infrastructure/queue/queues.js';

export interface SendNotificationJob {
  notificationId: string;
  /** Times the job found no row yet (its transaction had not committed). */
  missingWaits?: number;
}

const QUEUE_TIMEOUT_MS = 3000;

/**
 * Keeps one BullMQ job per pending notification (jobId = notification id), due at its `send_at`.
 * The database row is the truth: a failed queue call is only logged, because the send job re-checks
 * the row and the worker's sweeper re-queues due rows whose job went missing.
 */
@Injectable()
export class NotificationQueue {
  private readonly logger = new Logger(NotificationQueue.name);

  constructor(
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue<SendNotificationJob>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Makes sure each notification has a job due at `sendAt` (adds, moves or re-adds a finished one). */
  async schedule(notifications: readonly { id: string; sendAt: Date }[]): Promise<void> {
    await this.attempt(`queueing ${notifications.length} notification(s)`, async () => {
      for (const { id, sendAt } of notifications) await this.scheduleOne(id, sendAt);
    });
  }

  /** Jobs for notifications just written: no job can exist yet, so one bulk add, no look-ups. */
  async addNew(notifications: readonly { id: string; sendAt: Date }[]): Promise<void> {
    if (notifications.length === 0) return;
    await this.attempt(`queueing ${notifications.length} notification(s)`, async () => {
      await this.queue.addBulk(
        notifications.map(({ id, sendAt }) => ({
          name: 'send',
          data: { notificationId: id },
          opts: this.jobOptions(id, sendAt),
        })),
      );
    });
  }

  async remove(ids: readonly string[]): Promise<void> {
    await this.attempt(`removing ${ids.length} notification job(s)`, async () => {
      for (const id of ids) {
        const job = await this.queue.getJob(id);
        // An active job cannot be removed; it finds its row cancelled and stops.
        if (job && !(await job.isActive())) await job.remove();
      }
    });
  }

  private async scheduleOne(id: string, sendAt: Date): Promise<void> {
    const delay = Math.max(0, sendAt.getTime() - Date.now());
    const job = await this.queue.getJob(id);
    if (job) {
      const state = await job.getState();
      if (state === 'delayed') {
        // The job's own fields do not tell its due time after a move, so always set it.
        await job.changeDelay(delay);
        return;
      }
      if (state !== 'completed' && state !== 'failed') return;
      await job.remove();
    }
    await this.queue.add('send', { notificationId: id }, this.jobOptions(id, sendAt));
  }

  private jobOptions(id: string, sendAt: Date): JobsOptions {
    return {
      jobId: id,
      delay: Math.max(0, sendAt.getTime() - Date.now()),
      attempts: this.config.notifications.maxAttempts,
      backoff: { type: 'exponential', delay: this.config.notifications.backoffMs },
    };
  }

  private async attempt(what: string, work: () => Promise<void>): Promise<void> {
    try {
      await withTimeout(work(), QUEUE_TIMEOUT_MS, what);
    } catch (error) {
      this.logger.warn(`${what} deferred to the sweeper: ${(error as Error).message}`);
    }
  }
}
