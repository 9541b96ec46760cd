import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { Clock } from '../../../common/index.js';
import { OutboxWriter } from '../../../infrastructure/outbox/index.js';
import { BookingRepository } from '../booking.repository.js';
import { holdLapsed } from '../domain/booking-status.js';
import { BOOKING_EVENTS, bookingEvent } from '../events/booking-events.js';

/**
 * Expires an unpaid booking whose hold has lapsed. Anything else (paid meanwhile, cancelled, hold
 * not over yet, already expired) is left alone, so the job is safe to run twice or early.
 */
export class ExpireBookingCommand extends Command<{ expired: boolean }> {
  constructor(readonly bookingId: string) {
    super();
  }
}

@CommandHandler(ExpireBookingCommand)
export class ExpireBookingHandler implements ICommandHandler<ExpireBookingCommand> {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async execute({ bookingId }: ExpireBookingCommand): Promise<{ expired: boolean }> {
    const booking = await this.bookings.findByIdForUpdate(bookingId);
    const now = this.clock.now();
    if (!booking || !holdLapsed(booking, now)) return { expired: false };
    booking.status = 'expired';
    const saved = await this.bookings.save(booking);
    await this.bookings.releaseChefs(booking.id);
    await this.outbox.append(bookingEvent(BOOKING_EVENTS.expired, saved));
    return { expired: true };
  }
}
