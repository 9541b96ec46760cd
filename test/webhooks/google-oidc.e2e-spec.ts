import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { DataSource } from 'typeorm';
import { DomainError } from '../../src/common/index.js';
import { GooglePushTokenVerifier } from '../../src/infrastructure/webhooks/google-push.verifier.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { freePort } from '../support/wait.js';

const AUDIENCE = 'https://api.myhibachi.test/api/v1/webhooks/google';
const PUSH_ACCOUNT = 'pubsub-push@myhibachi-prod.iam.gserviceaccount.com';
const KID = 'google-test-key-1';

/** Stands in for https://www.googleapis.com/oauth2/v3/certs: serves the public half of a local key. */
async function startJwksServer(publicKey: CryptoKey): Promise<{ server: Server; url: string }> {
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' }] });
  const server = createServer((request, response) => {
    if (request.url !== '/oauth2/v3/certs') return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/v3/certs` };
}

describe('Google Pub/Sub push with OIDC authentication', () => {
  let sut: TestApp;
  let db: DataSource;
  let jwks: { server: Server; url: string };
  let googleKey: CryptoKey;
  let otherKey: CryptoKey;

  beforeAll(async () => {
    const google = await generateKeyPair('RS256');
    googleKey = google.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    jwks = await startJwksServer(google.publicKey);
    sut = await createTestApp({
      env: {
        GOOGLE_PUSH_AUDIENCE: AUDIENCE,
        GOOGLE_PUSH_SERVICE_ACCOUNT: PUSH_ACCOUNT,
        GOOGLE_OIDC_JWKS_URL: jwks.url,
        // Configured too, to show that the shared token no longer opens the door once OIDC is on.
        GOOGLE_PUBSUB_PUSH_TOKEN: 'push-token',
        WEBHOOK_MAX_FAILURES_PER_MINUTE: '1000',
      },
    });
    db = sut.app.get(DataSource);
  });
  afterAll(async () => {
    await sut.close();
    await new Promise((resolve) => jwks.server.close(resolve));
  });

  const nowSeconds = (): number => Math.floor(Date.now() / 1000);

  /** A token shaped like Pub/Sub's; `claims` and `options` change one thing at a time. */
  const pushToken = (
    claims: JWTPayload = {},
    options: { key?: CryptoKey; issuer?: string; audience?: string; issuedAt?: number; expiresAt?: number } = {},
  ): Promise<string> =>
    new SignJWT({ email: PUSH_ACCOUNT, email_verified: true, azp: '1149', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
      .setIssuer(options.issuer ?? 'https://accounts.google.com')
      .setAudience(options.audience ?? AUDIENCE)
      .setSubject('1149')
      .setIssuedAt(options.issuedAt ?? nowSeconds())
      .setExpirationTime(options.expiresAt ?? nowSeconds() + 3600)
      .sign(options.key ?? googleKey);

  const envelope = (messageId: string) => ({
    message: {
      messageId,
      message_id: messageId,
      data: Buffer.from(
        JSON.stringify({ notificationType: 'NEW_REVIEW', review: 'accounts/1/locations/2/reviews/3' }),
      ).toString('base64'),
      attributes: {},
      publishTime: new Date().toISOString(),
    },
    subscription: 'projects/myhibachi-prod/subscriptions/reviews-push',
  });

  const push = (messageId: string, authorization?: string, query = '') => {
    const request = sut.http().post(`/api/v1/webhooks/google${query}`);
    if (authorization) void request.set('Authorization', authorization);
    return request.send(envelope(messageId));
  };

  const storedCount = async (messageId: string): Promise<number> => {
    const [row] = await db.query<{ n: string }[]>(
      "SELECT count(*) AS n FROM webhook_events WHERE provider = 'google' AND external_id = $1",
      [messageId],
    );
    return Number(row.n);
  };

  it('stores a push with a valid Google-signed token once; a redelivery of the same message is a no-op', async () => {
    const first = await push('oidc-ok-1', `Bearer ${await pushToken()}`).expect(200);
    expect(first.body).toEqual({ received: true, duplicate: false });
    const [event] = await db.query<{ event_type: string }[]>(
      "SELECT event_type FROM webhook_events WHERE provider = 'google' AND external_id = 'oidc-ok-1'",
    );
    expect(event.event_type).toBe('NEW_REVIEW');

    const again = await push('oidc-ok-1', `Bearer ${await pushToken()}`).expect(200);
    expect(again.body).toEqual({ received: true, duplicate: true });
    expect(await storedCount('oidc-ok-1')).toBe(1);
  });

  it('accepts the issuer without its scheme and a token up to an hour old', async () => {
    const token = await pushToken({}, { issuer: 'accounts.google.com', issuedAt: nowSeconds() - 3500 });
    await push('oidc-ok-2', `Bearer ${token}`).expect(200);
    expect(await storedCount('oidc-ok-2')).toBe(1);
  });

  const refused: { case: string; authorization: () => Promise<string | undefined>; query?: string }[] = [
    { case: 'a missing bearer token', authorization: () => Promise.resolve(undefined) },
    { case: 'only the shared ?token=', authorization: () => Promise.resolve(undefined), query: '?token=push-token' },
    {
      case: 'a token for another audience',
      authorization: async () => `Bearer ${await pushToken({}, { audience: 'https://evil.test/' })}`,
    },
    {
      case: 'a token signed with another key',
      authorization: async () => `Bearer ${await pushToken({}, { key: otherKey })}`,
    },
    {
      case: 'an expired token',
      authorization: async () =>
        `Bearer ${await pushToken({}, { issuedAt: nowSeconds() - 7200, expiresAt: nowSeconds() - 3600 })}`,
    },
    {
      case: 'a token from another issuer',
      authorization: async () => `Bearer ${await pushToken({}, { issuer: 'https://evil.test' })}`,
    },
    {
      case: 'a token of another service account',
      authorization: async () => `Bearer ${await pushToken({ email: 'someone@other.iam.gserviceaccount.com' })}`,
    },
    {
      case: 'a token whose e-mail is not verified',
      authorization: async () => `Bearer ${await pushToken({ email_verified: false })}`,
    },
    { case: 'a token that is not a JWT', authorization: () => Promise.resolve('Bearer not-a-jwt') },
  ];

  it.each(refused)('answers 401 and stores nothing for $case', async ({ case: name, authorization, query }) => {
    const messageId = `oidc-refused-${name.replaceAll(' ', '-')}`;
    const response = await push(messageId, await authorization(), query).expect(401);
    expect(response.body.code).toBe('unauthorized');
    expect(await storedCount(messageId)).toBe(0);
  });

  it("answers 503 rather than 401 when Google's keys cannot be fetched", async () => {
    const closedPort = await freePort();
    const verifier = new GooglePushTokenVerifier({
      ...sut.config,
      webhooks: { ...sut.config.webhooks, googleOidcJwksUrl: `http://127.0.0.1:${closedPort}/certs` },
    });
    const error = await verifier
      .verify(Buffer.from(JSON.stringify(envelope('oidc-no-keys'))), `Bearer ${await pushToken()}`, AUDIENCE)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('service_unavailable');
  });
});
