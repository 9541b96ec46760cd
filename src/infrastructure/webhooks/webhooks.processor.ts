import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QUEUES } from '../queue/queues.js';
import { WebhookEventRepository } from './webhook-event.repository.js';
import { WebhookHandlerRegistry } from './webhook-handler.registry.js';
import type { WebhookJob } from './webhook-provider.js';

export type WebhookOutcome = 'processed' | 'ignored' | 'already_done';

/**
 * Turns a stored delivery into the owning module's work. Done events are skipped (duplicates and
 * replays of finished work are harmless); events no module handles yet are kept as `ignored` with
 * the reason, never dropped; failures retry with backoff and end as `failed`, replayable.
 */
@Processor(QUEUES.webhooks, { concurrency: 8 })
export class WebhooksProcessor extends WorkerHost {
  constructor(
    private readonly events: WebhookEventRepository,
    private readonly handlers: WebhookHandlerRegistry,
  ) {
    super();
  }

  async process(job: Job<WebhookJob>): Promise<WebhookOutcome> {
    const event = await this.events.startProcessing(job.data.webhookEventId);
    if (!event) return 'already_done';
    const handler = this.handlers.find(event.provider, event.eventType);
    if (!handler) {
      await this.events.finish(
        event.id,
        'ignored',
        `no module handles ${event.provider} ${event.eventType} events yet`,
      );
      return 'ignored';
    }
    try {
      await handler.handle(event);
    } catch (error) {
      const message = (error as Error).message.slice(0, 1000);
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (lastAttempt) await this.events.finish(event.id, 'failed', message);
      else await this.events.recordRetry(event.id, message);
      throw error;
    }
    await this.events.finish(event.id, 'processed', null);
    return 'processed';
  }
}
