import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentUser, Roles, StationScoped, type AuthenticatedUser } from '../../common/index.js';
import { BookingAnalyticsQueryDto, BookingAnalyticsResponseDto } from './dto/booking-analytics.dto.js';
import { ANALYTICS_READER_ROLES, GetBookingAnalyticsQuery } from './queries/get-booking-analytics.query.js';

@ApiTags('analytics')
@Controller('admin/analytics')
export class BookingAnalyticsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('bookings')
  @Roles(...ANALYTICS_READER_ROLES)
  @StationScoped({ in: 'query', name: 'stationId' })
  @ApiOperation({
    summary: "Bookings, guests and money per day, week or month of the event date, for the caller's stations",
    description:
      "Counts bookings by their event date in the station's zone (local_date), from..to inclusive (default: the " +
      'last 30 days up to today, UTC). leadConversion is always null until the leads module exists.',
  })
  @ApiOkResponse({ type: BookingAnalyticsResponseDto })
  @ApiProblems(400)
  bookings(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: BookingAnalyticsQueryDto,
  ): Promise<BookingAnalyticsResponseDto> {
    return this.queryBus.execute(new GetBookingAnalyticsQuery(user, query));
  }
}
