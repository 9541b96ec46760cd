import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import type { NotificationTemplate } from '../domain/notification-types.js';
import { NotificationQueue } from '../notification-queue.js';
import { NotificationRepository } from '../notification.repository.js';

/** Cancels the pending notifications of an aggregate with one template and removes their jobs. */
export class CancelNotificationsCommand extends Command<{ cancelled: number }> {
  constructor(
    readonly aggregate: { type: string; id: string },
    readonly template: NotificationTemplate,
    readonly reason: string,
  ) {
    super();
  }
}

@CommandHandler(CancelNotificationsCommand)
export class CancelNotificationsHandler implements ICommandHandler<CancelNotificationsCommand> {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly queue: NotificationQueue,
  ) {}

  @Transactional()
  async execute({ aggregate, template, reason }: CancelNotificationsCommand): Promise<{ cancelled: number }> {
    const pending = await this.notifications.lockPendingFor(aggregate.type, aggregate.id, template, {
      includeSending: true,
    });
    const ids = pending.map((notification) => notification.id);
    await this.notifications.cancel(ids, reason);
    await this.queue.remove(ids);
    return { cancelled: ids.length };
  }
}
