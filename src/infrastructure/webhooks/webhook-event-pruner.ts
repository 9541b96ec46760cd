import { Injectable } from '@nestjs/common';
import { ScheduledTask } from '../scheduling/scheduled-task.js';
import { WebhookEventRepository } from './webhook-event.repository.js';

const INTERVAL_MS = 3_600_000;
/**
 * Settled deliveries (with raw bodies of up to a few MB) are kept this long for support questions and
 * replays, then deleted; providers stop retrying within days (Stripe 3, Meta 7).
 */
const WEBHOOK_RETENTION_DAYS = 90;
const BATCH_SIZE = 1000;

/** Deletes processed and ignored webhook events past their retention, in small batches. */
@Injectable()
export class WebhookEventPruner extends ScheduledTask {
  constructor(private readonly events: WebhookEventRepository) {
    super(INTERVAL_MS, 'Webhook event pruning');
  }

  protected runOnce(): Promise<unknown> {
    return this.prune();
  }

  async prune(): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await this.events.deleteSettled(WEBHOOK_RETENTION_DAYS, BATCH_SIZE);
      total += deleted;
      if (deleted < BATCH_SIZE) break;
    }
    if (total > 0) this.logger.log(`Pruned ${total} settled webhook events`);
    return total;
  }
}
