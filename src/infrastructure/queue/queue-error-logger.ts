import { Logger } from '@nestjs/common';
import { Queue, type QueueOptions } from 'bullmq';
import { throttledWarning } from '../logging/throttled-warning.js';

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
