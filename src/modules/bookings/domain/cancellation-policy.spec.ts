import { refundCapAfterReschedule, refundForCancellation } from './cancellation-policy.js';

const HOUR = 3_600_000;
const startsAt = new Date('2026-06-10T19:00:00Z');
const before = (ms: number): Date => new Date(startsAt.getTime() - ms);
// Deliberately out of order: the function must not rely on stored order.
const policy = [
  { minHoursBefore: 48, refundPercent: 50 },
  { minHoursBefore: 168, refundPercent: 100 },
  { minHoursBefore: 0, refundPercent: 0 },
];

describe(refundForCancellation.name, () => {
  it.each([
    ['a month ahead', 30 * 24 * HOUR, 100, 10000],
    ['exactly 168 h ahead', 168 * HOUR, 100, 10000],
    ['167.99 h ahead', 168 * HOUR - 36_000, 50, 5000],
    ['exactly 48 h ahead', 48 * HOUR, 50, 5000],
    ['1 ms under 48 h ahead', 48 * HOUR - 1, 0, 0],
    ['at the start', 0, 0, 0],
  ])('%s refunds %d %%', (_label, noticeMs, refundPercent, refundCents) => {
    const sut = refundForCancellation({ policy, paidCents: 10000, startsAt, cancelledAt: before(noticeMs) });
    expect(sut).toEqual({ refundPercent, refundCents, hoursBefore: noticeMs / HOUR });
  });

  it('reports fractional notice', () => {
    const sut = refundForCancellation({ policy, paidCents: 10000, startsAt, cancelledAt: before(168 * HOUR - 36_000) });
    expect(sut.hoursBefore).toBeCloseTo(167.99, 10);
  });

  it('refunds nothing after the start, even under a rule that starts at 0 h', () => {
    const sut = refundForCancellation({
      policy: [{ minHoursBefore: 0, refundPercent: 25 }],
      paidCents: 10000,
      startsAt,
      cancelledAt: new Date(startsAt.getTime() + HOUR),
    });
    expect(sut).toEqual({ refundPercent: 0, refundCents: 0, hoursBefore: -1 });
  });

  it('applies a 0 h rule up to the start itself', () => {
    const sut = refundForCancellation({
      policy: [{ minHoursBefore: 0, refundPercent: 25 }],
      paidCents: 10000,
      startsAt,
      cancelledAt: startsAt,
    });
    expect(sut.refundCents).toBe(2500);
  });

  it('refunds nothing when no rule is met', () => {
    expect(
      refundForCancellation({
        policy: [{ minHoursBefore: 72, refundPercent: 100 }],
        paidCents: 10000,
        startsAt,
        cancelledAt: before(71 * HOUR),
      }),
    ).toEqual({ refundPercent: 0, refundCents: 0, hoursBefore: 71 });
    expect(refundForCancellation({ policy: [], paidCents: 10000, startsAt, cancelledAt: before(500 * HOUR) })).toEqual(
      expect.objectContaining({ refundPercent: 0, refundCents: 0 }),
    );
  });

  it('rounds the refund down to whole cents', () => {
    const sut = refundForCancellation({ policy, paidCents: 10001, startsAt, cancelledAt: before(100 * HOUR) });
    expect(sut.refundCents).toBe(5000);
    const third = refundForCancellation({
      policy: [{ minHoursBefore: 0, refundPercent: 33 }],
      paidCents: 1001,
      startsAt,
      cancelledAt: before(HOUR),
    });
    expect(third.refundCents).toBe(330);
  });

  it('does not reorder the caller’s policy', () => {
    const copy = structuredClone(policy);
    refundForCancellation({ policy, paidCents: 100, startsAt, cancelledAt: before(HOUR) });
    expect(policy).toEqual(copy);
  });
});

describe(refundCapAfterReschedule.name, () => {
  const later = new Date(startsAt.getTime() + 30 * 24 * HOUR);

  it('caps the refund at what cancelling instead of moving would have given', () => {
    // Moved 100 h before the event (50 % then), to a date a month later.
    const cap = refundCapAfterReschedule({
      policy,
      previousStartsAt: startsAt,
      rescheduledAt: before(100 * HOUR),
      currentCapPercent: null,
    });
    expect(cap).toBe(50);
    const sut = refundForCancellation({
      policy,
      paidCents: 10000,
      startsAt: later,
      cancelledAt: before(99 * HOUR),
      capPercent: cap,
    });
    expect(sut).toMatchObject({ refundPercent: 50, refundCents: 5000 });
  });

  it('leaves a move with full notice uncapped in effect, and never raises a cap', () => {
    expect(
      refundCapAfterReschedule({
        policy,
        previousStartsAt: startsAt,
        rescheduledAt: before(200 * HOUR),
        currentCapPercent: null,
      }),
    ).toBe(100);
    expect(
      refundCapAfterReschedule({ policy, previousStartsAt: later, rescheduledAt: before(0), currentCapPercent: 50 }),
    ).toBe(50);
  });

  it('still applies the policy of the new date when it refunds less than the cap', () => {
    const sut = refundForCancellation({
      policy,
      paidCents: 10000,
      startsAt,
      cancelledAt: before(10 * HOUR),
      capPercent: 50,
    });
    expect(sut.refundPercent).toBe(0);
  });
});
