import { Injectable } from '@nestjs/common';
import { Clock } from '../../../common/index.js';
import { ConsumesEvents, type EventConsumer, type PublishedEvent } from '../../../infrastructure/outbox/index.js';
import { BookingHolds } from '../booking-holds.js';
import { BookingRepository } from '../booking.repository.js';
import { BOOKING_EVENTS, type BookingEventPayload } from '../events/booking-events.js';

/**
 * Schedules the expiry of an unpaid booking's hold once the booking is committed (through the
 * outbox, so nothing is queued for a rolled-back booking and the station-day lock is never held while
 * Redis answers). Capacity reads ignore a lapsed hold anyway; the sweeper covers a lost job.
 */
@Injectable()
@ConsumesEvents({ name: 'bookings.holds', events: [BOOKING_EVENTS.created] })
export class BookingHoldsConsumer implements EventConsumer {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly holds: BookingHolds,
    private readonly clock: Clock,
  ) {}

  async handle(event: PublishedEvent): Promise<void> {
    const { bookingId } = event.payload as unknown as BookingEventPayload;
    const booking = await this.bookings.findById(bookingId);
    if (booking?.status !== 'pending_deposit' || !booking.holdExpiresAt) return;
    await this.holds.scheduleExpiry(booking.id, booking.holdExpiresAt.getTime() - this.clock.now().getTime());
  }
}
