import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BookingAccess } from './booking-access.js';
import { BookingAnalyticsController } from './booking-analytics.controller.js';
import { BookingAnalyticsRepository } from './booking-analytics.repository.js';
import { BookingHolds } from './booking-holds.js';
import { BookingScheduler } from './booking-scheduler.js';
import { BookingStations } from './booking-stations.js';
import { BookingEntity } from './booking.entity.js';
import { BookingRepository } from './booking.repository.js';
import { BookingsController } from './bookings.controller.js';
import { AssignChefsHandler } from './commands/assign-chefs.command.js';
import { CancelBookingHandler } from './commands/cancel-booking.command.js';
import { CloseBookingHandler } from './commands/close-booking.command.js';
import { ConfirmBookingHandler } from './commands/confirm-booking.command.js';
import { CreateBookingHandler } from './commands/create-booking.command.js';
import { ExpireBookingHandler } from './commands/expire-booking.command.js';
import { RescheduleBookingHandler } from './commands/reschedule-booking.command.js';
import { UpdateBookingHandler } from './commands/update-booking.command.js';
import { BookingHoldsConsumer } from './jobs/booking-holds.consumer.js';
import { BookingNotificationsConsumer } from './jobs/booking-notifications.consumer.js';
import { ManageLinks } from './manage-links.js';
import { PublicBookingsController } from './public-bookings.controller.js';
import { GetAvailabilityHandler } from './queries/get-availability.query.js';
import { GetBookingAnalyticsHandler } from './queries/get-booking-analytics.query.js';
import { GetBookingCalendarHandler } from './queries/get-booking-calendar.query.js';
import { GetBookingHandler } from './queries/get-booking.query.js';
import { ListBookingsHandler } from './queries/list-bookings.query.js';
import { ListMyBookingsHandler } from './queries/list-my-bookings.query.js';
import { QuoteBookingHandler } from './queries/quote-booking.query.js';

const handlers = [
  CreateBookingHandler,
  ConfirmBookingHandler,
  CancelBookingHandler,
  RescheduleBookingHandler,
  UpdateBookingHandler,
  AssignChefsHandler,
  CloseBookingHandler,
  ExpireBookingHandler,
  GetAvailabilityHandler,
  QuoteBookingHandler,
  GetBookingHandler,
  ListBookingsHandler,
  ListMyBookingsHandler,
  GetBookingCalendarHandler,
  GetBookingAnalyticsHandler,
];
const repositories = [BookingRepository, BookingAnalyticsRepository];
const services = [BookingAccess, BookingStations, BookingScheduler, BookingHolds, ManageLinks];
/** Event consumers run wherever the domain-events worker runs; registering them is harmless in the API role. */
const consumers = [BookingNotificationsConsumer, BookingHoldsConsumer];

/** Availability, quotes, the booking lifecycle, the calendar and booking analytics. */
@Module({
  imports: [TypeOrmModule.forFeature([BookingEntity])],
  controllers: [PublicBookingsController, BookingsController, BookingAnalyticsController],
  providers: [...handlers, ...repositories, ...services, ...consumers],
  exports: [BookingRepository],
})
export class BookingsModule {}
