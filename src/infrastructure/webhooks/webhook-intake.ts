import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { withTimeout } from '../../common/index.js';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';
import { QUEUES } from '../queue/queues.js';
import type { VerifiedDelivery } from './webhook-verifiers.js';
import { WebhookEventRepository } from './webhook-event.repository.js';
import type { WebhookJob, WebhookProvider } from './webhook-provider.js';

const ENQUEUE_TIMEOUT_MS = 1000;

export interface IntakeResult {
  id: string | null;
  duplicate: boolean;
}

/**
 * Stores a verified delivery once and hands it to the queue. Storing is what must not fail; the
 * enqueue may (Redis down): the row then waits as `received` and the worker's requeuer sends it later.
 */
@Injectable()
export class WebhookIntake {
  private readonly logger = new Logger(WebhookIntake.name);

  constructor(
    private readonly events: WebhookEventRepository,
    @InjectQueue(QUEUES.webhooks) private readonly queue: Queue<WebhookJob>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async accept(
    provider: WebhookProvider,
    delivery: VerifiedDelivery,
    headers: Record<string, string>,
  ): Promise<IntakeResult> {
    const id = await this.events.insert({ provider, ...delivery, headers });
    if (!id) return { id: null, duplicate: true };
    try {
      await this.enqueue([id]);
    } catch (error) {
      this.logger.warn(
        `Webhook ${provider} ${delivery.externalId} stored; queueing deferred: ${(error as Error).message}`,
      );
    }
    return { id, duplicate: false };
  }

  /** Queues stored events (job id = event id, so queueing twice is one job) and marks them queued. */
  async enqueue(ids: string[], jobIdSuffix = ''): Promise<void> {
    await withTimeout(
      this.queue.addBulk(
        ids.map((id) => ({
          name: 'process',
          data: { webhookEventId: id },
          opts: {
            jobId: `${id}${jobIdSuffix}`,
            attempts: this.config.webhooks.maxAttempts,
            backoff: { type: 'exponential', delay: this.config.webhooks.backoffMs },
          },
        })),
      ),
      ENQUEUE_TIMEOUT_MS,
      'queueing webhook events',
    );
    await this.events.markQueued(ids);
  }
}
