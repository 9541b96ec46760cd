import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';
import { throttledWarning } from '../logging/throttled-warning.js';

/** The shared command connection (rate limits, readiness). BullMQ opens its own connections. */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

export function createRedisClient(config: AppConfig, connectionName: string): Redis {
  const logger = new Logger('Redis');
  const client = new Redis(config.redis.url, {
    connectionName,
    lazyConnect: false,
    // Commands sent while the first connection is being made wait for it (start-up is not an outage);
    // once connected, commands fail at once while disconnected instead of queueing behind an outage.
    enableOfflineQueue: true,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
  });
  client.once('ready', () => {
    client.options.enableOfflineQueue = false;
  });
  // Reconnect loops emit an error per attempt; one line every 30 s is enough for the on-call.
  client.on('error', throttledWarning(logger, 'Redis connection problem'));
  return client;
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createRedisClient(config, `myhibachi-${config.role}`),
    },
  ],
  exports: [REDIS_CLIENT],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
