import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { withTimeout } from '../../common/index.js';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';
import { QUEUES } from '../queue/queues.js';
import type { DomainEventJob } from './domain-event.js';
import { EventConsumerRegistry } from './event-consumer.registry.js';
import { domainEventJob, OUTBOX_ROW_COLUMNS, toPublishedEvent, type OutboxRow } from './outbox-row.js';

const BATCH_SIZE = 100;
const IDLE_POLL_MS = 500;
const ENQUEUE_TIMEOUT_MS = 5000;
const MAX_BACKOFF_MS = 30_000;

/**
 * Moves committed outbox rows to BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED, so any
 * number of relays (one per worker) share the work without taking the same row; the job id is
 * derived from the row id, so a row published twice (crash between enqueue and commit) is one job.
 * While Redis is down the rows simply stay pending and the relay backs off.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.domainEvents) private readonly queue: Queue<DomainEventJob>,
    private readonly consumers: EventConsumerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.outbox.relayEnabled) return;
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Publishes one batch; returns how many rows it published. */
  async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<OutboxRow[]>(
        `SELECT ${OUTBOX_ROW_COLUMNS} FROM outbox o WHERE o.published_at IS NULL
          ORDER BY o.sequence LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      if (rows.length === 0) return 0;
      const deliveries = rows.map((row) => ({
        row,
        consumers: this.consumers.forEvent(row.event_type).map((consumer) => consumer.name),
      }));
      const jobs = deliveries.flatMap(({ row, consumers }) => {
        const event = toPublishedEvent(row);
        return consumers.map((consumer) => domainEventJob(event, consumer));
      });
      if (jobs.length > 0) await withTimeout(this.queue.addBulk(jobs), ENQUEUE_TIMEOUT_MS, 'enqueueing outbox events');
      await manager.query(
        `UPDATE outbox o SET published_at = now(), attempts = o.attempts + 1, consumers = d.consumers
           FROM jsonb_to_recordset($1::jsonb) AS d(id uuid, consumers text[])
          WHERE o.id = d.id`,
        [JSON.stringify(deliveries.map(({ row, consumers }) => ({ id: row.id, consumers })))],
      );
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let published = 0;
      try {
        published = await this.relayBatch();
        if (failures > 0) this.logger.log('Outbox relay recovered');
        failures = 0;
      } catch (error) {
        failures += 1;
        if (failures === 1 || failures % 20 === 0) {
          this.logger.warn(`Outbox relay cannot publish (attempt ${failures}): ${(error as Error).message}`);
        }
      }
      // Shutdown may have begun while the batch ran: its wake-up call found no sleep to end.
      if (!this.running) break;
      if (published === BATCH_SIZE && failures === 0) continue;
      const delay = failures > 0 ? Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(failures, 7)) : IDLE_POLL_MS;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}
