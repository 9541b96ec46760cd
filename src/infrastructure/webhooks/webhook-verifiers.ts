import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { safeEqual } from '../../common/index.js';

/** A delivery whose authenticity is proven, reduced to what we store. */
export interface VerifiedDelivery {
  externalId: string;
  eventType: string;
  payload: unknown;
}

export type VerificationResult = { ok: true; delivery: VerifiedDelivery } | { ok: false; reason: string };

export { safeEqual };

export const STRIPE_TOLERANCE_SECONDS = 300;

/**
 * A signed body is authentic, not well-formed: an id or a type that is not a string (or a number,
 * kept as its text) counts as absent.
 */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Stripe: the SDK checks `Stripe-Signature` over the raw bytes with a 300 s tolerance. */
export function verifyStripe(raw: Buffer, signature: string | undefined, secret: string): VerificationResult {
  if (!signature) return { ok: false, reason: 'missing Stripe-Signature header' };
  try {
    const event = Stripe.webhooks.constructEvent(raw, signature, secret, STRIPE_TOLERANCE_SECONDS);
    const externalId = textOf(event.id);
    if (!externalId) return { ok: false, reason: 'event has no id' };
    const eventType = textOf(event.type) ?? 'unknown';
    return { ok: true, delivery: { externalId, eventType, payload: parseJson(raw) } };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

/** Meta: `X-Hub-Signature-256: sha256=<hex HMAC of the raw bytes with the app secret>`. */
export function verifyMeta(raw: Buffer, signature: string | undefined, appSecret: string): VerificationResult {
  if (!signature?.startsWith('sha256=')) return { ok: false, reason: 'missing X-Hub-Signature-256 header' };
  const expected = createHmac('sha256', appSecret).update(raw).digest('hex');
  if (!safeEqual(signature.slice('sha256='.length).toLowerCase(), expected))
    return { ok: false, reason: 'signature mismatch' };
  const payload = parseJson(raw) as { object?: unknown } | undefined;
  if (!payload || typeof payload !== 'object') return { ok: false, reason: 'body is not a JSON object' };
  // Meta sends no delivery id: the digest of the signed bytes identifies a delivery and its retries.
  const externalId = createHmac('sha256', 'meta-delivery').update(raw).digest('hex');
  return { ok: true, delivery: { externalId, eventType: textOf(payload.object) ?? 'unknown', payload } };
}

/** RingCentral: the subscription's verification token comes back in `Verification-Token`. */
export function verifyRingCentral(raw: Buffer, token: string | undefined, expected: string): VerificationResult {
  if (!token || !safeEqual(token, expected)) return { ok: false, reason: 'Verification-Token mismatch' };
  const payload = parseJson(raw) as { uuid?: unknown; event?: unknown } | null | undefined;
  const externalId = textOf(payload?.uuid);
  if (!externalId) return { ok: false, reason: 'body has no uuid' };
  return { ok: true, delivery: { externalId, eventType: textOf(payload?.event) ?? 'unknown', payload } };
}

/** Google Pub/Sub push with a shared secret in the push URL (`?token=`). */
export function verifyGooglePush(raw: Buffer, token: string | undefined, expected: string): VerificationResult {
  if (!token || !safeEqual(token, expected)) return { ok: false, reason: 'push token mismatch' };
  return parseGooglePush(raw);
}

/** The delivery inside an authenticated Pub/Sub push envelope; dedupe on messageId. */
export function parseGooglePush(raw: Buffer): VerificationResult {
  const payload = parseJson(raw) as
    | { message?: { messageId?: unknown; message_id?: unknown; data?: unknown; attributes?: Record<string, unknown> } }
    | null
    | undefined;
  const messageId = textOf(payload?.message?.messageId) ?? textOf(payload?.message?.message_id);
  if (!messageId) return { ok: false, reason: 'body has no message id' };
  let data: unknown;
  try {
    const encoded = payload?.message?.data;
    data = typeof encoded === 'string' ? JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) : undefined;
  } catch {
    data = undefined;
  }
  const type =
    textOf((data as { notificationType?: unknown } | null | undefined)?.notificationType) ??
    textOf(payload?.message?.attributes?.['type']);
  return {
    ok: true,
    delivery: { externalId: messageId, eventType: type ?? 'unknown', payload: { ...payload, decodedData: data } },
  };
}
