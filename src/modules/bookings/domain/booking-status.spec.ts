import { InvalidBookingTransitionError } from './booking.errors.js';
import {
  assertTransition,
  BOOKING_STATUSES,
  type BookingStatus,
  assertEditable,
  canTransition,
  holdLapsed,
  isActive,
  isEditable,
} from './booking-status.js';

// Rows: from; columns in BOOKING_STATUSES order: pending_deposit, confirmed, completed, cancelled, no_show, expired.
const ALLOWED: Record<BookingStatus, readonly [boolean, boolean, boolean, boolean, boolean, boolean]> = {
  pending_deposit: [false, true, false, true, false, true],
  confirmed: [false, false, true, true, true, false],
  completed: [false, false, false, false, false, false],
  cancelled: [false, false, false, false, false, false],
  no_show: [false, false, false, false, false, false],
  expired: [false, false, false, false, false, false],
};

const pairs = BOOKING_STATUSES.flatMap((from) =>
  BOOKING_STATUSES.map((to, column) => [from, to, ALLOWED[from][column]] as const),
);

describe(canTransition.name, () => {
  it.each(pairs)('%s -> %s: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });
});

describe(assertTransition.name, () => {
  it.each(pairs)('%s -> %s: %s', (from, to, allowed) => {
    if (allowed) {
      expect(() => assertTransition(from, to)).not.toThrow();
    } else {
      expect(() => assertTransition(from, to)).toThrow(InvalidBookingTransitionError);
    }
  });

  it('names both statuses in the error', () => {
    expect(() => assertTransition('expired', 'confirmed')).toThrow(
      expect.objectContaining({ code: 'invalid_booking_transition', details: { from: 'expired', to: 'confirmed' } }),
    );
  });
});

describe(isActive.name, () => {
  it.each([
    ['pending_deposit', true],
    ['confirmed', true],
    ['completed', false],
    ['cancelled', false],
    ['no_show', false],
    ['expired', false],
  ] as const)('%s: %s', (status, expected) => {
    expect(isActive(status)).toBe(expected);
  });
});

describe(isEditable.name, () => {
  it.each([
    ['pending_deposit', true],
    ['confirmed', true],
    ['completed', false],
    ['cancelled', false],
    ['no_show', false],
    ['expired', false],
  ] as const)('%s: %s', (status, expected) => {
    expect(isEditable(status)).toBe(expected);
  });
});

describe(holdLapsed.name, () => {
  const now = new Date('2026-06-01T12:00:00Z');

  it('is true only for an unpaid booking whose hold ended at or before now', () => {
    expect(holdLapsed({ status: 'pending_deposit', holdExpiresAt: now }, now)).toBe(true);
    expect(holdLapsed({ status: 'pending_deposit', holdExpiresAt: new Date(now.getTime() + 1) }, now)).toBe(false);
    expect(holdLapsed({ status: 'confirmed', holdExpiresAt: new Date(0) }, now)).toBe(false);
    expect(holdLapsed({ status: 'pending_deposit', holdExpiresAt: null }, now)).toBe(false);
  });
});

describe(assertEditable.name, () => {
  const now = new Date('2026-06-01T12:00:00Z');

  it('allows live bookings and refuses finished ones and lapsed holds', () => {
    expect(() => assertEditable({ status: 'confirmed', holdExpiresAt: null }, now, 'rescheduled')).not.toThrow();
    expect(() =>
      assertEditable({ status: 'pending_deposit', holdExpiresAt: new Date(now.getTime() + 60_000) }, now, 'edited'),
    ).not.toThrow();
    expect(() => assertEditable({ status: 'completed', holdExpiresAt: null }, now, 'edited')).toThrow(
      InvalidBookingTransitionError,
    );
    expect(() => assertEditable({ status: 'pending_deposit', holdExpiresAt: now }, now, 'rescheduled')).toThrow(
      'A booking that is expired cannot be rescheduled.',
    );
  });
});
