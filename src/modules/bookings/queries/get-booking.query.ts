import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { BookingAccess, BOOKING_READ_ROLES, type BookingTarget } from '../booking-access.js';
import { BookingRepository } from '../booking.repository.js';
import { BookingResponseDto, StaffBookingResponseDto } from '../dto/booking.response.dto.js';

/** One booking: the staff view for staff, the customer view through the manage link. */
export class GetBookingQuery extends Query<BookingResponseDto | StaffBookingResponseDto> {
  constructor(readonly target: BookingTarget) {
    super();
  }
}

@QueryHandler(GetBookingQuery)
export class GetBookingHandler implements IQueryHandler<GetBookingQuery> {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly access: BookingAccess,
  ) {}

  async execute({ target }: GetBookingQuery): Promise<BookingResponseDto | StaffBookingResponseDto> {
    const { booking, actor } = await this.access.resolve(target, BOOKING_READ_ROLES, false);
    if (actor === 'customer') return BookingResponseDto.from(booking);
    const chefs = await this.bookings.chefsOf([booking.id]);
    return StaffBookingResponseDto.fromStaff(booking, chefs.get(booking.id) ?? []);
  }
}
