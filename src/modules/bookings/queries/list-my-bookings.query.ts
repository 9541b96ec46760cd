import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage, type AuthenticatedUser, type Page, type PageQueryDto } from '../../../common/index.js';
import { BookingRepository } from '../booking.repository.js';
import { BookingResponseDto } from '../dto/booking.response.dto.js';

/** A signed-in customer's own bookings, and nobody else's. */
export class ListMyBookingsQuery extends Query<Page<BookingResponseDto>> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly page: PageQueryDto,
  ) {
    super();
  }
}

@QueryHandler(ListMyBookingsQuery)
export class ListMyBookingsHandler implements IQueryHandler<ListMyBookingsQuery> {
  constructor(private readonly bookings: BookingRepository) {}

  async execute({ user, page }: ListMyBookingsQuery): Promise<Page<BookingResponseDto>> {
    const limit = page.limit ?? 50;
    const cursor = decodeCursor(page.cursor);
    const rows = await this.bookings.list({
      stationIds: 'all',
      customerUserId: user.id,
      after: cursor && { startsAt: cursor.position, id: cursor.id },
      limit,
    });
    const result = toPage(rows, limit, (row) => ({ position: row.position, id: row.booking.id }));
    return { data: result.data.map((row) => BookingResponseDto.from(row.booking)), nextCursor: result.nextCursor };
  }
}
