import { createHmac } from 'node:crypto';
import { postSignedStripe, signedStripe, type SignedDelivery } from '../support/webhook-requests.js';
import { DataSource } from 'typeorm';
import { WebhookEventPruner } from '../../src/infrastructure/webhooks/webhook-event-pruner.js';
import { Factories } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { flaky, WEBHOOK_PROBE_TABLE, WebhookProbeModule } from '../support/webhook-probe.module.js';
import { until } from '../support/wait.js';

const STRIPE_SECRET = 'whsec_e2e_secret';
const META_SECRET = 'meta-app-secret-e2e';

describe('webhook intake', () => {
  let sut: TestApp;
  let db: DataSource;
  let admin: string;

  beforeAll(async () => {
    sut = await createTestApp({
      extraModules: [WebhookProbeModule],
      env: {
        STRIPE_WEBHOOK_SECRET: STRIPE_SECRET,
        META_APP_SECRET: META_SECRET,
        META_VERIFY_TOKEN: 'verify-me',
        RINGCENTRAL_VERIFICATION_TOKEN: 'rc-token',
        GOOGLE_PUBSUB_PUSH_TOKEN: 'push-token',
        WEBHOOK_MAX_ATTEMPTS: '2',
        WEBHOOK_BACKOFF_MS: '50',
        WEBHOOK_MAX_FAILURES_PER_MINUTE: '5',
      },
    });
    db = sut.app.get(DataSource);
    await db.query(WEBHOOK_PROBE_TABLE);
    const factories = new Factories(sut);
    admin = await factories.userBearer({ role: 'super_admin' });
  });
  afterAll(() => sut.close());

  const stripeDelivery = (id: string, type = 'payment_intent.succeeded') =>
    signedStripe({ id, object: 'event', type, data: { object: { id: 'pi_1' } } }, STRIPE_SECRET);
  const postStripe = (delivery: SignedDelivery) => postSignedStripe(sut, delivery);
  const statusOf = async (provider: string, externalId: string): Promise<string | undefined> =>
    (
      await db.query<{ status: string }[]>(
        'SELECT status FROM webhook_events WHERE provider = $1 AND external_id = $2',
        [provider, externalId],
      )
    )[0]?.status;

  it('processes the same Stripe event delivered 10 times concurrently exactly once', async () => {
    const delivery = stripeDelivery('evt_concurrent_1');
    const responses = await Promise.all(Array.from({ length: 10 }, () => postStripe(delivery)));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    expect(responses.filter((response) => response.body.duplicate === false)).toHaveLength(1);
    await until(
      () => statusOf('stripe', 'evt_concurrent_1'),
      (status) => status === 'processed',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [{ rows, effects }] = await db.query<{ rows: string; effects: string }[]>(
      `SELECT (SELECT count(*) FROM webhook_events WHERE external_id = 'evt_concurrent_1') AS rows,
              (SELECT count(*) FROM probe_webhook_effects WHERE external_id = 'evt_concurrent_1') AS effects`,
    );
    expect({ rows, effects }).toEqual({ rows: '1', effects: '1' });
  });

  it('refuses a bad Stripe signature and stores nothing', async () => {
    const { payload } = stripeDelivery('evt_forged');
    const response = await postStripe({
      payload,
      signature: `t=${Math.floor(Date.now() / 1000)},v1=${'ab'.repeat(32)}`,
    }).expect(401);
    expect(response.body.code).toBe('unauthorized');
    expect(await statusOf('stripe', 'evt_forged')).toBeUndefined();
  });

  it('refuses a Meta payload with a wrong signature and stores nothing; keeps a valid one as ignored', async () => {
    const body = JSON.stringify({ object: 'instagram', entry: [{ id: '17841', time: 1, changes: [] }] });
    const before = await db.query<{ n: string }[]>("SELECT count(*) AS n FROM webhook_events WHERE provider = 'meta'");
    await sut
      .http()
      .post('/api/v1/webhooks/meta')
      .set('content-type', 'application/json')
      .set('x-hub-signature-256', `sha256=${createHmac('sha256', 'wrong-secret').update(body).digest('hex')}`)
      .send(body)
      .expect(401);
    const after = await db.query<{ n: string }[]>("SELECT count(*) AS n FROM webhook_events WHERE provider = 'meta'");
    expect(after).toEqual(before);

    await sut
      .http()
      .post('/api/v1/webhooks/meta')
      .set('content-type', 'application/json')
      .set('x-hub-signature-256', `sha256=${createHmac('sha256', META_SECRET).update(body).digest('hex')}`)
      .send(body)
      .expect(200);
    const [row] = await until(
      () =>
        db.query<{ status: string; last_error: string }[]>(
          "SELECT status, last_error FROM webhook_events WHERE provider = 'meta'",
        ),
      (rows) => rows[0]?.status === 'ignored',
    );
    expect(row).toEqual({ status: 'ignored', last_error: 'no module handles meta instagram events yet' });
  });

  it("echoes Meta's hub.challenge only with the right verify token", async () => {
    const ok = await sut
      .http()
      .get('/api/v1/webhooks/meta?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444')
      .expect(200);
    expect(ok.text).toBe('1158201444');
    expect(ok.headers['content-type']).toMatch(/^text\/plain/);
    const refused = await sut
      .http()
      .get('/api/v1/webhooks/meta?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444')
      .expect(403);
    expect(refused.text).not.toContain('1158201444');
  });

  it("echoes RingCentral's Validation-Token and checks its Verification-Token", async () => {
    const handshake = await sut
      .http()
      .post('/api/v1/webhooks/ringcentral')
      .set('Validation-Token', 'abc-123')
      .expect(200);
    expect(handshake.headers['validation-token']).toBe('abc-123');
    const body = {
      uuid: 'rc-1',
      event: '/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS',
      body: {},
    };
    await sut.http().post('/api/v1/webhooks/ringcentral').set('Verification-Token', 'bad').send(body).expect(401);
    await sut.http().post('/api/v1/webhooks/ringcentral').set('Verification-Token', 'rc-token').send(body).expect(200);
    expect(await statusOf('ringcentral', 'rc-1')).toBeDefined();
  });

  it('accepts a Google push only with its token', async () => {
    const body = {
      message: { messageId: 'g-1', data: Buffer.from('{"notificationType":"NEW_REVIEW"}').toString('base64') },
      subscription: 's',
    };
    await sut.http().post('/api/v1/webhooks/google?token=wrong').send(body).expect(401);
    await sut.http().post('/api/v1/webhooks/google?token=push-token').send(body).expect(200);
    expect(await statusOf('google', 'g-1')).toBeDefined();
  });

  it('answers 429 to an address that keeps failing verification, yet still accepts valid deliveries', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const response = await sut
        .http()
        .post('/api/v1/webhooks/google?token=guess')
        .send({ message: { messageId: `x${attempt}` } });
      statuses.push(response.status);
    }
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.at(-1)).toBe(429);
    const body = { message: { messageId: 'g-after-abuse', data: '' }, subscription: 's' };
    await sut.http().post('/api/v1/webhooks/google?token=push-token').send(body).expect(200);
  });

  it('answers 413 to an oversized body', async () => {
    const payload = JSON.stringify({
      id: 'evt_big',
      object: 'event',
      type: 'x',
      pad: 'x'.repeat(sut.config.webhooks.bodyLimitBytes),
    });
    await postStripe({ payload, signature: 't=1,v1=00' }).expect(413);
  });

  it('keeps a failing event as failed after its retries, and replays it from the admin endpoint', async () => {
    flaky.failing = true;
    await postStripe(stripeDelivery('evt_flaky', 'test.flaky')).expect(200);
    await until(
      () => statusOf('stripe', 'evt_flaky'),
      (status) => status === 'failed',
    );
    const [failed] = await db.query<{ id: string; status: string; attempts: number; last_error: string }[]>(
      "SELECT id, status, attempts, last_error FROM webhook_events WHERE external_id = 'evt_flaky'",
    );
    expect(failed).toMatchObject({ status: 'failed', attempts: 2, last_error: 'downstream unavailable' });

    const listed = await sut
      .http()
      .get('/api/v1/admin/webhooks?status=failed&provider=stripe')
      .set('Authorization', admin)
      .expect(200);
    expect(listed.body.data.map((event: { id: string }) => event.id)).toContain(failed.id);

    flaky.failing = false;
    await sut.http().post(`/api/v1/admin/webhooks/${failed.id}/replay`).set('Authorization', admin).expect(202);
    expect(
      await until(
        () => statusOf('stripe', 'evt_flaky'),
        (status) => status === 'processed',
      ),
    ).toBe('processed');
    const effects = await db.query<{ n: string }[]>(
      "SELECT count(*) AS n FROM probe_webhook_effects WHERE external_id = 'evt_flaky'",
    );
    expect(effects[0].n).toBe('1');
    await sut.http().post(`/api/v1/admin/webhooks/${failed.id}/replay`).set('Authorization', admin).expect(409);
  });

  it('prunes settled events after their retention and keeps failed ones for replay', async () => {
    const insert = (externalId: string, status: string, daysAgo: number): Promise<unknown> =>
      db.query(
        `INSERT INTO webhook_events (provider, external_id, event_type, payload, status, received_at)
         VALUES ('stripe', $1, 'test.pruned', '{}', $2, now() - make_interval(days => $3))`,
        [externalId, status, daysAgo],
      );
    await insert('evt_old_done', 'processed', 91);
    await insert('evt_old_ignored', 'ignored', 91);
    await insert('evt_old_failed', 'failed', 91);
    await insert('evt_recent_done', 'processed', 89);
    expect(await sut.app.get(WebhookEventPruner).prune()).toBe(2);
    const left = await db.query<{ external_id: string }[]>(
      "SELECT external_id FROM webhook_events WHERE event_type = 'test.pruned' ORDER BY external_id",
    );
    expect(left.map((row) => row.external_id)).toEqual(['evt_old_failed', 'evt_recent_done']);
  });
});
