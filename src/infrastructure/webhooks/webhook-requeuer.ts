import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
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
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly events: WebhookEventRepository,
    private readonly intake: WebhookIntake,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.requeue()
        .then(() => undefined)
        .finally(() => {
          this.running = undefined;
        });
    }, INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
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
