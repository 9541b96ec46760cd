import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DateTime } from 'luxon';
import { Clock, RequestValidationError } from '../../../common/index.js';
import { BookingRepository } from '../booking.repository.js';
import { BookingStations } from '../booking-stations.js';
import { chefsNeeded, computeAvailability, MAX_AVAILABILITY_RANGE_DAYS } from '../domain/availability.js';
import type { AvailabilityQueryDto, AvailabilityResponseDto } from '../dto/availability.dto.js';

/** Slots per local day with the chefs still free, for a party of a given size. */
export class GetAvailabilityQuery extends Query<AvailabilityResponseDto> {
  constructor(
    readonly stationId: string,
    readonly filter: AvailabilityQueryDto,
  ) {
    super();
  }
}

@QueryHandler(GetAvailabilityQuery)
export class GetAvailabilityHandler implements IQueryHandler<GetAvailabilityQuery> {
  constructor(
    private readonly stations: BookingStations,
    private readonly bookings: BookingRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ stationId, filter }: GetAvailabilityQuery): Promise<AvailabilityResponseDto> {
    const { from, to, guests } = filter;
    const days = DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days;
    if (days < 0) throw new RequestValidationError([{ field: 'to', messages: ['to must not be before from'] }]);
    if (days > MAX_AVAILABILITY_RANGE_DAYS) {
      throw new RequestValidationError([
        { field: 'to', messages: [`at most ${MAX_AVAILABILITY_RANGE_DAYS} days after from`] },
      ]);
    }
    const station = await this.stations.get(stationId, { activeOnly: true });
    const now = this.clock.now();
    const today = DateTime.fromJSDate(now, { zone: station.timezone }).toISODate() ?? from;
    const farthest = DateTime.fromISO(today).plus({
      days: station.settings.maxDaysAhead + MAX_AVAILABILITY_RANGE_DAYS,
    });
    if (DateTime.fromISO(to) < DateTime.fromISO(today) || DateTime.fromISO(from) > farthest) {
      throw new RequestValidationError([
        { field: 'from', messages: ['the range must overlap the dates this station takes bookings for'] },
      ]);
    }
    const zone = station.timezone;
    // Widen by a day each side: events near midnight hold chefs across the date line.
    const windowStart = DateTime.fromISO(from, { zone }).minus({ days: 1 }).toJSDate();
    const windowEnd = DateTime.fromISO(to, { zone }).plus({ days: 2 }).toJSDate();
    const [occupied, chefs] = await Promise.all([
      this.bookings.occupiedWindows(stationId, windowStart, windowEnd, now),
      this.stations.activeChefIds(stationId),
    ]);
    return {
      stationId,
      timezone: zone,
      guests,
      chefsNeeded: chefsNeeded(guests, station.settings.guestsPerChef),
      days: computeAvailability({
        settings: station.settings,
        zone,
        from,
        to,
        guests,
        chefCount: chefs.length,
        occupied,
        now,
      }),
    };
  }
}
