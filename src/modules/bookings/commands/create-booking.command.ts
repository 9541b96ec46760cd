import { randomBytes, randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { AuditContext, Clock, type AuthenticatedUser } from '../../../common/index.js';
import { APP_CONFIG, type AppConfig } from '../../../config/index.js';
import { OutboxWriter } from '../../../infrastructure/outbox/index.js';
import { BookingScheduler } from '../booking-scheduler.js';
import { BookingStations } from '../booking-stations.js';
import { hashManageToken } from '../booking-access.js';
import type { BookingEntity } from '../booking.entity.js';
import { BookingRepository } from '../booking.repository.js';
import { assertSlotOffered, chefsNeeded } from '../domain/availability.js';
import type { Quote } from '../domain/pricing.js';
import type { CreateBookingDto } from '../dto/create-booking.dto.js';
import { BOOKING_EVENTS, bookingEvent } from '../events/booking-events.js';
import { ManageLinks } from '../manage-links.js';
import { quoteAtStation } from '../station-quote.js';

export interface CreatedBooking {
  booking: BookingEntity;
  quote: Quote;
  /** The manage link secret; only its hash is stored. */
  manageToken: string;
}

export class CreateBookingCommand extends Command<CreatedBooking> {
  constructor(
    readonly input: CreateBookingDto,
    /** A signed-in customer books as themselves; guests book with contact details only. */
    readonly user: AuthenticatedUser | undefined,
  ) {
    super();
  }
}

const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** 8 characters of an unambiguous alphabet: 40 bits, short enough to read out on the phone. */
function newReference(): string {
  return `MH-${[...randomBytes(8)].map((byte) => REFERENCE_ALPHABET[byte % 32]).join('')}`;
}

/**
 * Books a slot: the slot must be offered, the address inside the service area, and enough chefs
 * free (decided under the station-day lock). Unpaid bookings hold the slot for a limited time.
 */
@CommandHandler(CreateBookingCommand)
export class CreateBookingHandler implements ICommandHandler<CreateBookingCommand> {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly stations: BookingStations,
    private readonly scheduler: BookingScheduler,
    private readonly outbox: OutboxWriter,
    private readonly links: ManageLinks,
    private readonly audit: AuditContext,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Transactional()
  async execute({ input, user }: CreateBookingCommand): Promise<CreatedBooking> {
    const station = await this.stations.get(input.stationId, { activeOnly: true });
    const now = this.clock.now();
    const startsAt = new Date(input.startsAt);
    assertSlotOffered(startsAt, station.settings, station.timezone, now);
    const quote = quoteAtStation(station, input);
    const needed = chefsNeeded(quote.guests, station.settings.guestsPerChef);
    const window = await this.scheduler.reserve(station, startsAt, needed, now);

    const id = randomUUID();
    const manageToken = this.links.tokenFor(id);
    const confirmedAtOnce = quote.depositCents === 0;
    const booking = await this.bookings.save(
      this.bookings.create({
        id,
        reference: newReference(),
        stationId: station.id,
        customerUserId: user?.role === 'customer' ? user.id : null,
        contactName: input.contact.name,
        contactEmail: input.contact.email.toLowerCase(),
        contactPhone: input.contact.phone,
        address: { ...input.address },
        startsAt: window.startsAt,
        endsAt: window.endsAt,
        blockedUntil: window.blockedUntil,
        localDate: window.localDate,
        adults: input.adults,
        children: input.children ?? 0,
        toddlers: input.toddlers ?? 0,
        guests: quote.guests,
        chefsNeeded: needed,
        upgrades: (input.upgrades ?? []).map(({ code, quantity }) => ({ code, quantity })),
        menuNotes: input.menuNotes ?? null,
        customerNotes: input.customerNotes ?? null,
        quote,
        currency: quote.currency,
        totalCents: quote.totalCents,
        depositCents: quote.depositCents,
        status: confirmedAtOnce ? 'confirmed' : 'pending_deposit',
        confirmedAt: confirmedAtOnce ? now : null,
        holdExpiresAt: confirmedAtOnce ? null : new Date(now.getTime() + this.config.bookings.holdSeconds * 1000),
        manageTokenHash: hashManageToken(manageToken),
      }),
    );
    // Staff booking on a customer's behalf is a staff write like any other (a no-op for customers).
    await this.audit.record({
      action: 'booking.create',
      entity: 'booking',
      entityId: booking.id,
      stationId: booking.stationId,
      before: null,
      after: { reference: booking.reference, startsAt: booking.startsAt.toISOString(), guests: booking.guests },
    });
    await this.outbox.append(
      bookingEvent(BOOKING_EVENTS.created, booking),
      ...(confirmedAtOnce ? [bookingEvent(BOOKING_EVENTS.confirmed, booking)] : []),
    );
    return { booking, quote, manageToken };
  }
}
