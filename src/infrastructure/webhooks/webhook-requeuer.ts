import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '../scheduling/periodic-task.js';
import { WebhookEventRepository } from './webhook-event.repository.js';
import { WebhookIntake } from './webhook-intake.js';

const INTERVAL_MS = 2000;
const MIN_AGE_SECONDS = 2;

/**
 * Worker side of "Redis was down when the webhook arrived": events stored but never queued are
 * queued once Redis answers again. Job ids are event ids, so racing the API's own enqueue is harmless.
 */
@Injectable()
export class WebhookRequeuer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookRequeuer.name);
  private readonly schedule = new PeriodicTask(
    () => this.requeue(),
    INTERVAL_MS,
    (error) => this.logger.warn(`Webhook requeue failed: ${error.message}`),
  );

  constructor(
    private readonly events: WebhookEventRepository,
    private readonly intake: WebhookIntake,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.schedule.stop();
  }

  async requeue(): Promise<number> {
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
}
