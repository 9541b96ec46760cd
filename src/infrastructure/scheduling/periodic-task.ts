/**
 * Runs a background task every `intervalMs` in this process, never two runs at once. For the
 * worker's safety nets (re-queue what a Redis outage left behind, expire lapsed holds): each run
 * must be idempotent, since every worker replica runs its own.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly task: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly onError: (error: Error) => void,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => {
      this.running ??= this.task()
        .then(() => undefined)
        .catch((error: unknown) => this.onError(error as Error))
        .finally(() => {
          this.running = undefined;
        });
    }, this.intervalMs);
  }

  /** Stops the schedule and waits for a run in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
