import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { AuditContext, Clock, DomainError, stationScope, type AuthenticatedUser } from '../../../common/index.js';
import { OutboxWriter } from '../../../infrastructure/outbox/index.js';
import { BookingAccess, BOOKING_CLOSE_ROLES, BOOKING_WRITE_ROLES, reaches } from '../booking-access.js';
import type { BookingEntity } from '../booking.entity.js';
import { BookingRepository } from '../booking.repository.js';
import { assertTransition } from '../domain/booking-status.js';
import { BOOKING_EVENTS, bookingEvent } from '../events/booking-events.js';

/** Closes an event that took place (or one the customer did not show up for). */
export class CloseBookingCommand extends Command<BookingEntity> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly bookingId: string,
    readonly outcome: 'completed' | 'no_show',
  ) {
    super();
  }
}

@CommandHandler(CloseBookingCommand)
export class CloseBookingHandler implements ICommandHandler<CloseBookingCommand> {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly access: BookingAccess,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditContext,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async execute({ user, bookingId, outcome }: CloseBookingCommand): Promise<BookingEntity> {
    const booking = await this.access.forStaff(user, bookingId, BOOKING_CLOSE_ROLES, { forUpdate: true });
    if (!reaches(stationScope(user, BOOKING_WRITE_ROLES), booking.stationId)) {
      // A chef closes only an event they cooked at.
      const chefs = (await this.bookings.chefsOf([booking.id])).get(booking.id) ?? [];
      if (!chefs.includes(user.id)) {
        throw new DomainError('forbidden', 'Only a chef assigned to this booking can close it.');
      }
    }
    assertTransition(booking.status, outcome);
    const now = this.clock.now();
    if (booking.startsAt > now) {
      throw new DomainError('conflict', 'An event can be closed only after it has started.', {
        startsAt: booking.startsAt.toISOString(),
      });
    }
    const before = { status: booking.status };
    booking.status = outcome;
    if (outcome === 'completed') booking.completedAt = now;
    const saved = await this.bookings.save(booking);
    await this.outbox.append(
      bookingEvent(outcome === 'completed' ? BOOKING_EVENTS.completed : BOOKING_EVENTS.noShow, saved),
    );
    await this.audit.record({
      action: outcome === 'completed' ? 'booking.complete' : 'booking.no_show',
      entity: 'booking',
      entityId: booking.id,
      stationId: booking.stationId,
      before,
      after: { status: outcome },
    });
    return saved;
  }
}
