import { Processor, WorkerHost } from '@nestjs/bullmq';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { Job } from 'bullmq';
import { QUEUES } from '../queue/queues.js';
import { WebhookEventRepository } from './webhook-event.repository.js';
import { WebhookHandlerRegistry } from './webhook-handler.registry.js';
import type { WebhookJob } from './webhook-provider.js';

export type WebhookOutcome = 'processed' | 'ignored' | 'already_done';

/** The claim passed to a later one (a stalled job run again) while the handler ran: its work is undone. */
class ClaimLostError extends Error {}

/**
 * Turns a stored delivery into the owning module's work. One job at a time holds an event (an atomic
 * claim); the handler's work and `processed` commit in one transaction, which the handler's
 * `@Transactional()` commands join, and only while the claim is still this job's. Done events are
 * skipped; events no module handles yet are kept as `ignored` with the reason, never dropped;
 * failures retry with backoff and end as `failed`, replayable.
 */
@Processor(QUEUES.webhooks, { concurrency: 8 })
export class WebhooksProcessor extends WorkerHost {
  constructor(
    private readonly events: WebhookEventRepository,
    private readonly handlers: WebhookHandlerRegistry,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {
    super();
  }

  async process(job: Job<WebhookJob>): Promise<WebhookOutcome> {
    const claimed = await this.events.claim(job.data.webhookEventId, job.id ?? job.data.webhookEventId);
    if (!claimed) return 'already_done';
    const { event } = claimed;
    const fence = { id: event.id, attempt: claimed.attempt };
    const handler = this.handlers.find(event.provider, event.eventType);
    if (!handler) {
      const note = `no module handles ${event.provider} ${event.eventType} events yet`;
      return (await this.events.finish(fence, 'ignored', note)) ? 'ignored' : 'already_done';
    }
    try {
      await this.txHost.withTransaction(async () => {
        await handler.handle(event);
        if (!(await this.events.finish(fence, 'processed', null))) throw new ClaimLostError();
      });
    } catch (error) {
      if (error instanceof ClaimLostError) return 'already_done';
      await this.recordFailure(job, fence, error as Error);
      throw error;
    }
    return 'processed';
  }

  private async recordFailure(job: Job<WebhookJob>, fence: { id: string; attempt: number }, error: Error) {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await this.events.finish(fence, lastAttempt ? 'failed' : 'queued', error.message.slice(0, 1000));
  }
}
