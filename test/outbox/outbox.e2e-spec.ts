import { jest } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import { CommandBus } from '@nestjs/cqrs';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { DomainEventReconciler } from '../../src/infrastructure/outbox/domain-event-reconciler.js';
import { EventConsumerRegistry } from '../../src/infrastructure/outbox/event-consumer.registry.js';
import { OutboxPruner } from '../../src/infrastructure/outbox/outbox-pruner.js';
import { OutboxRelay } from '../../src/infrastructure/outbox/outbox-relay.js';
import { QUEUES } from '../../src/infrastructure/queue/queues.js';
import {
  OutboxProbeModule,
  PROBE_TABLES,
  RecordThingCommand,
  TakeStepsCommand,
} from '../support/outbox-probe.module.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { until } from '../support/wait.js';

describe('transactional outbox', () => {
  let sut: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    sut = await createTestApp({ extraModules: [OutboxProbeModule] });
    db = sut.app.get(DataSource);
    await db.query(PROBE_TABLES);
  });
  afterAll(() => sut.close());

  const count = async (sql: string): Promise<number> => Number((await db.query<{ n: string }[]>(sql))[0].n);

  it('hands an ordered consumer the events of one aggregate in publication order', async () => {
    await sut.app.get(CommandBus).execute(new TakeStepsCommand('walker-1', 6));
    const steps = await until(
      () => db.query<{ step: number }[]>("SELECT step FROM probe_steps WHERE aggregate_id = 'walker-1' ORDER BY seq"),
      (rows) => rows.length === 6,
      30_000,
    );
    expect(steps.map((row) => row.step)).toEqual([1, 2, 3, 4, 5, 6]);
    // Waiting for a predecessor is not a failure: no job ended up failed.
    const failed = await sut.app.get<Queue>(getQueueToken(QUEUES.domainEvents)).getFailedCount();
    expect(failed).toBe(0);
  }, 45_000);

  it('publishes nothing for a command whose transaction rolled back', async () => {
    await expect(sut.app.get(CommandBus).execute(new RecordThingCommand('doomed', true))).rejects.toThrow(
      'fails after',
    );
    expect(await count("SELECT count(*) AS n FROM probe_things WHERE name = 'doomed'")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM outbox WHERE payload->>'name' = 'doomed'")).toBe(0);
  });

  it('delivers each committed event exactly once with two relays racing', async () => {
    // A second relay with its own connections, as in a second worker process.
    const secondDb = new DataSource(db.options);
    await secondDb.initialize();
    const appQueue = sut.app.get<Queue>(getQueueToken(QUEUES.domainEvents));
    const secondQueue = new Queue(QUEUES.domainEvents, {
      connection: { url: sut.config.redis.url },
      prefix: appQueue.opts.prefix,
    });
    const secondRelay = new OutboxRelay(secondDb, secondQueue as never, sut.app.get(EventConsumerRegistry), sut.config);
    // Every job id either relay hands to BullMQ: with rows claimed by SKIP LOCKED, none comes twice.
    const enqueued: string[] = [];
    const record = (queue: Queue) => {
      const addBulk = queue.addBulk.bind(queue);
      return jest.spyOn(queue, 'addBulk').mockImplementation((jobs) => {
        enqueued.push(...jobs.map((job) => job.opts?.jobId ?? ''));
        return addBulk(jobs);
      });
    };
    const spies = [record(appQueue), record(secondQueue)];
    try {
      const commandBus = sut.app.get(CommandBus);
      const names = Array.from({ length: 40 }, (_, index) => `thing-${index}`);
      await Promise.all([
        ...names.map((name) => commandBus.execute(new RecordThingCommand(name))),
        // Race the app's own relay while events are being committed.
        (async () => {
          for (let round = 0; round < 30; round += 1) await secondRelay.relayBatch();
        })(),
      ]);
      const effects = await until(
        () => count("SELECT count(*) AS n FROM probe_effects WHERE name LIKE 'thing-%'"),
        (n) => n >= names.length,
      );
      // Let any straggling duplicate surface before counting.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(effects).toBe(names.length);
      expect(await count("SELECT count(*) AS n FROM probe_effects WHERE name LIKE 'thing-%'")).toBe(names.length);
      expect(
        await count(
          'SELECT count(*) AS n FROM (SELECT event_id FROM probe_effects GROUP BY event_id HAVING count(*) > 1) d',
        ),
      ).toBe(0);
      // The relay marks a batch published after enqueuing it, so consumers can finish first.
      expect(
        await until(
          () => count('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL'),
          (n) => n === 0,
        ),
      ).toBe(0);
      const things = enqueued.filter((jobId) => jobId.endsWith('_probe.effects'));
      expect(things.length).toBeGreaterThanOrEqual(names.length);
      expect(new Set(things).size).toBe(things.length);
    } finally {
      for (const spy of spies) spy.mockRestore();
      await secondQueue.close();
      await secondDb.destroy();
    }
  });

  it('ignores a duplicate job for an event already processed', async () => {
    const id = await sut.app.get(CommandBus).execute(new RecordThingCommand('once'));
    await until(
      () => count("SELECT count(*) AS n FROM probe_effects WHERE name = 'once'"),
      (n) => n === 1,
    );
    const [row] = await db.query<{ id: string; sequence: string }[]>(
      'SELECT id, sequence FROM outbox WHERE aggregate_id = $1',
      [id],
    );
    const queue = sut.app.get<Queue>(getQueueToken(QUEUES.domainEvents));
    // A job with a new id, as if published again after its old job was cleaned up.
    const job = await queue.add('ThingRecorded', {
      consumer: 'probe.effects',
      event: {
        id: row.id,
        sequence: row.sequence,
        type: 'ThingRecorded',
        aggregateType: 'thing',
        aggregateId: id,
        payload: { name: 'once' },
        occurredAt: new Date().toISOString(),
      },
    });
    await until(
      async () => (await job.getState()) === 'completed',
      (done) => done,
    );
    expect(await job.getState()).toBe('completed');
    expect(await count("SELECT count(*) AS n FROM probe_effects WHERE name = 'once'")).toBe(1);
  });

  it('does not hold an ordered consumer back for an event published before it subscribed', async () => {
    // Published by an older release whose relay knew no consumer of StepTaken: no job ever came.
    await db.query(
      `INSERT INTO outbox (event_type, aggregate_type, aggregate_id, payload, published_at, consumers)
       VALUES ('StepTaken', 'walker', 'walker-legacy', '{"step": 0}', now(), '{}')`,
    );
    await sut.app.get(CommandBus).execute(new TakeStepsCommand('walker-legacy', 2));
    const steps = await until(
      () =>
        db.query<{ step: number }[]>("SELECT step FROM probe_steps WHERE aggregate_id = 'walker-legacy' ORDER BY seq"),
      (rows) => rows.length === 2,
      10_000,
    );
    expect(steps.map((row) => row.step)).toEqual([1, 2]);
  });

  it('re-sends a published delivery whose job Redis lost, once', async () => {
    const reconciler = sut.app.get(DomainEventReconciler);
    // Its own minute-by-minute run would race the calls below.
    await reconciler.onApplicationShutdown();
    const [{ id }] = await db.query<{ id: string }[]>(
      `INSERT INTO outbox (event_type, aggregate_type, aggregate_id, payload, published_at, consumers)
       VALUES ('ThingRecorded', 'thing', gen_random_uuid()::text, '{"name": "lost"}', now() - interval '10 minutes',
               '{probe.effects}')
       RETURNING id`,
    );
    expect(await reconciler.reconcile()).toBe(1);
    // While its job waits or runs, the delivery is not lost: nothing is sent twice.
    expect(await reconciler.reconcile()).toBe(0);
    await until(
      () => count("SELECT count(*) AS n FROM probe_effects WHERE name = 'lost'"),
      (n) => n === 1,
    );
    expect(await reconciler.reconcile()).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM probe_effects WHERE event_id = '${id}'`)).toBe(1);
  });

  it('prunes published events and markers past their retention, and nothing younger or pending', async () => {
    // Stopped, the relay leaves the old unpublished row as it is.
    const relay = sut.app.get(OutboxRelay);
    await relay.onApplicationShutdown();
    const insert = async (publishedDaysAgo: number | null): Promise<string> => {
      const [{ id }] = await db.query<{ id: string }[]>(
        `INSERT INTO outbox (event_type, aggregate_type, aggregate_id, payload, occurred_at, published_at, consumers)
         VALUES ('PrunedThing', 'thing', 'pruned', '{}', now() - make_interval(days => $1),
                 now() - make_interval(days => $1), '{}')
         RETURNING id`,
        [publishedDaysAgo ?? 40],
      );
      if (publishedDaysAgo === null) await db.query('UPDATE outbox SET published_at = NULL WHERE id = $1', [id]);
      await db.query(
        `INSERT INTO processed_events (consumer, event_id, processed_at)
         VALUES ('probe.old', $1, now() - make_interval(days => $2))`,
        [id, publishedDaysAgo ?? 0],
      );
      return id;
    };
    await insert(31);
    const young = await insert(29);
    const pending = await insert(null);
    try {
      await sut.app.get(OutboxPruner).prune();
    } finally {
      relay.onApplicationBootstrap();
    }
    const left = await db.query<{ id: string }[]>("SELECT id FROM outbox WHERE aggregate_id = 'pruned'");
    expect(left.map((row) => row.id).sort()).toEqual([young, pending].sort());
    const markers = await db.query<{ event_id: string }[]>(
      "SELECT event_id FROM processed_events WHERE consumer = 'probe.old'",
    );
    expect(markers.map((row) => row.event_id).sort()).toEqual([young, pending].sort());
  });
});
