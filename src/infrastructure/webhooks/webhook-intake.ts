import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DomainError, withTimeout } from '../../common/index.js';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';
import { QUEUES } from '../queue/queues.js';
import type { VerifiedDelivery } from './webhook-verifiers.js';
import { WebhookEventRepository } from './webhook-event.repository.js';
import type { WebhookJob, WebhookProvider } from './webhook-provider.js';

const ENQUEUE_TIMEOUT_MS = 1000;

/** Job states in which BullMQ will still run a job (or is running it). */
const PENDING_STATES = new Set(['active', 'waiting', 'delayed', 'prioritized', 'waiting-children']);

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
    received: { rawBody: Buffer; headers: Record<string, string> },
  ): Promise<IntakeResult> {
    const id = await this.events.insert({ provider, ...delivery, ...received });
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

  /**
   * Queues stored events (job id = event id, so queueing twice is one job) and marks the received
   * ones queued; events already further along keep their status.
   */
  async enqueue(ids: string[]): Promise<void> {
    await this.addJobs(ids.map((id) => ({ id, jobId: id })));
    await this.events.markQueued(ids);
  }

  /** Adds processing jobs; a queue that does not answer in time is `service_unavailable`. */
  async addJobs(jobs: { id: string; jobId: string }[]): Promise<void> {
    try {
      await withTimeout(
        this.queue.addBulk(
          jobs.map(({ id, jobId }) => ({
            name: 'process',
            data: { webhookEventId: id },
            opts: {
              jobId,
              attempts: this.config.webhooks.maxAttempts,
              backoff: { type: 'exponential', delay: this.config.webhooks.backoffMs },
            },
          })),
        ),
        ENQUEUE_TIMEOUT_MS,
        'queueing webhook events',
      );
    } catch (error) {
      throw new DomainError('service_unavailable', `The webhook queue is unavailable: ${(error as Error).message}`);
    }
  }

  /** Whether BullMQ still holds `jobId` to run (waiting, delayed, running); false for failed, done or unknown. */
  async isJobPending(jobId: string): Promise<boolean> {
    const state = await withTimeout(this.queue.getJobState(jobId), ENQUEUE_TIMEOUT_MS, 'reading a webhook job');
    return PENDING_STATES.has(state);
  }
}
