import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { AuditContext, Clock, DomainError, type AuthenticatedUser } from '../../../common/index.js';
import { OutboxWriter } from '../../../infrastructure/outbox/index.js';
import { BookingAccess, BOOKING_WRITE_ROLES } from '../booking-access.js';
import type { BookingEntity } from '../booking.entity.js';
import { BookingRepository } from '../booking.repository.js';
import { BookingScheduler } from '../booking-scheduler.js';
import { BookingStations } from '../booking-stations.js';
import { chefsNeeded } from '../domain/availability.js';
import { assertEditable } from '../domain/booking-status.js';
import type { UpdateBookingDto } from '../dto/booking-actions.dto.js';
import { BOOKING_EVENTS, bookingEvent } from '../events/booking-events.js';
import { quoteAtStation } from '../station-quote.js';

const AUDITED = [
  'adults',
  'children',
  'toddlers',
  'upgrades',
  'menuNotes',
  'staffNotes',
  'contactName',
  'contactEmail',
  'contactPhone',
  'address',
  'totalCents',
  'chefsNeeded',
] as const;

/**
 * Staff edits. A new party, menu or address is re-quoted; a party that needs more chefs must find
 * them free at the booking's time, under the same lock as a new booking.
 */
export class UpdateBookingCommand extends Command<BookingEntity> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly bookingId: string,
    readonly input: UpdateBookingDto,
  ) {
    super();
  }
}

@CommandHandler(UpdateBookingCommand)
export class UpdateBookingHandler implements ICommandHandler<UpdateBookingCommand> {
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
  async execute({ user, bookingId, input }: UpdateBookingCommand): Promise<BookingEntity> {
    const booking = await this.access.forStaff(user, bookingId, BOOKING_WRITE_ROLES, { forUpdate: true });
    assertEditable(booking, this.clock.now(), 'edited');
    const before = pick(booking);

    const party = {
      adults: input.adults ?? booking.adults,
      children: input.children ?? booking.children,
      toddlers: input.toddlers ?? booking.toddlers,
      upgrades: input.upgrades ?? booking.upgrades,
      address: input.address ?? booking.address,
    };
    const requote = ['adults', 'children', 'toddlers', 'upgrades', 'address'].some((key) => key in input);
    if (requote) {
      const station = await this.stations.get(booking.stationId, { activeOnly: false });
      const quote = quoteAtStation(station, party);
      const needed = chefsNeeded(quote.guests, station.settings.guestsPerChef);
      if (needed > booking.chefsNeeded) {
        await this.scheduler.reserve(station, booking.startsAt, needed, this.clock.now(), booking.id);
      }
      const assigned = (await this.bookings.chefsOf([booking.id])).get(booking.id)?.length ?? 0;
      if (assigned > needed) {
        // Capacity counts chefsNeeded: more chefs on the event than that would hold chefs nobody counts.
        throw new DomainError(
          'conflict',
          `The new party needs ${needed} chef(s) but ${assigned} are assigned; unassign the extra chefs first.`,
          { chefsNeeded: needed, chefsAssigned: assigned },
        );
      }
      Object.assign(booking, {
        ...party,
        upgrades: party.upgrades.map(({ code, quantity }) => ({ code, quantity })),
        address: { ...party.address },
        guests: quote.guests,
        chefsNeeded: needed,
        quote,
        totalCents: quote.totalCents,
      });
      if (quote.totalCents < booking.depositPaidCents) {
        // Giving money back is the payments module's (it keeps the ledger); a new total below what
        // was paid would leave a refund nobody tracks.
        throw new DomainError(
          'conflict',
          'The new total is below the deposit already paid; refund the difference through payments first.',
          { totalCents: quote.totalCents, depositPaidCents: booking.depositPaidCents },
        );
      }
      if (booking.status !== 'pending_deposit') {
        // A deposit already asked for and paid stands; the stored quote says so, line for line.
        booking.quote = {
          ...quote,
          depositCents: booking.depositCents,
          balanceCents: Math.max(0, quote.totalCents - booking.depositCents),
        };
      } else {
        booking.depositCents = quote.depositCents;
      }
    }
    if (input.menuNotes !== undefined) booking.menuNotes = input.menuNotes;
    if (input.staffNotes !== undefined) booking.staffNotes = input.staffNotes;
    if (input.contact) {
      booking.contactName = input.contact.name;
      booking.contactEmail = input.contact.email.toLowerCase();
      booking.contactPhone = input.contact.phone;
    }
    const saved = await this.bookings.save(booking);
    await this.outbox.append(bookingEvent(BOOKING_EVENTS.updated, saved));
    await this.audit.record({
      action: 'booking.update',
      entity: 'booking',
      entityId: booking.id,
      stationId: booking.stationId,
      before,
      after: pick(saved),
    });
    return saved;
  }
}

function pick(booking: BookingEntity): Record<string, unknown> {
  return Object.fromEntries(AUDITED.map((key) => [key, structuredClone(booking[key])]));
}
