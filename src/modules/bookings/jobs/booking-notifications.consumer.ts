import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Clock } from '../../../common/index.js';
import { APP_CONFIG, type AppConfig } from '../../../config/index.js';
import { ConsumesEvents, type EventConsumer, type PublishedEvent } from '../../../infrastructure/outbox/index.js';
import {
  CancelNotificationsCommand,
  formatEventTime,
  RescheduleNotificationsCommand,
  SendNotificationsCommand,
  SendStaffAlertCommand,
  type BookingMessageData,
  type NotificationRecipient,
  type StaffAlert,
} from '../../notifications/index.js';
import type { BookingEntity } from '../booking.entity.js';
import { BookingRepository } from '../booking.repository.js';
import { BookingStations, type StationView } from '../booking-stations.js';
import { BOOKING_EVENTS, type BookingEventPayload } from '../events/booking-events.js';
import { ManageLinks } from '../manage-links.js';

/** A reminder due sooner than this after it is scheduled adds nothing to the confirmation. */
const MIN_REMINDER_LEAD_MS = 3_600_000;

/**
 * Turns booking events into messages: the customer's confirmation, 48 h reminder (moved with a
 * reschedule, dropped on cancel), cancellation notice and review request, and the staff alerts.
 * Ordered per booking, so a reschedule is never handled before the confirmation it moves.
 */
@Injectable()
@ConsumesEvents({
  name: 'bookings.notifications',
  events: [
    BOOKING_EVENTS.created,
    BOOKING_EVENTS.confirmed,
    BOOKING_EVENTS.rescheduled,
    BOOKING_EVENTS.cancelled,
    BOOKING_EVENTS.expired,
    BOOKING_EVENTS.completed,
  ],
  ordered: true,
})
export class BookingNotificationsConsumer implements EventConsumer {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly stations: BookingStations,
    private readonly links: ManageLinks,
    private readonly commandBus: CommandBus,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(event: PublishedEvent): Promise<void> {
    const payload = event.payload as unknown as BookingEventPayload;
    const booking = await this.bookings.findById(payload.bookingId);
    if (!booking) return;
    const station = await this.stations.get(booking.stationId, { activeOnly: false });
    const data = this.messageData(booking, station, payload);
    const aggregate = aggregateOf(booking);
    const key = (kind: string): string => `booking:${booking.id}:${kind}:${event.id}`;

    switch (event.type) {
      case BOOKING_EVENTS.created:
        return this.alert(booking, station, 'booking_created', `New booking ${booking.reference}`, key('alert'));
      case BOOKING_EVENTS.confirmed:
        await this.toCustomer(booking, 'booking_confirmation', data, key('confirmation'));
        await this.scheduleReminder(booking, data, key('reminder'));
        return this.alert(
          booking,
          station,
          'booking_confirmed',
          `Booking ${booking.reference} confirmed`,
          key('alert'),
        );
      case BOOKING_EVENTS.rescheduled:
        if (booking.status === 'confirmed') {
          await this.moveReminder(booking, data, key('reminder'));
          await this.toCustomer(booking, 'booking_confirmation', data, key('confirmation'));
        }
        return this.alert(booking, station, 'booking_rescheduled', `Booking ${booking.reference} moved`, key('alert'));
      case BOOKING_EVENTS.cancelled:
        await this.commandBus.execute(
          new CancelNotificationsCommand(aggregate, 'booking_reminder', 'booking cancelled'),
        );
        await this.toCustomer(booking, 'booking_cancellation', data, key('cancellation'));
        return this.alert(
          booking,
          station,
          'booking_cancelled',
          `Booking ${booking.reference} cancelled`,
          key('alert'),
        );
      case BOOKING_EVENTS.expired:
        await this.toCustomer(
          booking,
          'booking_cancellation',
          { ...data, reason: 'The deposit was not paid in time, so the date was released.' },
          key('cancellation'),
        );
        return this.alert(booking, station, 'booking_expired', `Booking ${booking.reference} expired`, key('alert'));
      case BOOKING_EVENTS.completed:
        await this.commandBus.execute(
          new SendNotificationsCommand({
            stationId: booking.stationId,
            template: 'review_request',
            data: {
              customerName: booking.contactName,
              stationName: station.name,
              reviewUrl: this.links.reviewUrlFor(booking.reference),
            },
            recipients: [{ channel: 'email', address: booking.contactEmail }],
            dedupeKey: key('review-request'),
            aggregate,
          }),
        );
        return;
    }
  }

  private messageData(booking: BookingEntity, station: StationView, payload: BookingEventPayload): BookingMessageData {
    const { address } = booking;
    return {
      bookingReference: booking.reference,
      customerName: booking.contactName,
      stationName: station.name,
      stationPhone: station.contactPhone,
      startsAt: booking.startsAt.toISOString(),
      timezone: station.timezone,
      guests: booking.guests,
      addressLine: [address.line1, address.line2, address.city].filter(Boolean).join(', '),
      currency: booking.currency,
      totalCents: booking.totalCents,
      depositCents: booking.depositCents,
      manageUrl: this.links.urlFor(booking.id),
      refundCents: payload.refundCents ?? null,
      reason: payload.reason ?? null,
    };
  }

  /** A message to the customer by e-mail and SMS, now or at `sendAt`. */
  private toCustomer(
    booking: BookingEntity,
    template: 'booking_confirmation' | 'booking_cancellation' | 'booking_reminder',
    data: BookingMessageData,
    dedupeKey: string,
    sendAt?: Date,
  ): Promise<{ ids: string[] }> {
    return this.commandBus.execute(
      new SendNotificationsCommand({
        stationId: booking.stationId,
        template,
        data,
        recipients: customerRecipients(booking),
        dedupeKey,
        aggregate: aggregateOf(booking),
        sendAt,
      }),
    );
  }

  private reminderAt(booking: BookingEntity): Date {
    return new Date(booking.startsAt.getTime() - this.config.notifications.reminderLeadHours * 3_600_000);
  }

  /** True when a reminder would go out so soon that the message being sent now already serves. */
  private reminderTooSoon(booking: BookingEntity): boolean {
    return this.reminderAt(booking).getTime() - this.clock.now().getTime() < MIN_REMINDER_LEAD_MS;
  }

  private async moveReminder(booking: BookingEntity, data: BookingMessageData, dedupeKey: string): Promise<void> {
    const aggregate = aggregateOf(booking);
    if (this.reminderTooSoon(booking)) {
      // Moved close to the event: the new confirmation says when; a reminder right after it would not.
      await this.commandBus.execute(
        new CancelNotificationsCommand(aggregate, 'booking_reminder', 'event moved within the reminder lead'),
      );
      return;
    }
    const { moved } = await this.commandBus.execute(
      new RescheduleNotificationsCommand(aggregate, 'booking_reminder', this.reminderAt(booking), data),
    );
    if (moved === 0) await this.scheduleReminder(booking, data, dedupeKey);
  }

  private async scheduleReminder(booking: BookingEntity, data: BookingMessageData, dedupeKey: string): Promise<void> {
    if (this.reminderTooSoon(booking)) return;
    await this.toCustomer(booking, 'booking_reminder', data, dedupeKey, this.reminderAt(booking));
  }

  private async alert(
    booking: BookingEntity,
    station: StationView,
    alert: StaffAlert,
    title: string,
    dedupeKey: string,
  ): Promise<void> {
    await this.commandBus.execute(
      new SendStaffAlertCommand(
        booking.stationId,
        {
          alert,
          title,
          lines: [
            formatEventTime(booking.startsAt.toISOString(), station.timezone),
            `${booking.guests} guests · ${booking.contactName} · ${booking.contactPhone}`,
            `Status: ${booking.status}`,
          ],
        },
        dedupeKey,
        aggregateOf(booking),
      ),
    );
  }
}

function aggregateOf(booking: BookingEntity): { type: string; id: string } {
  return { type: 'booking', id: booking.id };
}

function customerRecipients(booking: BookingEntity): NotificationRecipient[] {
  return [
    { channel: 'email', address: booking.contactEmail, userId: booking.customerUserId },
    { channel: 'sms', address: booking.contactPhone, userId: booking.customerUserId },
  ];
}
