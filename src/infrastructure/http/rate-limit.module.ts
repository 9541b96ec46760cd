import { Module } from '@nestjs/common';
import { seconds, ThrottlerModule } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';
import { REDIS_CLIENT } from '../redis/redis.module.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';

/**
 * Rate limits are opt-in per route (`@RateLimited()`), not a global guard: a global guard cost a
 * hot read endpoint ~40 % of its throughput, and only login, public forms and webhooks need it.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, REDIS_CLIENT],
      useFactory: (config: AppConfig, redis: Redis) => ({
        throttlers: [{ name: 'default', ttl: seconds(config.rateLimit.ttlSeconds), limit: config.rateLimit.limit }],
        storage: new RedisThrottlerStorage(redis, config.redis.keyPrefix),
      }),
    }),
  ],
  exports: [ThrottlerModule],
})
export class RateLimitModule {}
