import { InvalidBookingTransitionError } from './booking.errors.js';

export const BOOKING_STATUSES = [
  'pending_deposit',
  'confirmed',
  'completed',
  'cancelled',
  'no_show',
  'expired',
] as const;

export type BookingStatus = (typeof BOOKING_STATUSES)[number];

const NEXT_STATUSES: Record<BookingStatus, readonly BookingStatus[]> = {
  pending_deposit: ['confirmed', 'expired', 'cancelled'],
  confirmed: ['completed', 'cancelled', 'no_show'],
  completed: [],
  cancelled: [],
  no_show: [],
  expired: [],
};

export function canTransition(from: BookingStatus, to: BookingStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

export function assertTransition(from: BookingStatus, to: BookingStatus): void {
  if (!canTransition(from, to)) throw new InvalidBookingTransitionError(from, to);
}

/** Whether the booking still holds chef capacity for its slot. */
export function isActive(status: BookingStatus): boolean {
  return status === 'pending_deposit' || status === 'confirmed';
}

/** Whether the booking may still be rescheduled, edited or have chefs assigned: while it is active. */
export function isEditable(status: BookingStatus): boolean {
  return isActive(status);
}

/** Bookings that count as business (on the calendar, in the analytics): all but cancelled and expired. */
export const TAKES_PLACE_STATUSES: readonly BookingStatus[] = ['pending_deposit', 'confirmed', 'completed', 'no_show'];

export interface HeldBooking {
  status: BookingStatus;
  holdExpiresAt: Date | null;
}

/** An unpaid booking whose hold is over: it holds no slot any more, even before the expiry job marks it. */
export function holdLapsed(booking: HeldBooking, now: Date): boolean {
  return booking.status === 'pending_deposit' && booking.holdExpiresAt !== null && booking.holdExpiresAt <= now;
}

/** Refuses a change (reschedule, edit, chef assignment) to a booking that is over or whose hold lapsed. */
export function assertEditable(booking: HeldBooking, now: Date, change: string): void {
  if (holdLapsed(booking, now)) throw new InvalidBookingTransitionError('expired', change);
  if (!isEditable(booking.status)) throw new InvalidBookingTransitionError(booking.status, change);
}
