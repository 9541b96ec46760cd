import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from './periodic-task.js';

/**
 * A worker's background safety net: `runOnce` every `intervalMs` from start-up until shutdown, never
 * two runs at once (see PeriodicTask). A failed run is logged; the next one tries again.
 */
export abstract class ScheduledTask implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private readonly schedule: PeriodicTask;

  protected constructor(intervalMs: number, what: string) {
    this.schedule = new PeriodicTask(
      () => this.runOnce(),
      intervalMs,
      (error) => this.logger.warn(`${what} failed: ${error.message}`),
    );
  }

  protected abstract runOnce(): Promise<unknown>;

  onApplicationBootstrap(): void {
    this.schedule.start();
  }

  /** Stops the schedule and waits for a run in progress. */
  onApplicationShutdown(): Promise<void> {
    return this.schedule.stop();
  }
}
