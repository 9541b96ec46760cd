import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/index.js';
import type { NotificationChannel, NotificationTemplate, TemplateData } from './domain/notification-types.js';
import { renderNotification } from './domain/render-notification.js';
import { NotificationQueue } from './notification-queue.js';
import { NotificationRepository } from './notification.repository.js';

export interface NotificationRecipient {
  channel: NotificationChannel;
  /** E-mail address or E.164 phone number. */
  address: string;
  userId?: string | null;
}

export interface NotificationRequest<T extends NotificationTemplate = NotificationTemplate> {
  stationId: string | null;
  template: T;
  data: TemplateData[T];
  recipients: readonly NotificationRecipient[];
  /** Stable for one intent (e.g. `booking:<id>:confirmation`): repeating the request adds nothing. */
  dedupeKey: string;
  aggregate?: { type: string; id: string };
  /** Later sends are scheduled; omitted means now. */
  sendAt?: Date;
}

/** Renders, logs and queues notifications, in the caller's transaction. */
@Injectable()
export class NotificationWriter {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly queue: NotificationQueue,
    private readonly clock: Clock,
  ) {}

  async write(request: NotificationRequest): Promise<string[]> {
    const now = this.clock.now();
    const sendAt = request.sendAt && request.sendAt > now ? request.sendAt : now;
    const unique = new Map(
      request.recipients.map((recipient) => [`${recipient.channel}:${recipient.address}`, recipient]),
    );
    const inserted = await this.notifications.insertMany(
      [...unique.entries()].map(([key, recipient]) => {
        const rendered = renderNotification(request.template, recipient.channel, request.data);
        return {
          stationId: request.stationId,
          template: request.template,
          channel: recipient.channel,
          recipient: recipient.address,
          recipientUserId: recipient.userId ?? null,
          aggregateType: request.aggregate?.type ?? null,
          aggregateId: request.aggregate?.id ?? null,
          dedupeKey: `${request.dedupeKey}:${key}`,
          data: request.data as unknown as Record<string, unknown>,
          subject: rendered.subject,
          body: rendered.body,
          status: sendAt > now ? 'scheduled' : 'queued',
          sendAt,
        };
      }),
    );
    await this.queue.addNew(inserted);
    return inserted.map((row) => row.id);
  }
}
