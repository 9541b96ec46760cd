import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  decodeCursor,
  RequestValidationError,
  stationScope,
  toPage,
  type AuthenticatedUser,
  type Page,
} from '../../../common/index.js';
import { BOOKING_READ_ROLES } from '../booking-access.js';
import { BookingRepository } from '../booking.repository.js';
import { StaffBookingResponseDto } from '../dto/booking.response.dto.js';
import type { ListBookingsQueryDto } from '../dto/list-bookings.dto.js';

/** Staff list, by event time, limited to the caller's stations (or the one named, checked by the guard). */
export class ListBookingsQuery extends Query<Page<StaffBookingResponseDto>> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly filter: ListBookingsQueryDto,
  ) {
    super();
  }
}

@QueryHandler(ListBookingsQuery)
export class ListBookingsHandler implements IQueryHandler<ListBookingsQuery> {
  constructor(private readonly bookings: BookingRepository) {}

  async execute({ user, filter }: ListBookingsQuery): Promise<Page<StaffBookingResponseDto>> {
    if (filter.from && filter.to && filter.from > filter.to) {
      throw new RequestValidationError([{ field: 'to', messages: ['to must not be before from'] }]);
    }
    const scope = stationScope(user, BOOKING_READ_ROLES);
    const limit = filter.limit ?? 50;
    const cursor = decodeCursor(filter.cursor);
    const rows = await this.bookings.list({
      stationIds: filter.stationId ? [filter.stationId] : scope,
      statuses: filter.status,
      fromDate: filter.from,
      toDate: filter.to,
      chefUserId: filter.chefId,
      search: filter.q,
      after: cursor && { startsAt: cursor.position, id: cursor.id },
      limit,
    });
    const page = toPage(rows, limit, (row) => ({ position: row.position, id: row.booking.id }));
    const chefs = await this.bookings.chefsOf(page.data.map((row) => row.booking.id));
    return {
      data: page.data.map((row) => StaffBookingResponseDto.fromStaff(row.booking, chefs.get(row.booking.id) ?? [])),
      nextCursor: page.nextCursor,
    };
  }
}
