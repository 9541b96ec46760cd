import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { readOutboxBacklog } from '../outbox/outbox-backlog.js';
import { QUEUES } from '../queue/queues.js';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/**
 * Prometheus metrics of this process: runtime defaults, HTTP latency, and, read at scrape time,
 * queue depths and outbox lag (the backlog an on-call engineer looks at first).
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor(
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    collectDefaultMetrics({ register: this.registry });
    const queueJobs = new Gauge({
      name: 'queue_jobs',
      help: 'BullMQ jobs by queue and state',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      collect: async () => {
        for (const name of Object.values(QUEUES)) {
          const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
          const counts = await queue.getJobCounts(...JOB_STATES).catch(() => undefined);
          for (const state of JOB_STATES) if (counts) queueJobs.set({ queue: name, state }, counts[state] ?? 0);
        }
      },
    });
    const outboxPending = new Gauge({
      name: 'outbox_pending_events',
      help: 'Outbox events not yet published',
      registers: [this.registry],
    });
    const outboxLag = new Gauge({
      name: 'outbox_lag_seconds',
      help: 'Age of the oldest unpublished outbox event (0 when none)',
      registers: [this.registry],
      collect: async () => {
        const backlog = await readOutboxBacklog(this.dataSource).catch(() => undefined);
        if (!backlog) return;
        outboxPending.set(backlog.pending);
        outboxLag.set(backlog.lagSeconds);
      },
    });
  }
}
