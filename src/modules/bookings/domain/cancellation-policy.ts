export interface CancellationRule {
  minHoursBefore: number;
  refundPercent: number;
}

export interface CancellationRefundInput {
  policy: readonly CancellationRule[];
  paidCents: number;
  startsAt: Date;
  cancelledAt: Date;
  /** Set by a customer's reschedule (see `refundCapAfterReschedule`); null or absent: no cap. */
  capPercent?: number | null;
}

export interface CancellationRefund {
  refundPercent: number;
  refundCents: number;
  /** Notice given, in (fractional) hours; negative when cancelled after the start. */
  hoursBefore: number;
}

const MS_PER_HOUR = 3_600_000;

/** The percent the policy refunds for an event at `startsAt` cancelled at `at`. */
export function policyRefundPercent(policy: readonly CancellationRule[], startsAt: Date, at: Date): number {
  const hoursBefore = (startsAt.getTime() - at.getTime()) / MS_PER_HOUR;
  // Nothing is refunded once the event has started, whatever a zero-hour or negative rule says.
  if (hoursBefore < 0) return 0;
  const rule = [...policy]
    .sort((a, b) => b.minHoursBefore - a.minHoursBefore)
    .find((candidate) => hoursBefore >= candidate.minHoursBefore);
  return rule?.refundPercent ?? 0;
}

/** The rule asking the most notice that the cancellation still gives applies; meeting none refunds nothing. */
export function refundForCancellation(input: CancellationRefundInput): CancellationRefund {
  const hoursBefore = (input.startsAt.getTime() - input.cancelledAt.getTime()) / MS_PER_HOUR;
  const refundPercent = Math.min(
    policyRefundPercent(input.policy, input.startsAt, input.cancelledAt),
    input.capPercent ?? 100,
  );
  // Rounding down keeps a refund from ever exceeding its percentage of what was paid.
  const refundCents = Math.floor((input.paidCents * refundPercent) / 100);
  return { refundPercent, refundCents, hoursBefore };
}

/**
 * A customer who moves an event keeps at most the refund that cancelling instead would have given
 * at that moment, so moving a near event far out and then cancelling never refunds more than
 * cancelling it outright. Caps only go down.
 */
export function refundCapAfterReschedule(input: {
  policy: readonly CancellationRule[];
  previousStartsAt: Date;
  rescheduledAt: Date;
  currentCapPercent: number | null;
}): number {
  return Math.min(
    policyRefundPercent(input.policy, input.previousStartsAt, input.rescheduledAt),
    input.currentCapPercent ?? 100,
  );
}
