import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { NotificationWriter, type NotificationRequest } from '../notification-writer.js';

/** Sends (or schedules) one message to each recipient; returns the ids of the new notifications. */
export class SendNotificationsCommand extends Command<{ ids: string[] }> {
  constructor(readonly request: NotificationRequest) {
    super();
  }
}

@CommandHandler(SendNotificationsCommand)
export class SendNotificationsHandler implements ICommandHandler<SendNotificationsCommand> {
  constructor(private readonly writer: NotificationWriter) {}

  @Transactional()
  async execute({ request }: SendNotificationsCommand): Promise<{ ids: string[] }> {
    return { ids: await this.writer.write(request) };
  }
}
