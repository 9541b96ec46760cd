import { IdempotencyKeyPurger } from '../../src/infrastructure/http/idempotency-key-purger.js';
import { randomUUID } from 'node:crypto';
import type supertest from 'supertest';
import { DataSource } from 'typeorm';
import { IdempotencyInterceptor } from '../../src/infrastructure/http/idempotency.interceptor.js';
import { Factories } from '../support/factories.js';
import { IDEMPOTENCY_PROBE_TABLE, IdempotencyProbeModule, probeOrders } from '../support/idempotency-probe.module.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PROBLEM = /^application\/problem\+json/;
const ORDERS = '/api/v1/probe/orders';
const MEMBER_ORDERS = '/api/v1/probe/member-orders';
/** Short, so a request stuck behind a slow one with its key gives up within the test. */
const STATEMENT_TIMEOUT_MS = 2_000;

describe(IdempotencyInterceptor.name, () => {
  let sut: TestApp;
  let db: DataSource;
  let factories: Factories;

  beforeAll(async () => {
    sut = await createTestApp({
      extraModules: [IdempotencyProbeModule],
      env: { DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS) },
    });
    db = sut.app.get(DataSource);
    factories = new Factories(sut);
    await db.query(IDEMPOTENCY_PROBE_TABLE);
  });
  afterEach(() => {
    probeOrders.failing = false;
    probeOrders.delayMs = 0;
  });
  afterAll(() => sut.close());

  const place = (body: object, key?: string, path = ORDERS): supertest.Test => {
    const request = sut.http().post(path).send(body);
    return key === undefined ? request : request.set('Idempotency-Key', key);
  };
  const ordersOf = async (item: string): Promise<number> =>
    Number((await db.query<{ n: string }[]>('SELECT count(*) AS n FROM probe_orders WHERE item = $1', [item]))[0].n);
  const keyRows = (key: string) =>
    db.query<{ scope: string; response_status: number; response_body: unknown }[]>(
      'SELECT scope, response_status, response_body FROM idempotency_keys WHERE key = $1 ORDER BY scope',
      [key],
    );
  const uniqueItem = (): string => `item-${randomUUID()}`;

  it('replays the first response for the same key and body, without running the handler again', async () => {
    const key = randomUUID();
    const body = { item: uniqueItem(), quantity: 2 };

    const first = await place(body, key).expect(201);
    const second = await place(body, key).expect(201);

    expect(first.body).toEqual({ id: expect.any(String), item: body.item });
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await ordersOf(body.item)).toBe(1);
    expect(await keyRows(key)).toEqual([
      { scope: 'POST /api/v1/probe/orders:anonymous', response_status: 201, response_body: first.body },
    ]);
  });

  it('commits the key and the handler change in one transaction', async () => {
    const key = randomUUID();
    const body = { item: uniqueItem(), quantity: 1 };
    const { body: order } = await place(body, key).expect(201);

    const [row] = await db.query<{ order_xid: string; key_xid: string }[]>(
      `SELECT (SELECT xmin::text FROM probe_orders WHERE id = $1) AS order_xid,
              (SELECT xmin::text FROM idempotency_keys WHERE key = $2) AS key_xid`,
      [order.id, key],
    );
    expect(row.order_xid).toBe(row.key_xid);
  });

  it('treats the same body with its keys in another order as the same request', async () => {
    const key = randomUUID();
    const item = uniqueItem();
    const first = await place({ item, quantity: 3 }, key).expect(201);
    const second = await place({ quantity: 3, item }, key).expect(201);

    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await ordersOf(item)).toBe(1);
  });

  it('answers 422 problem+json when the key is reused with a different body', async () => {
    const key = randomUUID();
    const item = uniqueItem();
    await place({ item, quantity: 1 }, key).expect(201);

    const response = await place({ item, quantity: 5 }, key).expect(422);

    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    expect(await ordersOf(item)).toBe(1);
  });

  it('runs the handler once for 20 concurrent requests with one key', async () => {
    const key = randomUUID();
    const body = { item: uniqueItem(), quantity: 1 };

    const responses = await Promise.all(Array.from({ length: 20 }, () => place(body, key)));

    expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 20 }, () => 201));
    expect(new Set(responses.map((response) => response.body.id as string)).size).toBe(1);
    expect(responses.filter((response) => response.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    expect(await ordersOf(body.item)).toBe(1);
  });

  it('rolls back the change and frees the key when the handler fails', async () => {
    const key = randomUUID();
    const body = { item: uniqueItem(), quantity: 1 };
    probeOrders.failing = true;

    const failed = await place(body, key).expect(409);

    expect(failed.body).toMatchObject({ code: 'conflict' });
    expect(await ordersOf(body.item)).toBe(0);
    expect(await keyRows(key)).toEqual([]);

    probeOrders.failing = false;
    const retried = await place(body, key).expect(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(await ordersOf(body.item)).toBe(1);
  });

  it('does not claim the key for a body that fails validation', async () => {
    const key = randomUUID();
    const item = uniqueItem();
    await place({ item, quantity: 0 }, key).expect(400);

    await place({ item, quantity: 1 }, key).expect(201);
    expect(await ordersOf(item)).toBe(1);
  });

  it('keeps the keys of different callers apart', async () => {
    const [ann, bob] = [await factories.user(), await factories.user()];
    const [annAuth, bobAuth] = [(await factories.login(ann.email)).bearer, (await factories.login(bob.email)).bearer];
    const key = randomUUID();
    const body = { item: uniqueItem(), quantity: 1 };
    const asMember = (bearer: string) => place(body, key, MEMBER_ORDERS).set('Authorization', bearer);

    const annFirst = await asMember(annAuth).expect(200);
    const bobFirst = await asMember(bobAuth).expect(200);
    const annAgain = await asMember(annAuth).expect(200);
    const anonymous = await place(body, key).expect(201);

    expect(bobFirst.body.id).not.toBe(annFirst.body.id);
    expect(bobFirst.headers['idempotent-replayed']).toBeUndefined();
    expect(annAgain.body).toEqual(annFirst.body);
    expect(annAgain.headers['idempotent-replayed']).toBe('true');
    expect(anonymous.headers['idempotent-replayed']).toBeUndefined();
    expect(await ordersOf(body.item)).toBe(3);
    const scopes = (await keyRows(key)).map((row) => `${row.scope} -> ${row.response_status}`).sort();
    expect(scopes).toEqual(
      [
        `POST /api/v1/probe/member-orders:${ann.id} -> 200`,
        `POST /api/v1/probe/member-orders:${bob.id} -> 200`,
        'POST /api/v1/probe/orders:anonymous -> 201',
      ].sort(),
    );
  });

  it.each([
    ['longer than 255 characters', 'k'.repeat(300), 'must be at most 255 characters'],
    ['empty', '', 'must not be empty'],
    ['not ASCII', 'clé-1', 'must contain only printable ASCII characters'],
  ])('answers 400 for a key that is %s', async (_case, key, message) => {
    const item = uniqueItem();
    const response = await place({ item, quantity: 1 }, key).expect(400);

    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body).toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'Idempotency-Key', messages: [message] }],
    });
    expect(await ordersOf(item)).toBe(0);
  });

  it('runs every request without a key', async () => {
    const body = { item: uniqueItem(), quantity: 1 };
    const first = await place(body).expect(201);
    const second = await place(body).expect(201);

    expect(second.body.id).not.toBe(first.body.id);
    expect(await ordersOf(body.item)).toBe(2);
  });

  it('answers 409 to a duplicate that waited too long for the first request, which still completes', async () => {
    const key = randomUUID();
    const body = { item: uniqueItem(), quantity: 1 };
    probeOrders.delayMs = STATEMENT_TIMEOUT_MS + 1_000;

    // then() sends it now; it holds the key while its handler sleeps.
    const held = new Promise<void>((resolve) => (probeOrders.onHold = resolve));
    const first = place(body, key).then((response) => response);
    await held;
    probeOrders.onHold = undefined;
    const duplicate = await place(body, key).expect(409);

    expect(duplicate.body).toMatchObject({ code: 'idempotency_key_in_progress' });
    expect((await first).status).toBe(201);
    probeOrders.delayMs = 0;
    const retried = await place(body, key).expect(201);
    expect(retried.body).toEqual((await first).body);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(await ordersOf(body.item)).toBe(1);
  });

  it('purges keys past their 24 hours, with the responses they hold, and keeps the fresh ones', async () => {
    await db.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body, created_at)
       VALUES ('purge-test', 'old', 'h', 201, '{"manageToken":"secret"}', now() - interval '25 hours'),
              ('purge-test', 'fresh', 'h', 201, '{}', now() - interval '23 hours')`,
    );
    expect(await sut.app.get(IdempotencyKeyPurger).purge()).toBeGreaterThanOrEqual(1);
    const left = await db.query<{ key: string }[]>("SELECT key FROM idempotency_keys WHERE scope = 'purge-test'");
    expect(left.map((row) => row.key)).toEqual(['fresh']);
  });
});
