import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { AuditContext, Clock, DomainError } from '../../../common/index.js';
import { OutboxWriter } from '../../../infrastructure/outbox/index.js';
import { BookingAccess, BOOKING_WRITE_ROLES, type BookingTarget } from '../booking-access.js';
import type { BookingEntity } from '../booking.entity.js';
import { BookingRepository } from '../booking.repository.js';
import { BookingStations } from '../booking-stations.js';
import { assertTransition } from '../domain/booking-status.js';
import { refundForCancellation } from '../domain/cancellation-policy.js';
import { BOOKING_EVENTS, bookingEvent } from '../events/booking-events.js';

/**
 * Cancels a booking. The refund follows the station's policy by notice; BookingCancelled carries it
 * to the payments module, which owns the money movement.
 */
export class CancelBookingCommand extends Command<BookingEntity> {
  constructor(
    readonly target: BookingTarget,
    readonly reason: string | undefined,
  ) {
    super();
  }
}

@CommandHandler(CancelBookingCommand)
export class CancelBookingHandler implements ICommandHandler<CancelBookingCommand> {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly access: BookingAccess,
    private readonly stations: BookingStations,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditContext,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async execute({ target, reason }: CancelBookingCommand): Promise<BookingEntity> {
    const { booking, actor } = await this.access.resolve(target, BOOKING_WRITE_ROLES, true);
    assertTransition(booking.status, 'cancelled');
    const now = this.clock.now();
    if (actor === 'customer' && booking.startsAt <= now) {
      // A started event is completed or a no-show; staff decide which, not the manage link.
      throw new DomainError('conflict', 'The event has already started; please call the station.', {
        startsAt: booking.startsAt.toISOString(),
      });
    }
    const station = await this.stations.get(booking.stationId, { activeOnly: false });
    const refund = refundForCancellation({
      policy: station.settings.cancellationPolicy,
      paidCents: booking.depositPaidCents,
      startsAt: booking.startsAt,
      cancelledAt: now,
      capPercent: booking.refundCapPercent,
    });
    const before = { status: booking.status };
    Object.assign(booking, {
      status: 'cancelled',
      cancelledAt: now,
      cancelledBy: actor,
      cancellationReason: reason ?? null,
      refundCents: refund.refundCents,
      holdExpiresAt: null,
    });
    const saved = await this.bookings.save(booking);
    await this.bookings.releaseChefs(booking.id);
    await this.outbox.append(
      bookingEvent(BOOKING_EVENTS.cancelled, saved, {
        refundCents: refund.refundCents,
        cancelledBy: actor,
        reason: reason ?? null,
      }),
    );
    await this.audit.record({
      action: 'booking.cancel',
      entity: 'booking',
      entityId: booking.id,
      stationId: booking.stationId,
      before,
      after: { status: 'cancelled', reason: reason ?? null, refundCents: refund.refundCents },
    });
    return saved;
  }
}
