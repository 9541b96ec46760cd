import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { QUEUES } from '../queue/queues.js';
import type { DomainEventJob } from './domain-event.js';
import { EventConsumerRegistry, type RegisteredConsumer } from './event-consumer.registry.js';

/** Thrown while an earlier event of the same aggregate is still unprocessed; BullMQ retries later. */
export class EventOutOfOrderError extends Error {}

/**
 * An ordered event waits for its predecessor in short, growing steps of at most a second (about
 * 3 minutes in all); only then does waiting count as a failed attempt, retried with the queue's
 * backoff. The cap stays short because a chain of events that arrive together waits step by step:
 * with long steps, the sixth event of a burst would wait for tens of seconds.
 */
const ORDER_WAIT_MS = 100;
const ORDER_WAIT_MAX_MS = 1000;
const MAX_ORDER_WAITS = 200;

/**
 * Delivers one event to one consumer, exactly once in effect: the consumer's work and its
 * `processed_events` marker commit together, so a retried or duplicated job finds the marker and stops.
 */
@Processor(QUEUES.domainEvents, { concurrency: 8 })
export class DomainEventsProcessor extends WorkerHost {
  private readonly logger = new Logger(DomainEventsProcessor.name);

  constructor(
    private readonly consumers: EventConsumerRegistry,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {
    super();
  }

  async process(job: Job<DomainEventJob>, token?: string): Promise<'processed' | 'duplicate'> {
    const { consumer: name, event } = job.data;
    const consumer = this.consumers.get(name);
    if (!consumer) throw new UnrecoverableError(`No event consumer named "${name}"`);
    try {
      return await this.deliver(name, consumer, event);
    } catch (error) {
      const waits = job.data.orderWaits ?? 0;
      if (!(error instanceof EventOutOfOrderError) || waits >= MAX_ORDER_WAITS) throw error;
      // Waiting for an earlier event is not a failure: come back soon without spending an attempt.
      await job.updateData({ ...job.data, orderWaits: waits + 1 });
      await job.moveToDelayed(Date.now() + Math.min(ORDER_WAIT_MAX_MS, ORDER_WAIT_MS * 2 ** waits), token);
      throw new DelayedError();
    }
  }

  private deliver(
    name: string,
    consumer: RegisteredConsumer,
    event: DomainEventJob['event'],
  ): Promise<'processed' | 'duplicate'> {
    return this.txHost.withTransaction(async () => {
      const inserted = await this.txHost.tx.query<{ event_id: string }[]>(
        `INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [name, event.id],
      );
      if (inserted.length === 0) return 'duplicate';
      if (consumer.ordered)
        await this.assertEarlierEventsProcessed(
          name,
          consumer.events,
          event.aggregateType,
          event.aggregateId,
          event.sequence,
        );
      await consumer.instance.handle(event);
      return 'processed';
    });
  }

  private async assertEarlierEventsProcessed(
    consumer: string,
    events: readonly string[],
    aggregateType: string,
    aggregateId: string,
    sequence: string,
  ): Promise<void> {
    const pending = await this.txHost.tx.query<{ id: string }[]>(
      `SELECT o.id FROM outbox o
        WHERE o.aggregate_type = $1 AND o.aggregate_id = $2 AND o.sequence < $3 AND o.event_type = ANY($4::text[])
          -- Not yet published (another relay holds it), or published to this consumer: an event
          -- published before the consumer subscribed never comes, so it is not waited for. Rows
          -- published before consumers were recorded (NULL) are waited for, as they always were.
          AND (o.published_at IS NULL OR o.consumers IS NULL OR $5 = ANY(o.consumers))
          AND NOT EXISTS (SELECT 1 FROM processed_events p WHERE p.consumer = $5 AND p.event_id = o.id)
        LIMIT 1`,
      [aggregateType, aggregateId, sequence, events, consumer],
    );
    if (pending.length > 0) {
      this.logger.debug(`Event ${sequence} of ${aggregateType} ${aggregateId} waits for ${pending[0].id}`);
      throw new EventOutOfOrderError(`An earlier event of ${aggregateType} ${aggregateId} is not processed yet`);
    }
  }
}
