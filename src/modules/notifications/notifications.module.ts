import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailChannel, MessageChannels, SmsChannel } from './channels/message-channels.js';
import { CancelNotificationsHandler } from './commands/cancel-notifications.command.js';
import { CreateNotificationGroupHandler } from './commands/create-notification-group.command.js';
import { DeleteNotificationGroupHandler } from './commands/delete-notification-group.command.js';
import { RescheduleNotificationsHandler } from './commands/reschedule-notifications.command.js';
import { RetryNotificationHandler } from './commands/retry-notification.command.js';
import { SendNotificationsHandler } from './commands/send-notifications.command.js';
import { SendStaffAlertHandler } from './commands/send-staff-alert.command.js';
import { UpdateNotificationGroupHandler } from './commands/update-notification-group.command.js';
import { NotificationGroupMembers } from './notification-group-members.js';
import { NotificationGroupEntity } from './notification-group.entity.js';
import { NotificationGroupRepository } from './notification-group.repository.js';
import { NotificationQueue } from './notification-queue.js';
import { NotificationWriter } from './notification-writer.js';
import { NotificationEntity } from './notification.entity.js';
import { NotificationRepository } from './notification.repository.js';
import { NotificationsController } from './notifications.controller.js';
import { ListNotificationGroupsHandler } from './queries/list-notification-groups.query.js';
import { ListNotificationsHandler } from './queries/list-notifications.query.js';

const handlers = [
  SendNotificationsHandler,
  SendStaffAlertHandler,
  RescheduleNotificationsHandler,
  CancelNotificationsHandler,
  RetryNotificationHandler,
  CreateNotificationGroupHandler,
  UpdateNotificationGroupHandler,
  DeleteNotificationGroupHandler,
  ListNotificationGroupsHandler,
  ListNotificationsHandler,
];
const repositories = [NotificationRepository, NotificationGroupRepository];
const services = [
  NotificationQueue,
  NotificationWriter,
  NotificationGroupMembers,
  EmailChannel,
  SmsChannel,
  MessageChannels,
];

/** E-mail and SMS to customers and staff: templates, groups, the delivery log, scheduled sends. */
@Module({
  imports: [TypeOrmModule.forFeature([NotificationEntity, NotificationGroupEntity])],
  controllers: [NotificationsController],
  providers: [...handlers, ...repositories, ...services],
  exports: [NotificationRepository, NotificationQueue, MessageChannels],
})
export class NotificationsModule {}
