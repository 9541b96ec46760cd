export interface CancellationRule {
  minHoursBefore: number;
  refundPercent: number;
}

export interface CancellationRefundInput {
  policy: readonly CancellationRule[];
  paidCents: number;
  startsAt: Date;
  cancelledAt: Date;
}

export interface CancellationRefund {
  refundPercent: number;
  refundCents: number;
  /** Notice given, in (fractional) hours; negative when cancelled after the start. */
  hoursBefore: number;
}

const MS_PER_HOUR = 3_600_000;

/** The rule asking the most notice that the cancellation still gives applies; meeting none refunds nothing. */
export function refundForCancellation(input: CancellationRefundInput): CancellationRefund {
  const hoursBefore = (input.startsAt.getTime() - input.cancelledAt.getTime()) / MS_PER_HOUR;
  // Nothing is refunded once the event has started, whatever a zero-hour or negative rule says.
  const rule =
    hoursBefore < 0
      ? undefined
      : [...input.policy]
          .sort((a, b) => b.minHoursBefore - a.minHoursBefore)
          .find((candidate) => hoursBefore >= candidate.minHoursBefore);
  const refundPercent = rule?.refundPercent ?? 0;
  // Rounding down keeps a refund from ever exceeding its percentage of what was paid.
  const refundCents = Math.floor((input.paidCents * refundPercent) / 100);
  return { refundPercent, refundCents, hoursBefore };
}
