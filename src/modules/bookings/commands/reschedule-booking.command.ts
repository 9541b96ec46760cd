import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { AuditContext, Clock, DomainError } from '../../../common/index.js';
import { OutboxWriter } from '../../../infrastructure/outbox/index.js';
import { BookingAccess, BOOKING_WRITE_ROLES, type BookingTarget } from '../booking-access.js';
import type { BookingEntity } from '../booking.entity.js';
import { BookingRepository } from '../booking.repository.js';
import { BookingScheduler } from '../booking-scheduler.js';
import { BookingStations } from '../booking-stations.js';
import { assertSlotOffered } from '../domain/availability.js';
import { assertEditable } from '../domain/booking-status.js';
import { refundCapAfterReschedule } from '../domain/cancellation-policy.js';
import { BOOKING_EVENTS, bookingEvent } from '../events/booking-events.js';

/**
 * Moves a booking to another slot, with the same capacity rule as a new booking (its own hold does
 * not count against it). Customers keep to the minimum notice; staff may move an event at short
 * notice. Assigned chefs move along, unless one of them is busy then.
 */
export class RescheduleBookingCommand extends Command<BookingEntity> {
  constructor(
    readonly target: BookingTarget,
    readonly startsAt: Date,
  ) {
    super();
  }
}

@CommandHandler(RescheduleBookingCommand)
export class RescheduleBookingHandler implements ICommandHandler<RescheduleBookingCommand> {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly access: BookingAccess,
    private readonly stations: BookingStations,
    private readonly scheduler: BookingScheduler,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditContext,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async execute({ target, startsAt }: RescheduleBookingCommand): Promise<BookingEntity> {
    const { booking, actor } = await this.access.resolve(target, BOOKING_WRITE_ROLES, true);
    const now = this.clock.now();
    assertEditable(booking, now, 'rescheduled');
    if (booking.startsAt.getTime() === startsAt.getTime()) {
      throw new DomainError('conflict', 'The booking already starts at this time.');
    }
    const station = await this.stations.get(booking.stationId, { activeOnly: false });
    if (
      actor === 'customer' &&
      booking.startsAt.getTime() - now.getTime() < station.settings.minNoticeHours * 3_600_000
    ) {
      // Moving a near event would also move it out of the cancellation policy's no-refund window.
      throw new DomainError(
        'conflict',
        `Within ${station.settings.minNoticeHours} hours of the event, please call the station to change it.`,
        { startsAt: booking.startsAt.toISOString() },
      );
    }
    const rules = actor === 'staff' ? { ...station.settings, minNoticeHours: 0 } : station.settings;
    assertSlotOffered(startsAt, rules, station.timezone, now);
    const window = await this.scheduler.reserve(station, startsAt, booking.chefsNeeded, now, booking.id);

    const previousStartsAt = booking.startsAt;
    Object.assign(booking, {
      startsAt: window.startsAt,
      endsAt: window.endsAt,
      blockedUntil: window.blockedUntil,
      localDate: window.localDate,
    });
    if (actor === 'customer' && booking.depositPaidCents > 0) {
      // Staff moves (the station's own reasons) never cost the customer their refund, and before
      // anything is paid there is no refund to protect.
      booking.refundCapPercent = refundCapAfterReschedule({
        policy: station.settings.cancellationPolicy,
        previousStartsAt,
        rescheduledAt: now,
        currentCapPercent: booking.refundCapPercent,
      });
    }
    const saved = await this.bookings.save(booking);
    await this.bookings.moveChefs(saved);
    await this.outbox.append(
      bookingEvent(BOOKING_EVENTS.rescheduled, saved, { previousStartsAt: previousStartsAt.toISOString() }),
    );
    await this.audit.record({
      action: 'booking.reschedule',
      entity: 'booking',
      entityId: booking.id,
      stationId: booking.stationId,
      before: { startsAt: previousStartsAt.toISOString() },
      after: { startsAt: saved.startsAt.toISOString() },
    });
    return saved;
  }
}
