import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { CommonModule, ProblemDetailsFilter } from './common/index.js';
import { AppConfigModule, type AppConfig } from './config/index.js';
import { DatabaseModule } from './infrastructure/database/database.module.js';
import { HealthModule } from './infrastructure/health/health.module.js';
import { IdempotencyWorkerModule } from './infrastructure/http/idempotency-worker.module.js';
import { RateLimitModule } from './infrastructure/http/rate-limit.module.js';
import { LoggingModule } from './infrastructure/logging/logging.module.js';
import { MetricsModule } from './infrastructure/metrics/metrics.module.js';
import { OutboxWorkerModule } from './infrastructure/outbox/outbox-worker.module.js';
import { OutboxModule } from './infrastructure/outbox/outbox.module.js';
import { QueueModule } from './infrastructure/queue/queue.module.js';
import { RedisModule } from './infrastructure/redis/redis.module.js';
import { WebhooksWorkerModule } from './infrastructure/webhooks/webhooks-worker.module.js';
import { WebhooksModule } from './infrastructure/webhooks/webhooks.module.js';
import { ChannelsModule } from './infrastructure/channels/index.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { BookingsWorkerModule } from './modules/bookings/bookings-worker.module.js';
import { BookingsModule } from './modules/bookings/bookings.module.js';
import { NotificationsWorkerModule } from './modules/notifications/notifications-worker.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { StationsModule } from './modules/stations/stations.module.js';

/** Feature modules: each owns its controllers, handlers, entities and processors. */
const FEATURE_MODULES: DynamicModule['imports'] = [
  AuthModule,
  StationsModule,
  AuditModule,
  NotificationsModule,
  BookingsModule,
];

/** Modules that only the worker role runs (processors, outbox relay, schedulers). */
const WORKER_MODULES: DynamicModule['imports'] = [
  OutboxWorkerModule,
  WebhooksWorkerModule,
  NotificationsWorkerModule,
  BookingsWorkerModule,
  IdempotencyWorkerModule,
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, extra: DynamicModule['imports'] = []): DynamicModule {
    const runsWorkers = config.role === 'worker' || config.role === 'all';
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        CommonModule,
        LoggingModule,
        DatabaseModule,
        RedisModule,
        QueueModule,
        OutboxModule,
        RateLimitModule,
        CqrsModule.forRoot(),
        HealthModule,
        MetricsModule,
        WebhooksModule,
        ChannelsModule,
        ...(FEATURE_MODULES ?? []),
        ...(runsWorkers ? (WORKER_MODULES ?? []) : []),
        ...extra,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
