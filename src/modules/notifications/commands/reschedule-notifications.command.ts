import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import type { NotificationTemplate, TemplateData } from '../domain/notification-types.js';
import { renderNotification } from '../domain/render-notification.js';
import { NotificationQueue } from '../notification-queue.js';
import { NotificationRepository } from '../notification.repository.js';

/**
 * Moves the pending notifications of an aggregate (e.g. a booking's reminder) to a new time with
 * new content. Returns how many moved; zero means there was nothing pending to move (a send already
 * in progress is not moved), so the caller schedules a new one.
 */
export class RescheduleNotificationsCommand<T extends NotificationTemplate = NotificationTemplate> extends Command<{
  moved: number;
}> {
  constructor(
    readonly aggregate: { type: string; id: string },
    readonly template: T,
    readonly sendAt: Date,
    readonly data: TemplateData[T],
  ) {
    super();
  }
}

@CommandHandler(RescheduleNotificationsCommand)
export class RescheduleNotificationsHandler implements ICommandHandler<RescheduleNotificationsCommand> {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly queue: NotificationQueue,
  ) {}

  @Transactional()
  async execute({ aggregate, template, sendAt, data }: RescheduleNotificationsCommand): Promise<{ moved: number }> {
    const pending = await this.notifications.lockPendingFor(aggregate.type, aggregate.id, template, {
      includeSending: false,
    });
    for (const notification of pending) {
      const rendered = renderNotification(template, notification.channel, data);
      await this.notifications.reschedule(notification.id, { sendAt, data, ...rendered });
    }
    await this.queue.schedule(pending.map(({ id }) => ({ id, sendAt })));
    return { moved: pending.length };
  }
}
