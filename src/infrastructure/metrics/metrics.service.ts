import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { withTimeout } from '../../common/index.js';
import { readOutboxBacklog, type OutboxBacklog } from '../outbox/outbox-backlog.js';
import { JOB_STATES, QueueDepths } from '../queue/queue-depths.js';

/** Each dependency read of a scrape gives up after this long, so a scrape never outlives Prometheus's timeout. */
const READ_TIMEOUT_MS = 1500;

/**
 * One read shared by every gauge collected while it is in flight: prom-client collects gauges in
 * parallel, so two gauges fed by the same query each await the same scrape's answer.
 */
function sharedRead<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => {
    inFlight ??= read().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}

/**
 * Prometheus metrics of this process: runtime defaults, HTTP latency, and, read at scrape time,
 * queue depths and outbox lag (the backlog an on-call engineer looks at first). A dependency that
 * does not answer in time leaves its gauges absent (queues) or NaN (outbox) and raises its `*_scrape_error` gauge.
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

  private readonly readQueues = sharedRead(() => this.queueDepths.read(READ_TIMEOUT_MS));

  private readonly readOutbox = sharedRead((): Promise<OutboxBacklog | undefined> =>
    withTimeout(readOutboxBacklog(this.dataSource), READ_TIMEOUT_MS, 'outbox backlog').catch(() => undefined),
  );

  constructor(
    private readonly queueDepths: QueueDepths,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    collectDefaultMetrics({ register: this.registry });
    const queueJobs = new Gauge({
      name: 'queue_jobs',
      help: 'BullMQ jobs by queue and state (absent for a queue whose counts could not be read)',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      collect: async () => {
        for (const [queue, counts] of await this.readQueues()) {
          for (const state of JOB_STATES) {
            if (counts) queueJobs.set({ queue, state }, counts[state]);
            else queueJobs.remove({ queue, state });
          }
        }
      },
    });
    const queueScrapeError = new Gauge({
      name: 'queue_scrape_error',
      help: '1 when the job counts of a queue could not be read from Redis in this scrape',
      labelNames: ['queue'] as const,
      registers: [this.registry],
      collect: async () => {
        for (const [queue, counts] of await this.readQueues()) queueScrapeError.set({ queue }, counts ? 0 : 1);
      },
    });
    const outboxPending = new Gauge({
      name: 'outbox_pending_events',
      help: 'Outbox events not yet published',
      registers: [this.registry],
      collect: async () => {
        const backlog = await this.readOutbox();
        outboxPending.set(backlog ? backlog.pending : NaN);
      },
    });
    const outboxLag = new Gauge({
      name: 'outbox_lag_seconds',
      help: 'Age of the oldest unpublished outbox event (0 when none)',
      registers: [this.registry],
      collect: async () => {
        const backlog = await this.readOutbox();
        outboxLag.set(backlog ? backlog.lagSeconds : NaN);
      },
    });
    const outboxScrapeError = new Gauge({
      name: 'outbox_scrape_error',
      help: '1 when the outbox backlog could not be read from PostgreSQL in this scrape',
      registers: [this.registry],
      collect: async () => {
        outboxScrapeError.set((await this.readOutbox()) ? 0 : 1);
      },
    });
  }
}
