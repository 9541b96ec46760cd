import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DateTime } from 'luxon';
import { Clock } from '../../../common/index.js';
import { BookingRepository } from '../booking.repository.js';
import { BookingStations } from '../booking-stations.js';
import { holdLapsed, TAKES_PLACE_STATUSES } from '../domain/booking-status.js';
import { StaffBookingResponseDto } from '../dto/booking.response.dto.js';
import type { BookingCalendarQueryDto, BookingCalendarResponseDto } from '../dto/list-bookings.dto.js';

const CALENDAR_LIMIT = 2000;

/** A station's day or week (Monday to Sunday, station time), every day listed even when empty. */
export class GetBookingCalendarQuery extends Query<BookingCalendarResponseDto> {
  constructor(readonly filter: BookingCalendarQueryDto) {
    super();
  }
}

@QueryHandler(GetBookingCalendarQuery)
export class GetBookingCalendarHandler implements IQueryHandler<GetBookingCalendarQuery> {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly stations: BookingStations,
    private readonly clock: Clock,
  ) {}

  async execute({ filter }: GetBookingCalendarQuery): Promise<BookingCalendarResponseDto> {
    const station = await this.stations.get(filter.stationId, { activeOnly: false });
    const day = DateTime.fromISO(filter.date);
    const first = filter.view === 'day' ? day : day.startOf('week');
    const dates = Array.from({ length: filter.view === 'day' ? 1 : 7 }, (_, index) =>
      first.plus({ days: index }).toISODate(),
    ).filter((date): date is string => date !== null);
    const found = await this.bookings.list({
      stationIds: [station.id],
      statuses: TAKES_PLACE_STATUSES,
      fromDate: dates[0],
      toDate: dates.at(-1),
      limit: CALENDAR_LIMIT,
    });
    const now = this.clock.now();
    // Cancelled and expired bookings take no room; nor does an unpaid one whose hold lapsed, even
    // before its expiry job ran.
    const rows = found.slice(0, CALENDAR_LIMIT).filter(({ booking }) => !holdLapsed(booking, now));
    const chefs = await this.bookings.chefsOf(rows.map((row) => row.booking.id));
    return {
      stationId: station.id,
      timezone: station.timezone,
      from: dates[0],
      to: dates.at(-1) ?? dates[0],
      days: dates.map((date) => ({
        date,
        bookings: rows
          .filter((row) => row.booking.localDate === date)
          .map((row) => StaffBookingResponseDto.fromStaff(row.booking, chefs.get(row.booking.id) ?? [])),
      })),
      truncated: found.length > CALENDAR_LIMIT,
    };
  }
}
