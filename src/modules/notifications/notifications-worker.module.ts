import { Module } from '@nestjs/common';
import { NotificationSweeper } from './jobs/notification-sweeper.js';
import { SendNotificationProcessor } from './jobs/send-notification.processor.js';
import { NotificationsModule } from './notifications.module.js';

/** Worker role only: delivery of notifications and the sweeper for jobs lost during Redis outages. */
@Module({ imports: [NotificationsModule], providers: [SendNotificationProcessor, NotificationSweeper] })
export class NotificationsWorkerModule {}
