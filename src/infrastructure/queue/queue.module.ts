import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';
import { QueueDashboardController } from './queue-dashboard.controller.js';
import { QueueDepths } from './queue-depths.js';
import { ErrorLoggingQueue } from './queue-error-logger.js';
import { QueueLifecycle } from './queue-lifecycle.js';
import { configuredWorkerClass } from './queue-worker.js';
import { QUEUES } from './queues.js';

// Read by registerQueue below: every queue logs its connection errors from birth.
BullModule.queueClass = ErrorLoggingQueue;
const queueRegistrations = Object.values(QUEUES).map((name) => BullModule.registerQueue({ name }));

@Module({ imports: [DiscoveryModule], providers: [QueueLifecycle], exports: [QueueLifecycle] })
class QueueLifecycleModule {}

/**
 * The BullMQ connection shared by every queue. The prefix carries a hash tag so that all keys of
 * a queue land in one slot when Redis runs as a cluster.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      imports: [QueueLifecycleModule],
      inject: [APP_CONFIG, QueueLifecycle],
      useFactory: (config: AppConfig, lifecycle: QueueLifecycle) => {
        // Workers are built when the module initialises, after this factory: all get the configured timing.
        BullModule.workerClass = configuredWorkerClass(config.queues);
        return {
          prefix: `{${config.redis.keyPrefix}}`,
          connection: { url: config.redis.url, maxRetriesPerRequest: null, retryStrategy: lifecycle.retryStrategy },
          defaultJobOptions: {
            attempts: 8,
            backoff: { type: 'exponential', delay: 2000 },
            removeOnComplete: { age: 24 * 3600, count: 10_000 },
            removeOnFail: false,
          },
        };
      },
    }),
    ...queueRegistrations,
  ],
  controllers: [QueueDashboardController],
  providers: [QueueDepths],
  exports: [...queueRegistrations, QueueDepths],
})
export class QueueModule {}
