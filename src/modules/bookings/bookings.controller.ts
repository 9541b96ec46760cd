import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiProblems,
  CurrentUser,
  Roles,
  StationScoped,
  UuidParam,
  type AuthenticatedUser,
  type Page,
} from '../../common/index.js';
import { BOOKING_CLOSE_ROLES, BOOKING_READ_ROLES, BOOKING_WRITE_ROLES } from './booking-access.js';
import { AssignChefsCommand } from './commands/assign-chefs.command.js';
import { CancelBookingCommand } from './commands/cancel-booking.command.js';
import { CloseBookingCommand } from './commands/close-booking.command.js';
import { RescheduleBookingCommand } from './commands/reschedule-booking.command.js';
import { UpdateBookingCommand } from './commands/update-booking.command.js';
import { AssignChefsDto, CancelBookingDto, RescheduleBookingDto, UpdateBookingDto } from './dto/booking-actions.dto.js';
import { StaffBookingPageResponseDto, StaffBookingResponseDto } from './dto/booking.response.dto.js';
import { BookingCalendarQueryDto, BookingCalendarResponseDto, ListBookingsQueryDto } from './dto/list-bookings.dto.js';
import { GetBookingCalendarQuery } from './queries/get-booking-calendar.query.js';
import { GetBookingQuery } from './queries/get-booking.query.js';
import { ListBookingsQuery } from './queries/list-bookings.query.js';

/** The staff side: station-scoped lists, the calendar and every change of a booking. */
@ApiTags('bookings')
@Controller('bookings')
export class BookingsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Get()
  @Roles(...BOOKING_READ_ROLES)
  @StationScoped({ in: 'query', name: 'stationId' })
  @ApiOperation({ summary: "Bookings of the caller's stations by event time, with filters and a cursor" })
  @ApiOkResponse({ type: StaffBookingPageResponseDto })
  @ApiProblems(400)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListBookingsQueryDto,
  ): Promise<Page<StaffBookingResponseDto>> {
    return this.queryBus.execute(new ListBookingsQuery(user, query));
  }

  @Get('calendar')
  @Roles(...BOOKING_READ_ROLES)
  @StationScoped({ in: 'query', name: 'stationId' })
  @ApiOperation({ summary: "A station's day or week of events (station time)" })
  @ApiOkResponse({ type: BookingCalendarResponseDto })
  @ApiProblems(400)
  calendar(@Query() query: BookingCalendarQueryDto): Promise<BookingCalendarResponseDto> {
    return this.queryBus.execute(new GetBookingCalendarQuery(query));
  }

  @Get(':id')
  @Roles(...BOOKING_READ_ROLES)
  @ApiOperation({ summary: 'One booking with its chefs and internal notes' })
  @ApiOkResponse({ type: StaffBookingResponseDto })
  @ApiProblems(400, 404)
  get(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<StaffBookingResponseDto> {
    return this.queryBus.execute(new GetBookingQuery({ user, bookingId: id })) as Promise<StaffBookingResponseDto>;
  }

  @Patch(':id')
  @Roles(...BOOKING_WRITE_ROLES)
  @ApiOperation({ summary: 'Change notes, menu, party or contact; the party and menu are re-quoted' })
  @ApiOkResponse({ type: StaffBookingResponseDto })
  @ApiProblems(400, 404, 409, 422)
  async update(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: UpdateBookingDto,
  ): Promise<StaffBookingResponseDto> {
    await this.commandBus.execute(new UpdateBookingCommand(user, id, body));
    return this.get(user, id);
  }

  @Post(':id/cancel')
  @Roles(...BOOKING_WRITE_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel; the refund due under the policy goes to payments with BookingCancelled' })
  @ApiOkResponse({ type: StaffBookingResponseDto })
  @ApiProblems(400, 404, 409)
  async cancel(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: CancelBookingDto,
  ): Promise<StaffBookingResponseDto> {
    await this.commandBus.execute(new CancelBookingCommand({ user, bookingId: id }, body.reason));
    return this.get(user, id);
  }

  @Post(':id/reschedule')
  @Roles(...BOOKING_WRITE_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Move to another slot (staff may go below the minimum notice)' })
  @ApiOkResponse({ type: StaffBookingResponseDto })
  @ApiProblems(400, 404, 409, 422)
  async reschedule(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: RescheduleBookingDto,
  ): Promise<StaffBookingResponseDto> {
    await this.commandBus.execute(new RescheduleBookingCommand({ user, bookingId: id }, new Date(body.startsAt)));
    return this.get(user, id);
  }

  @Post(':id/assign-chef')
  @Roles(...BOOKING_WRITE_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: "Set the booking's chefs; a chef on an overlapping event is refused" })
  @ApiOkResponse({ type: StaffBookingResponseDto })
  @ApiProblems(400, 404, 409, 422)
  async assignChefs(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: AssignChefsDto,
  ): Promise<StaffBookingResponseDto> {
    await this.commandBus.execute(new AssignChefsCommand(user, id, body.chefUserIds));
    return this.get(user, id);
  }

  @Post(':id/complete')
  @Roles(...BOOKING_CLOSE_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a confirmed event as done (sends the review request)' })
  @ApiOkResponse({ type: StaffBookingResponseDto })
  @ApiProblems(400, 404, 409)
  async complete(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<StaffBookingResponseDto> {
    await this.commandBus.execute(new CloseBookingCommand(user, id, 'completed'));
    return this.get(user, id);
  }

  @Post(':id/no-show')
  @Roles(...BOOKING_CLOSE_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a confirmed event as a no-show' })
  @ApiOkResponse({ type: StaffBookingResponseDto })
  @ApiProblems(400, 404, 409)
  async noShow(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<StaffBookingResponseDto> {
    await this.commandBus.execute(new CloseBookingCommand(user, id, 'no_show'));
    return this.get(user, id);
  }
}
