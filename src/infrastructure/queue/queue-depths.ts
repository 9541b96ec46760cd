import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { withTimeout } from '../../common/index.js';
import { QUEUES, type QueueName } from './queues.js';

export const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
type JobCounts = Record<(typeof JOB_STATES)[number], number>;

/** How many jobs each queue holds by state: what metrics and readiness report. */
@Injectable()
export class QueueDepths {
  constructor(private readonly moduleRef: ModuleRef) {}

  /**
   * All queues at once; a queue whose connection is not up, or whose counts did not come back within
   * `timeoutMs`, is undefined.
   */
  read(timeoutMs: number): Promise<[QueueName, JobCounts | undefined][]> {
    return Promise.all(
      Object.values(QUEUES).map(async (name): Promise<[QueueName, JobCounts | undefined]> => {
        const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
        // Asked while Redis is down, the count would wait in the client's offline queue and, with
        // every probe and scrape adding one, all of them would hit Redis the moment it is back.
        const client = await withTimeout(queue.getBackend().client, timeoutMs, `${name} connection`).catch(
          () => undefined,
        );
        if (client?.status !== 'ready') return [name, undefined];
        const counts = await withTimeout(queue.getJobCounts(...JOB_STATES), timeoutMs, `${name} job counts`)
          .then((raw) => Object.fromEntries(JOB_STATES.map((state) => [state, raw[state] ?? 0])) as JobCounts)
          .catch(() => undefined);
        return [name, counts];
      }),
    );
  }
}
