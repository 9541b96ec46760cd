import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { withTimeout } from '../../common/index.js';
import { QUEUES, type QueueName } from './queues.js';

export const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
export type JobCounts = Record<(typeof JOB_STATES)[number], number>;

/** How many jobs each queue holds by state: what metrics and readiness report. */
@Injectable()
export class QueueDepths {
  constructor(private readonly moduleRef: ModuleRef) {}

  /**
   * All queues at once; a queue whose counts did not come back within `timeoutMs` is undefined. The
   * queue connection keeps an offline queue while Redis is down, so only a timeout ends the wait.
   */
  read(timeoutMs: number): Promise<[QueueName, JobCounts | undefined][]> {
    return Promise.all(
      Object.values(QUEUES).map(async (name): Promise<[QueueName, JobCounts | undefined]> => {
        const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
        const counts = await withTimeout(queue.getJobCounts(...JOB_STATES), timeoutMs, `${name} job counts`)
          .then((raw) => Object.fromEntries(JOB_STATES.map((state) => [state, raw[state] ?? 0])) as JobCounts)
          .catch(() => undefined);
        return [name, counts];
      }),
    );
  }
}
