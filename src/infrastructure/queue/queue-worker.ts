import { Logger } from '@nestjs/common';
import { Worker, type Processor, type WorkerOptions } from 'bullmq';
import type { AppConfig } from '../../config/index.js';
import { throttledWarning } from '../logging/throttled-warning.js';

/**
 * The worker class @nestjs/bullmq builds every `@Processor`'s worker from, so that the configured lock
 * and stalled-job timing applies to all of them (a processor's own options still win) and every worker
 * logs its connection errors, throttled, in the JSON logs.
 */
export function configuredWorkerClass({ lockDurationMs, stalledIntervalMs }: AppConfig['queues']): typeof Worker {
  return class ConfiguredWorker extends Worker {
    constructor(name: string, processor: Processor | undefined, opts: WorkerOptions) {
      super(name, processor, { lockDuration: lockDurationMs, stalledInterval: stalledIntervalMs, ...opts });
      // Listening from construction on: an `error` event without a listener would reach stderr.
      this.on('error', throttledWarning(new Logger('Queues'), `worker ${name}`));
    }
  };
}
