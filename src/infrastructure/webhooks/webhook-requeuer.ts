import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';
import { ScheduledTask } from '../scheduling/scheduled-task.js';
import { WebhookEventRepository, type InFlightWebhookEvent } from './webhook-event.repository.js';
import { WebhookIntake } from './webhook-intake.js';

const INTERVAL_MS = 2000;
const MIN_AGE_SECONDS = 2;
/** An in-flight event unchanged for this many queue lock durations is checked against its job. */
const STALE_LOCK_DURATIONS = 3;
const BATCH = 100;
/** Stuck events are only stale after minutes: looking for them on every 2 s tick would only cost Redis calls. */
const STUCK_CHECK_EVERY_TICKS = 15;

/**
 * Worker side of lost queue work. Events stored while Redis was down are queued once it answers
 * (job id = event id, so racing the API's own enqueue is harmless). Events stuck `queued` or
 * `processing` (their job stalled out, or its last status write failed) are queued again under a new
 * job id once their job is no longer pending in BullMQ: a failed job with the old id would make the
 * add a no-op.
 */
@Injectable()
export class WebhookRequeuer extends ScheduledTask {
  private readonly staleSeconds: number;
  private inFlightCursor: { position: string; id: string } | null = null;
  private ticks = 0;

  constructor(
    private readonly events: WebhookEventRepository,
    private readonly intake: WebhookIntake,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(INTERVAL_MS, 'Webhook requeue');
    this.staleSeconds = (STALE_LOCK_DURATIONS * config.queues.lockDurationMs) / 1000;
  }

  protected async runOnce(): Promise<unknown> {
    this.ticks += 1;
    if (this.ticks % STUCK_CHECK_EVERY_TICKS !== 0) return this.queueUnqueued();
    return this.requeue();
  }

  /** Queues what was lost; the number of events queued. */
  async requeue(): Promise<number> {
    return (await this.queueUnqueued()) + (await this.recoverStuck());
  }

  private async queueUnqueued(): Promise<number> {
    const ids = await this.events.listUnqueued(MIN_AGE_SECONDS, 500).catch(() => []);
    if (ids.length === 0) return 0;
    try {
      await this.intake.enqueue(ids);
      this.logger.log(`Queued ${ids.length} webhook event(s) stored while the queue was unreachable`);
      return ids.length;
    } catch (error) {
      this.logger.warn(`Webhook requeue waits for the queue: ${(error as Error).message}`);
      return 0;
    }
  }

  private async recoverStuck(): Promise<number> {
    const stuck = await this.events.listInFlight(this.staleSeconds, BATCH, this.inFlightCursor).catch(() => []);
    // Most in-flight events are only waiting in BullMQ (a backoff, a long queue): page past them, so
    // the stuck ones behind the first batch are reached too.
    const last = stuck.at(-1);
    this.inFlightCursor = stuck.length < BATCH || !last ? null : { position: last.position, id: last.id };
    let recovered = 0;
    for (const event of stuck) {
      try {
        if (await this.recover(event)) recovered += 1;
      } catch (error) {
        this.logger.warn(`Stuck webhook event ${event.id} waits for the queue: ${(error as Error).message}`);
        break;
      }
    }
    if (recovered > 0) this.logger.warn(`Queued ${recovered} stuck webhook event(s) again`);
    return recovered;
  }

  private async recover(event: InFlightWebhookEvent): Promise<boolean> {
    if (event.jobId !== null && (await this.intake.isJobPending(event.jobId))) return false;
    const jobId = `${event.id}_requeue_${Date.now()}`;
    // The job is added inside the transaction: if adding fails, the event stays as it was and is retried.
    return this.txHost.withTransaction(async () => {
      if (!(await this.events.takeOver(event, this.staleSeconds, jobId))) return false;
      await this.intake.addJobs([{ id: event.id, jobId }]);
      return true;
    });
  }
}
