import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ScheduledTask } from '../scheduling/scheduled-task.js';

const INTERVAL_MS = 3_600_000;
/**
 * Well past the reconciler's 7 days and BullMQ's 24 h of completed jobs: by then no job can come
 * back for an event, so neither the row nor its consumers' markers are needed.
 */
const OUTBOX_RETENTION_DAYS = 30;
const BATCH_SIZE = 5000;

/** Deletes published events and processed markers past their retention, in small batches. */
@Injectable()
export class OutboxPruner extends ScheduledTask {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super(INTERVAL_MS, 'Outbox pruning');
  }

  protected runOnce(): Promise<unknown> {
    return this.prune();
  }

  /** Returns how many outbox rows and markers it deleted. */
  async prune(): Promise<{ events: number; markers: number }> {
    const events = await this.deleteInBatches(
      `DELETE FROM outbox WHERE id IN (
         SELECT id FROM outbox WHERE published_at < now() - make_interval(days => $1) LIMIT $2)`,
    );
    const markers = await this.deleteInBatches(
      `DELETE FROM processed_events WHERE (consumer, event_id) IN (
         SELECT consumer, event_id FROM processed_events WHERE processed_at < now() - make_interval(days => $1) LIMIT $2)`,
    );
    if (events + markers > 0) this.logger.log(`Pruned ${events} outbox events and ${markers} processed markers`);
    return { events, markers };
  }

  private async deleteInBatches(sql: string): Promise<number> {
    let total = 0;
    for (;;) {
      const [, deleted] = await this.dataSource.query<[unknown[], number]>(sql, [OUTBOX_RETENTION_DAYS, BATCH_SIZE]);
      total += deleted;
      if (deleted < BATCH_SIZE) return total;
    }
  }
}
