import { Module } from '@nestjs/common';
import { BookingsModule } from './bookings.module.js';
import { BookingHoldSweeper } from './jobs/booking-hold-sweeper.js';
import { ExpireBookingProcessor } from './jobs/expire-booking.processor.js';

/** Worker role only: hold expiry jobs and the sweeper behind them. */
@Module({ imports: [BookingsModule], providers: [ExpireBookingProcessor, BookingHoldSweeper] })
export class BookingsWorkerModule {}
