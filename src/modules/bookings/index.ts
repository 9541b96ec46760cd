// Public surface of the bookings module: what other modules may send or ask.
export { ConfirmBookingCommand } from './commands/confirm-booking.command.js';
export { BOOKING_EVENTS, type BookingEventPayload, type BookingEventType } from './events/booking-events.js';
