import { Logger } from '@nestjs/common';
import { Queue, type QueueOptions } from 'bullmq';

/** One warning per 30 s and source: a Redis outage makes every connection report each retry. */
export function throttledWarning(logger: Logger, source: string): (error: Error) => void {
  let last = 0;
  return (error: Error) => {
    if (Date.now() - last < 30_000) return;
    last = Date.now();
    logger.warn(`${source}: ${error.message}`);
  };
}

/**
 * The queue class of the app: it logs its connection errors from construction on. Without an `error`
 * listener BullMQ prints each one to stderr, outside the JSON logs, and a listener attached later in
 * start-up misses the first ones.
 */
export class ErrorLoggingQueue extends Queue {
  constructor(name: string, opts: QueueOptions) {
    super(name, opts);
    this.on('error', throttledWarning(new Logger('Queues'), `queue ${name}`));
  }
}
