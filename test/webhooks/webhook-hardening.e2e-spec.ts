import { createHmac } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { postSignedStripe, signedStripe } from '../support/webhook-requests.js';
import { DataSource } from 'typeorm';
import { QUEUES } from '../../src/infrastructure/queue/queues.js';
import { WebhookIntake } from '../../src/infrastructure/webhooks/webhook-intake.js';
import { WebhookRequeuer } from '../../src/infrastructure/webhooks/webhook-requeuer.js';
import { Factories } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { hardeningProbe, WebhookHardeningProbeModule } from '../support/webhook-hardening-probe.module.js';
import { WEBHOOK_PROBE_TABLE } from '../support/webhook-probe.module.js';
import { until } from '../support/wait.js';

const STRIPE_SECRET = 'whsec_hardening_secret';
const META_SECRET = 'meta-app-secret-hardening';
const WEBHOOK_LIMIT = 2 * 1_048_576;

describe('webhook hardening', () => {
  let sut: TestApp;
  let db: DataSource;
  let admin: string;

  beforeAll(async () => {
    sut = await createTestApp({
      extraModules: [WebhookHardeningProbeModule],
      env: {
        STRIPE_WEBHOOK_SECRET: STRIPE_SECRET,
        META_APP_SECRET: META_SECRET,
        META_VERIFY_TOKEN: 'verify-me',
        RINGCENTRAL_VERIFICATION_TOKEN: 'rc-token',
        GOOGLE_PUBSUB_PUSH_TOKEN: 'push-token',
        WEBHOOK_MAX_ATTEMPTS: '2',
        WEBHOOK_BACKOFF_MS: '50',
        WEBHOOK_MAX_FAILURES_PER_MINUTE: '3',
        WEBHOOK_BODY_LIMIT_BYTES: String(WEBHOOK_LIMIT),
      },
    });
    db = sut.app.get(DataSource);
    await db.query(WEBHOOK_PROBE_TABLE);
    const factories = new Factories(sut);
    admin = await factories.userBearer({ role: 'super_admin' });
  });
  afterAll(() => sut.close());

  const postStripe = (id: string, type: string) =>
    postSignedStripe(sut, signedStripe({ id, object: 'event', type, data: { object: { id: 'pi_1' } } }, STRIPE_SECRET));
  const postMeta = (body: string | Buffer, secret = META_SECRET) =>
    sut
      .http()
      .post('/api/v1/webhooks/meta')
      .set('content-type', 'application/json')
      .set('x-hub-signature-256', `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`)
      .send(typeof body === 'string' ? body : body.toString('utf8'));
  const rowOf = async (externalId: string) =>
    (
      await db.query<{ id: string; status: string; attempts: number }[]>(
        'SELECT id, status, attempts FROM webhook_events WHERE external_id = $1',
        [externalId],
      )
    )[0];
  const statusOf = async (externalId: string) => (await rowOf(externalId))?.status;
  const effectsOf = async (externalId: string) =>
    Number(
      (
        await db.query<{ n: string }[]>('SELECT count(*) AS n FROM probe_webhook_effects WHERE external_id = $1', [
          externalId,
        ])
      )[0].n,
    );
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));
  const failedEvent = async (externalId: string) => {
    hardeningProbe.failing.add(externalId);
    await postStripe(externalId, 'test.slow').expect(200);
    await until(
      () => statusOf(externalId),
      (status) => status === 'failed',
    );
    hardeningProbe.failing.delete(externalId);
    return rowOf(externalId);
  };

  describe('body limit', () => {
    const metaBody = (bytes: number) => {
      const head = '{"object":"page","entry":[{"id":"p1","time":1,"pad":"';
      const tail = '"}]}';
      return head + 'x'.repeat(bytes - head.length - tail.length) + tail;
    };

    it('accepts a correctly signed 1.5 MB Meta delivery', async () => {
      const response = await postMeta(metaBody(1_572_864)).expect(200);
      expect(response.body).toEqual({ received: true, duplicate: false });
    });

    it('answers 413 problem beyond WEBHOOK_BODY_LIMIT_BYTES', async () => {
      const response = await postMeta(metaBody(WEBHOOK_LIMIT + 1024)).expect(413);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe('payload_too_large');
    });

    it('keeps HTTP_BODY_LIMIT_BYTES on other routes', async () => {
      const body = JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(1_572_864) });
      await sut.http().post('/api/v1/auth/login').set('content-type', 'application/json').send(body).expect(413);
    });
  });

  describe('processing', () => {
    it('runs the handler once for two concurrent replays: one 202, the other 409', async () => {
      const failed = await failedEvent('evt_double_replay');
      const replay = () => sut.http().post(`/api/v1/admin/webhooks/${failed.id}/replay`).set('Authorization', admin);
      const responses = await Promise.all([replay(), replay()]);
      expect(responses.map((response) => response.status).sort()).toEqual([202, 409]);
      const loser = responses.find((response) => response.status === 409)!;
      expect(loser.headers['content-type']).toMatch(/^application\/problem\+json/);
      await until(
        () => statusOf('evt_double_replay'),
        (status) => status === 'processed',
      );
      await settle();
      expect(await effectsOf('evt_double_replay')).toBe(1);
    });

    it('has one effect when a second job for the event arrives while the first (slow) one works', async () => {
      await postStripe('evt_two_jobs', 'test.slow').expect(200);
      const { id } = await rowOf('evt_two_jobs');
      const queue = sut.app.get<Queue>(getQueueToken(QUEUES.webhooks), { strict: false });
      await queue.add('process', { webhookEventId: id }, { jobId: `${id}_second` });
      await until(
        () => statusOf('evt_two_jobs'),
        (status) => status === 'processed',
      );
      await settle();
      expect(await effectsOf('evt_two_jobs')).toBe(1);
    });

    it("commits the handler's effect together with the processed status", async () => {
      hardeningProbe.writeThenFail.add('evt_write_then_fail');
      await postStripe('evt_write_then_fail', 'test.write_then_fail').expect(200);
      await until(
        () => statusOf('evt_write_then_fail'),
        (status) => status === 'processed',
      );
      await settle();
      expect(await effectsOf('evt_write_then_fail')).toBe(1);
    });
  });

  describe('stuck events', () => {
    it.each(['processing', 'queued'])(
      'requeues a stale %s row whose job already failed, under a new job id',
      async (stuck) => {
        const externalId = `evt_stuck_${stuck}`;
        const failed = await failedEvent(externalId);
        // As if the last `finish` had failed: BullMQ holds the job as failed, the row still says otherwise.
        await db.query("UPDATE webhook_events SET status = $2, updated_at = now() - interval '1 hour' WHERE id = $1", [
          failed.id,
          stuck,
        ]);
        await sut.app.get(WebhookRequeuer).requeue();
        await until(
          () => statusOf(externalId),
          (status) => status === 'processed',
        );
        expect(await effectsOf(externalId)).toBe(1);
      },
    );

    it('leaves a recent processing row alone', async () => {
      const failed = await failedEvent('evt_recent_processing');
      await db.query("UPDATE webhook_events SET status = 'processing' WHERE id = $1", [failed.id]);
      await sut.app.get(WebhookRequeuer).requeue();
      await settle();
      expect(await statusOf('evt_recent_processing')).toBe('processing');
      expect(await effectsOf('evt_recent_processing')).toBe(0);
    });

    it('does not move a failed event back to queued when it is queued again', async () => {
      const failed = await failedEvent('evt_stay_failed');
      await sut.app.get(WebhookIntake).enqueue([failed.id]);
      expect(await statusOf('evt_stay_failed')).toBe('failed');
    });
  });

  describe('bad input', () => {
    it.each([
      [
        'a repeated hub.verify_token',
        'hub.mode=subscribe&hub.challenge=1&hub.verify_token=verify-me&hub.verify_token=b',
      ],
      ['a repeated hub.challenge', 'hub.mode=subscribe&hub.challenge=1&hub.challenge=2&hub.verify_token=verify-me'],
      ['a repeated hub.mode', 'hub.mode=subscribe&hub.mode=subscribe&hub.challenge=1&hub.verify_token=verify-me'],
    ])("refuses Meta's handshake with %s as a wrong token (403 problem)", async (_case, query) => {
      const response = await sut.http().get(`/api/v1/webhooks/meta?${query}`).expect(403);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('refuses a Google push with a repeated token as unverified (401)', async () => {
      const body = { message: { messageId: 'g-repeated', data: '' }, subscription: 's' };
      await sut.http().post('/api/v1/webhooks/google?token=push-token&token=push-token').send(body).expect(401);
    });

    it('refuses a repeated or malformed RingCentral Validation-Token (400) and echoes a sane one', async () => {
      // Node joins a repeated header into one value: "a, b".
      await sut.http().post('/api/v1/webhooks/ringcentral').set('Validation-Token', 'a, b').expect(400);
      await sut.http().post('/api/v1/webhooks/ringcentral').set('Validation-Token', 'x'.repeat(2000)).expect(400);
      const ok = await sut.http().post('/api/v1/webhooks/ringcentral').set('Validation-Token', 'tok-1').expect(200);
      expect(ok.headers['validation-token']).toBe('tok-1');
    });

    it('stores a signed Meta delivery whose JSON escapes NUL and a lone surrogate, with its raw bytes', async () => {
      const body = String.raw`{"object":"page","entry":[{"id":"p-nul","time":1,"text":"a\u0000b \ud800 c\u00e9"}]}`;
      await postMeta(body).expect(200);
      const externalId = createHmac('sha256', 'meta-delivery').update(body).digest('hex');
      const [row] = await until(
        () =>
          db.query<{ status: string; raw_body: Buffer; text: string }[]>(
            "SELECT status, raw_body, payload #>> '{entry,0,text}' AS text FROM webhook_events WHERE external_id = $1",
            [externalId],
          ),
        (rows) => rows[0]?.status === 'ignored',
      );
      expect(row.raw_body.equals(Buffer.from(body))).toBe(true);
      expect(row.text).toBe('a\uFFFDb \uFFFD c\u00e9');
    });

    it('verifies before parsing: empty and non-JSON unsigned posts are 401, then 429', async () => {
      const statuses: number[] = [];
      for (const body of ['', 'not json', '{', '', 'x']) {
        const response = await sut
          .http()
          .post('/api/v1/webhooks/meta')
          .set('content-type', 'application/json')
          .send(body);
        statuses.push(response.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const withoutType = await sut.http().post('/api/v1/webhooks/stripe');
      expect(withoutType.status).toBe(401);
    });
  });
});
