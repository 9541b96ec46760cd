import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Worker } from 'bullmq';
import { withTimeout } from '../../common/index.js';

const MAX_RECONNECT_DELAY_MS = 2000;
const POLL_MS = 100;

/**
 * How BullMQ's Redis connections behave around an outage and at shutdown. While running they retry
 * forever, at most every 2 s. Once shutdown starts they stop retrying, so a connection to an
 * unreachable Redis ends (failing what waits on it) instead of holding the exit until the timeout.
 * Nothing is lost by stopping: jobs live in Redis, and outbox rows stay unpublished in PostgreSQL.
 */
@Injectable()
export class QueueLifecycle implements BeforeApplicationShutdown {
  private stopping = false;

  constructor(private readonly discovery: DiscoveryService) {}

  /** ioredis `retryStrategy` of every BullMQ connection: a delay in ms, or null to give up. */
  readonly retryStrategy = (attempt: number): number | null =>
    this.stopping ? null : Math.min(attempt * 200, MAX_RECONNECT_DELAY_MS);

  /** Runs before the HTTP server drains and before @nestjs/bullmq closes workers and queues. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.workers().map((worker) => this.stopWorker(worker)));
  }

  /**
   * Running jobs may finish while Redis answers. Without Redis there is no point waiting (a job's
   * result cannot be recorded, and BullMQ's own close would wait for a reconnect that never comes):
   * the worker is closed at once, and an unfinished job runs again once its lock expires.
   */
  private async stopWorker(worker: Worker): Promise<void> {
    const paused = worker.pause().then(
      () => true,
      () => true,
    );
    while (await this.reachable(worker)) {
      if (await withTimeout(paused, POLL_MS, 'pausing a worker').catch(() => false)) break;
    }
    await worker.close(true);
  }

  private async reachable(worker: Worker): Promise<boolean> {
    const client = await withTimeout(worker.getBackend().client, POLL_MS, 'a worker connection').catch(() => undefined);
    return client?.status === 'ready';
  }

  private workers(): Worker[] {
    return this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((host) => host.worker);
  }
}
