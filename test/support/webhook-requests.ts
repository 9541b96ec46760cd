import Stripe from 'stripe';
import type supertest from 'supertest';
import type { TestApp } from './test-app.js';

export interface SignedDelivery {
  payload: string;
  signature: string;
}

/** A Stripe event body with the `Stripe-Signature` Stripe would send for it. */
export function signedStripe(event: object, secret: string): SignedDelivery {
  const payload = JSON.stringify(event);
  return { payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret }) };
}

/** Delivers a signed Stripe body to the app's webhook route, bytes as signed. */
export function postSignedStripe(sut: TestApp, { payload, signature }: SignedDelivery): supertest.Test {
  return sut
    .http()
    .post('/api/v1/webhooks/stripe')
    .set('content-type', 'application/json')
    .set('stripe-signature', signature)
    .send(payload);
}
