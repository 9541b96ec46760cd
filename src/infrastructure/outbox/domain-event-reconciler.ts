import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { withTimeout } from '../../common/index.js';
import { QUEUES } from '../queue/queues.js';
import { ScheduledTask } from '../scheduling/scheduled-task.js';
import type { DomainEventJob } from './domain-event.js';
import { domainEventJob, OUTBOX_ROW_COLUMNS, toPublishedEvent, type OutboxRow } from './outbox-row.js';

const INTERVAL_MS = 60_000;
/** Younger deliveries are most likely still queued or running. */
const MIN_AGE_SECONDS = 300;
/** Older ones are history: a delivery that failed for good waits for an operator, not for this. */
const MAX_AGE_DAYS = 7;
const BATCH_SIZE = 500;
const QUEUE_TIMEOUT_MS = 5000;

interface MissingDelivery extends OutboxRow {
  consumer: string;
}

/**
 * Re-sends published events whose job vanished from Redis before its consumer processed it (a
 * failover or a restart without persistence). A delivery counts as missing when its consumer has no
 * `processed_events` marker and BullMQ no longer knows its job id; re-adding under the same id is a
 * no-op for a job that still exists, so racing a live job is harmless.
 */
@Injectable()
export class DomainEventReconciler extends ScheduledTask {
  /**
   * Where the next run goes on: deliveries that failed for good also lack a marker (their failed job
   * is kept for an operator), so each run pages on instead of re-reading the same first batch.
   */
  private after = { sequence: '0', consumer: '' };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.domainEvents) private readonly queue: Queue<DomainEventJob>,
  ) {
    super(INTERVAL_MS, 'Outbox reconciliation');
  }

  protected runOnce(): Promise<unknown> {
    return this.reconcile();
  }

  /** Returns how many deliveries it re-sent. */
  async reconcile(): Promise<number> {
    const candidates = await this.dataSource.query<MissingDelivery[]>(
      `SELECT ${OUTBOX_ROW_COLUMNS}, c.consumer
         FROM outbox o CROSS JOIN LATERAL unnest(o.consumers) AS c(consumer)
        WHERE o.published_at < now() - make_interval(secs => $1)
          AND o.published_at > now() - make_interval(days => $2)
          AND (o.sequence, c.consumer) > ($4::bigint, $5::text)
          AND NOT EXISTS (SELECT 1 FROM processed_events p WHERE p.consumer = c.consumer AND p.event_id = o.id)
        ORDER BY o.sequence, c.consumer LIMIT $3`,
      [MIN_AGE_SECONDS, MAX_AGE_DAYS, BATCH_SIZE, this.after.sequence, this.after.consumer],
    );
    const last = candidates.at(-1);
    this.after =
      candidates.length < BATCH_SIZE || !last
        ? { sequence: '0', consumer: '' }
        : { sequence: String(last.sequence), consumer: last.consumer };
    let resent = 0;
    for (const row of candidates) {
      const job = domainEventJob(toPublishedEvent(row), row.consumer);
      if (await withTimeout(this.queue.getJob(job.opts.jobId), QUEUE_TIMEOUT_MS, 'looking up an event job')) continue;
      await withTimeout(this.queue.add(job.name, job.data, job.opts), QUEUE_TIMEOUT_MS, 're-sending an event job');
      resent += 1;
    }
    if (resent > 0) this.logger.warn(`Re-sent ${resent} event deliveries whose jobs were lost`);
    return resent;
  }
}
