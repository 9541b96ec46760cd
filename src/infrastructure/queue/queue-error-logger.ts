import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { QUEUES } from './queues.js';

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
 * Listens to every queue's `error` event: without a listener BullMQ prints each reconnect failure
 * to stderr, outside the JSON logs.
 */
@Injectable()
export class QueueErrorLogger implements OnModuleInit {
  private readonly logger = new Logger('Queues');

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of Object.values(QUEUES)) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      queue.on('error', throttledWarning(this.logger, `queue ${name}`));
    }
  }
}
