import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';
import { QueueDashboardController } from './queue-dashboard.controller.js';
import { QueueErrorLogger } from './queue-error-logger.js';
import { QUEUES } from './queues.js';

const queueRegistrations = Object.values(QUEUES).map((name) => BullModule.registerQueue({ name }));

/**
 * The BullMQ connection shared by every queue. The prefix carries a hash tag so that all keys of
 * a queue land in one slot when Redis runs as a cluster.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        prefix: `{${config.redis.keyPrefix}}`,
        connection: { url: config.redis.url, maxRetriesPerRequest: null },
        defaultJobOptions: {
          attempts: 8,
          backoff: { type: 'exponential', delay: 2000 },
          removeOnComplete: { age: 24 * 3600, count: 10_000 },
          removeOnFail: false,
        },
      }),
    }),
    ...queueRegistrations,
  ],
  controllers: [QueueDashboardController],
  providers: [QueueErrorLogger],
  exports: queueRegistrations,
})
export class QueueModule {}
