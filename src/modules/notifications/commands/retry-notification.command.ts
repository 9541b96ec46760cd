import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { DomainError, NotFoundError, stationScope, type AuthenticatedUser } from '../../../common/index.js';
import { NotificationQueue } from '../notification-queue.js';
import { NotificationRepository } from '../notification.repository.js';
import { NOTIFICATION_LOG_ROLES } from '../queries/list-notifications.query.js';

/** Sends a `failed` or `not_sent` notification again, e.g. after the channel was configured. */
export class RetryNotificationCommand extends Command<{ id: string }> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly notificationId: string,
  ) {
    super();
  }
}

@CommandHandler(RetryNotificationCommand)
export class RetryNotificationHandler implements ICommandHandler<RetryNotificationCommand> {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly queue: NotificationQueue,
  ) {}

  @Transactional()
  async execute({ user, notificationId }: RetryNotificationCommand): Promise<{ id: string }> {
    const scope = stationScope(user, NOTIFICATION_LOG_ROLES);
    const requeued = await this.notifications.requeue(notificationId, scope === 'all' ? undefined : scope);
    if (requeued === 'not_found') throw new NotFoundError('Notification', notificationId);
    if (requeued === 'not_retryable') {
      throw new DomainError('conflict', 'Only failed or unsent notifications can be sent again.');
    }
    await this.queue.schedule([{ id: notificationId, sendAt: new Date() }]);
    return { id: notificationId };
  }
}
