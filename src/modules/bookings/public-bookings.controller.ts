import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiProblems,
  CurrentUser,
  OptionalUser,
  PageQueryDto,
  Public,
  PublicWithOptionalAuth,
  RateLimited,
  Roles,
  UuidParam,
  type AuthenticatedUser,
  type Page,
} from '../../common/index.js';
import { Idempotent } from '../../infrastructure/http/idempotency.interceptor.js';
import { CancelBookingCommand } from './commands/cancel-booking.command.js';
import { CreateBookingCommand } from './commands/create-booking.command.js';
import { RescheduleBookingCommand } from './commands/reschedule-booking.command.js';
import { AvailabilityQueryDto, AvailabilityResponseDto } from './dto/availability.dto.js';
import { CancelBookingDto, RescheduleBookingDto } from './dto/booking-actions.dto.js';
import { BookingPageResponseDto, BookingResponseDto, CreatedBookingResponseDto } from './dto/booking.response.dto.js';
import { CreateBookingDto } from './dto/create-booking.dto.js';
import { QuoteBookingDto, QuoteResponseDto } from './dto/quote.dto.js';
import { ManageLinks } from './manage-links.js';
import { GetAvailabilityQuery } from './queries/get-availability.query.js';
import { GetBookingQuery } from './queries/get-booking.query.js';
import { ListMyBookingsQuery } from './queries/list-my-bookings.query.js';
import { QuoteBookingQuery } from './queries/quote-booking.query.js';

/** What the customer site calls: availability, quotes, booking, and the manage link. */
@ApiTags('bookings')
@Controller()
export class PublicBookingsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    private readonly links: ManageLinks,
  ) {}

  @Get('stations/:id/availability')
  @Public()
  // Up to 62 days computed per call: cheap for a visitor, not for a scraper looping over it.
  @RateLimited()
  @ApiOperation({ summary: 'Slots per day with the chefs still free for a party size (station time)' })
  @ApiOkResponse({ type: AvailabilityResponseDto })
  @ApiProblems(400, 404)
  availability(@UuidParam('id') id: string, @Query() query: AvailabilityQueryDto): Promise<AvailabilityResponseDto> {
    return this.queryBus.execute(new GetAvailabilityQuery(id, query));
  }

  @Post('bookings/quote')
  @Public()
  @RateLimited()
  @HttpCode(200)
  @ApiOperation({ summary: 'Price a party at an address, line by line (books nothing)' })
  @ApiOkResponse({ type: QuoteResponseDto })
  @ApiProblems(400, 404, 422)
  quote(@Body() body: QuoteBookingDto): Promise<QuoteResponseDto> {
    return this.queryBus.execute(new QuoteBookingQuery(body));
  }

  @Post('bookings')
  @PublicWithOptionalAuth()
  @RateLimited()
  @Idempotent()
  @ApiOperation({
    summary: 'Book a slot (guest checkout, or as the signed-in customer); unpaid bookings hold the slot for a while',
  })
  @ApiCreatedResponse({ type: CreatedBookingResponseDto })
  @ApiProblems(400, 401, 404, 409, 422)
  async create(
    @Body() body: CreateBookingDto,
    @OptionalUser() user: AuthenticatedUser | undefined,
  ): Promise<CreatedBookingResponseDto> {
    const { booking, quote, manageToken } = await this.commandBus.execute(new CreateBookingCommand(body, user));
    return {
      booking: BookingResponseDto.from(booking),
      quote,
      manageToken,
      manageUrl: this.links.urlFor(booking.id),
    };
  }

  @Get('bookings/manage/:token')
  @Public()
  @RateLimited()
  @ApiOperation({ summary: 'The booking behind a manage link' })
  @ApiOkResponse({ type: BookingResponseDto })
  @ApiProblems(404)
  view(@Param('token') token: string): Promise<BookingResponseDto> {
    return this.queryBus.execute(new GetBookingQuery({ manageToken: token }));
  }

  @Post('bookings/manage/:token/cancel')
  @Public()
  @RateLimited()
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel through the manage link; the refund follows the cancellation policy' })
  @ApiOkResponse({ type: BookingResponseDto })
  @ApiProblems(400, 404, 409)
  async cancel(@Param('token') token: string, @Body() body: CancelBookingDto): Promise<BookingResponseDto> {
    return BookingResponseDto.from(
      await this.commandBus.execute(new CancelBookingCommand({ manageToken: token }, body.reason)),
    );
  }

  @Post('bookings/manage/:token/reschedule')
  @Public()
  @RateLimited()
  @HttpCode(200)
  @ApiOperation({ summary: 'Move to another offered slot through the manage link' })
  @ApiOkResponse({ type: BookingResponseDto })
  @ApiProblems(400, 404, 409, 422)
  async reschedule(@Param('token') token: string, @Body() body: RescheduleBookingDto): Promise<BookingResponseDto> {
    return BookingResponseDto.from(
      await this.commandBus.execute(new RescheduleBookingCommand({ manageToken: token }, new Date(body.startsAt))),
    );
  }

  @Get('me/bookings')
  @Roles('customer')
  @ApiOperation({ summary: "The signed-in customer's own bookings, by event time" })
  @ApiOkResponse({ type: BookingPageResponseDto })
  @ApiProblems(400)
  mine(@CurrentUser() user: AuthenticatedUser, @Query() query: PageQueryDto): Promise<Page<BookingResponseDto>> {
    return this.queryBus.execute(new ListMyBookingsQuery(user, query));
  }
}
