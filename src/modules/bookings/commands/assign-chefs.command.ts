import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { AuditContext, Clock, DomainError, type AuthenticatedUser } from '../../../common/index.js';
import { OutboxWriter } from '../../../infrastructure/outbox/index.js';
import { BookingAccess, BOOKING_WRITE_ROLES } from '../booking-access.js';
import type { BookingEntity } from '../booking.entity.js';
import { BookingRepository } from '../booking.repository.js';
import { BookingStations } from '../booking-stations.js';
import { assertEditable } from '../domain/booking-status.js';
import { BOOKING_EVENTS, bookingEvent } from '../events/booking-events.js';

/**
 * Sets the chefs of a booking. Only active chefs of the booking's station qualify; a chef already
 * on an overlapping event is refused by the database's exclusion constraint, races included.
 */
export class AssignChefsCommand extends Command<{ booking: BookingEntity; chefUserIds: string[] }> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly bookingId: string,
    readonly chefUserIds: string[],
  ) {
    super();
  }
}

@CommandHandler(AssignChefsCommand)
export class AssignChefsHandler implements ICommandHandler<AssignChefsCommand> {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly access: BookingAccess,
    private readonly stations: BookingStations,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditContext,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async execute({ user, bookingId, chefUserIds }: AssignChefsCommand) {
    const booking = await this.access.forStaff(user, bookingId, BOOKING_WRITE_ROLES, { forUpdate: true });
    assertEditable(booking, this.clock.now(), 'staffed');
    if (chefUserIds.length > booking.chefsNeeded) {
      // Capacity counts the chefs a booking needs; staffing it with more would take chefs others were promised.
      throw new DomainError(
        'unprocessable',
        `This booking needs ${booking.chefsNeeded} chef(s); assign at most that many (change the party to need more).`,
        { chefsNeeded: booking.chefsNeeded },
      );
    }
    const chefs = new Set(await this.stations.activeChefIds(booking.stationId));
    const unknown = chefUserIds.filter((id) => !chefs.has(id));
    if (unknown.length > 0) {
      throw new DomainError('chef_not_found', 'Only active chefs of this station can be assigned.', { unknown });
    }
    const before = (await this.bookings.chefsOf([booking.id])).get(booking.id) ?? [];
    await this.bookings.replaceChefs(booking, chefUserIds);
    await this.outbox.append(bookingEvent(BOOKING_EVENTS.chefsAssigned, booking, { chefUserIds }));
    await this.audit.record({
      action: 'booking.assign_chefs',
      entity: 'booking',
      entityId: booking.id,
      stationId: booking.stationId,
      before: { chefUserIds: before },
      after: { chefUserIds },
    });
    return { booking, chefUserIds };
  }
}
