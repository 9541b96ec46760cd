import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { safeEqual, verifyGooglePush, verifyMeta, verifyRingCentral, verifyStripe } from './webhook-verifiers.js';

const secret = 'whsec_test_secret';
const stripeBody = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded' });
const sign = (payload: string, extra: Partial<{ timestamp: number; signature: string; scheme: string }> = {}) =>
  Stripe.webhooks.generateTestHeaderString({ payload, secret, ...extra });

describe(verifyStripe.name, () => {
  it('accepts a correctly signed event and names it', () => {
    expect(verifyStripe(Buffer.from(stripeBody), sign(stripeBody), secret)).toMatchObject({
      ok: true,
      delivery: { externalId: 'evt_1', eventType: 'payment_intent.succeeded' },
    });
  });

  it.each([
    ['a tampered body', Buffer.from(stripeBody.replace('evt_1', 'evt_2')), sign(stripeBody)],
    [
      'a timestamp 301 s old',
      Buffer.from(stripeBody),
      sign(stripeBody, { timestamp: Math.floor(Date.now() / 1000) - 301 }),
    ],
    ['only a v0 signature', Buffer.from(stripeBody), sign(stripeBody, { scheme: 'v0' })],
    ['no header', Buffer.from(stripeBody), undefined],
  ])('refuses %s', (_case, body, header) => {
    expect(verifyStripe(body, header, secret).ok).toBe(false);
  });

  it('accepts a header with two v1 values when the second is valid', () => {
    const good = sign(stripeBody);
    const [timestamp, v1] = good.split(',');
    expect(verifyStripe(Buffer.from(stripeBody), `${timestamp},v1=${'0'.repeat(64)},${v1}`, secret).ok).toBe(true);
  });
});

describe(verifyMeta.name, () => {
  const appSecret = 'meta-app-secret';
  // Meta signs the escaped-unicode bytes it sends; re-serialising would change them.
  const body = Buffer.from(
    '{"object":"page","entry":[{"id":"1","messaging":[{"message":{"text":"\\u00e4\\u00f6"}}]}]}',
  );
  const signature = `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;

  it('accepts the HMAC of the raw bytes', () => {
    expect(verifyMeta(body, signature, appSecret)).toMatchObject({ ok: true, delivery: { eventType: 'page' } });
  });

  it('refuses another secret, a changed body and a missing header', () => {
    expect(verifyMeta(body, signature, 'other-secret').ok).toBe(false);
    expect(verifyMeta(Buffer.from(body.toString().replace('page', 'user')), signature, appSecret).ok).toBe(false);
    expect(verifyMeta(body, undefined, appSecret).ok).toBe(false);
  });

  it('gives the same delivery id to a retry of the same bytes', () => {
    const first = verifyMeta(body, signature, appSecret);
    const second = verifyMeta(Buffer.from(body), signature, appSecret);
    expect(first.ok && second.ok && first.delivery.externalId === second.delivery.externalId).toBe(true);
  });
});

describe('token-based providers', () => {
  it('RingCentral needs the verification token and a uuid', () => {
    const body = Buffer.from(
      JSON.stringify({ uuid: 'u-1', event: '/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS' }),
    );
    expect(verifyRingCentral(body, 'tok', 'tok')).toMatchObject({ ok: true, delivery: { externalId: 'u-1' } });
    expect(verifyRingCentral(body, 'bad', 'tok').ok).toBe(false);
  });

  it('Google push needs the token and decodes the message data', () => {
    const data = Buffer.from(JSON.stringify({ notificationType: 'NEW_REVIEW' })).toString('base64');
    const body = Buffer.from(JSON.stringify({ message: { message_id: 'm-1', data }, subscription: 's' }));
    expect(verifyGooglePush(body, 'tok', 'tok')).toMatchObject({
      ok: true,
      delivery: { externalId: 'm-1', eventType: 'NEW_REVIEW' },
    });
    expect(verifyGooglePush(body, undefined, 'tok').ok).toBe(false);
  });

  it('compares secrets in constant time and exactly', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('authentic bodies of the wrong shape', () => {
  it('keeps a numeric id as text and refuses ids that are not text', () => {
    const ringCentral = (body: object) => verifyRingCentral(Buffer.from(JSON.stringify(body)), 'tok', 'tok');
    expect(ringCentral({ uuid: 123, event: 7 })).toMatchObject({
      ok: true,
      delivery: { externalId: '123', eventType: '7' },
    });
    expect(ringCentral({ uuid: { a: 1 } }).ok).toBe(false);
    expect(ringCentral({ uuid: '' }).ok).toBe(false);
    expect(verifyRingCentral(Buffer.from('null'), 'tok', 'tok').ok).toBe(false);
    const google = verifyGooglePush(Buffer.from(JSON.stringify({ message: { messageId: ['m'], data: 5 } })), 't', 't');
    expect(google.ok).toBe(false);
  });

  it('names a Meta delivery whose object is not text unknown, and refuses a body that is no object', () => {
    const appSecret = 'meta-app-secret';
    const meta = (raw: string) =>
      verifyMeta(Buffer.from(raw), `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`, appSecret);
    expect(meta(JSON.stringify({ object: { page: true } }))).toMatchObject({
      ok: true,
      delivery: { eventType: 'unknown' },
    });
    expect(meta('"page"').ok).toBe(false);
  });

  it('refuses a signed Stripe body without an id', () => {
    const body = JSON.stringify({ object: 'event', type: 'charge.succeeded' });
    expect(verifyStripe(Buffer.from(body), sign(body), secret)).toMatchObject({ ok: false, reason: 'event has no id' });
  });
});
