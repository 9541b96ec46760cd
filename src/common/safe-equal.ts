import { createHmac, timingSafeEqual } from 'node:crypto';

/** Constant-time string comparison that does not leak the length through an early exit. */
export function safeEqual(a: string, b: string): boolean {
  const left = createHmac('sha256', 'compare').update(a).digest();
  const right = createHmac('sha256', 'compare').update(b).digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}
