import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { Clock, NotFoundError } from '../../../common/index.js';
import { OutboxWriter } from '../../../infrastructure/outbox/index.js';
import type { BookingEntity } from '../booking.entity.js';
import { BookingRepository } from '../booking.repository.js';
import { assertTransition } from '../domain/booking-status.js';
import { BookingScheduler } from '../booking-scheduler.js';
import { BookingStations } from '../booking-stations.js';
import { BOOKING_EVENTS, bookingEvent } from '../events/booking-events.js';

/**
 * Records a paid deposit and confirms the booking (sent by the payments module when a deposit
 * succeeds). Idempotent: a second delivery for a confirmed booking changes nothing. The chefs are
 * counted again under the station-day lock; if they were taken meanwhile (a payment after the hold
 * lapsed) it is `slot_unavailable`, and payments refunds.
 */
export class ConfirmBookingCommand extends Command<BookingEntity> {
  constructor(
    readonly bookingId: string,
    readonly depositPaidCents: number,
  ) {
    super();
  }
}

@CommandHandler(ConfirmBookingCommand)
export class ConfirmBookingHandler implements ICommandHandler<ConfirmBookingCommand> {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly stations: BookingStations,
    private readonly scheduler: BookingScheduler,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async execute({ bookingId, depositPaidCents }: ConfirmBookingCommand): Promise<BookingEntity> {
    const booking = await this.bookings.findByIdForUpdate(bookingId);
    if (!booking) throw new NotFoundError('Booking', bookingId);
    if (booking.status === 'confirmed') return booking;
    // An expired or cancelled booking is not revived by a late payment; payments refunds it instead.
    assertTransition(booking.status, 'confirmed');
    const now = this.clock.now();
    // Checked even inside the hold: at its very end (or with another replica's clock a little ahead)
    // a new booking may already have counted this hold as lapsed. Under the station-day lock the
    // count is exact, and a payment after the hold lapsed confirms only if the chefs are still free.
    const station = await this.stations.get(booking.stationId, { activeOnly: false });
    await this.scheduler.reserve(station, booking.startsAt, booking.chefsNeeded, now, booking.id);
    Object.assign(booking, {
      status: 'confirmed',
      depositPaidCents,
      confirmedAt: now,
      holdExpiresAt: null,
    });
    const saved = await this.bookings.save(booking);
    await this.outbox.append(bookingEvent(BOOKING_EVENTS.confirmed, saved));
    return saved;
  }
}
