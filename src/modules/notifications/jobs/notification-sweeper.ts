import { Injectable } from '@nestjs/common';
import { ScheduledTask } from '../../../infrastructure/scheduling/scheduled-task.js';
import { NotificationQueue } from '../notification-queue.js';
import { NotificationRepository } from '../notification.repository.js';

const INTERVAL_MS = 15_000;
const OVERDUE_SECONDS = 30;

/**
 * Worker side of "the queue was unreachable when the notification was logged": due notifications
 * without a job get one. Job ids are notification ids, so a job that does exist is left alone.
 */
@Injectable()
export class NotificationSweeper extends ScheduledTask {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly queue: NotificationQueue,
  ) {
    super(INTERVAL_MS, 'Notification sweep');
  }

  protected runOnce(): Promise<unknown> {
    return this.sweep();
  }

  async sweep(): Promise<number> {
    const ids = await this.notifications.listOverdue(OVERDUE_SECONDS, 500);
    if (ids.length === 0) return 0;
    await this.queue.schedule(ids.map((id) => ({ id, sendAt: new Date() })));
    this.logger.log(`Checked the jobs of ${ids.length} overdue notification(s)`);
    return ids.length;
  }
}
