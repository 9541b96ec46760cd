import type { DomainEvent } from '../../../infrastructure/outbox/index.js';
import type { BookingEntity } from '../booking.entity.js';
import type { BookingStatus } from '../domain/booking-status.js';

export const BOOKING_EVENTS = {
  created: 'BookingCreated',
  confirmed: 'BookingConfirmed',
  rescheduled: 'BookingRescheduled',
  updated: 'BookingUpdated',
  chefsAssigned: 'BookingChefsAssigned',
  cancelled: 'BookingCancelled',
  completed: 'BookingCompleted',
  noShow: 'BookingNoShow',
  expired: 'BookingExpired',
} as const;
export type BookingEventType = (typeof BOOKING_EVENTS)[keyof typeof BOOKING_EVENTS];

/**
 * What every booking event carries. Contact details stay out of the outbox on purpose: consumers
 * that write to the customer load the booking, so a later correction of an address is honoured.
 */
export interface BookingEventPayload {
  bookingId: string;
  reference: string;
  stationId: string;
  status: BookingStatus;
  startsAt: string;
  guests: number;
  totalCents: number;
  depositCents: number;
  depositPaidCents: number;
  currency: string;
  customerUserId: string | null;
  previousStartsAt?: string;
  refundCents?: number;
  cancelledBy?: string;
  reason?: string | null;
  chefUserIds?: string[];
}

export function bookingEvent(
  type: BookingEventType,
  booking: BookingEntity,
  extra: Partial<BookingEventPayload> = {},
): DomainEvent<BookingEventPayload> {
  return {
    type,
    aggregateType: 'booking',
    aggregateId: booking.id,
    stationId: booking.stationId,
    payload: {
      bookingId: booking.id,
      reference: booking.reference,
      stationId: booking.stationId,
      status: booking.status,
      startsAt: booking.startsAt.toISOString(),
      guests: booking.guests,
      totalCents: booking.totalCents,
      depositCents: booking.depositCents,
      depositPaidCents: booking.depositPaidCents,
      currency: booking.currency,
      customerUserId: booking.customerUserId,
      ...extra,
    },
  };
}
