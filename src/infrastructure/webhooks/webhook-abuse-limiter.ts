import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { DomainError } from '../../common/index.js';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';
import { REDIS_CLIENT } from '../redis/redis.module.js';
import type { WebhookProvider } from './webhook-provider.js';

/**
 * Rate limit for webhook endpoints that never drops a genuine provider's burst: only deliveries
 * that fail verification are counted, per provider and client IP, and only they are refused with
 * 429 once over the limit. Verification itself is cheap (an HMAC), so it always runs first.
 */
@Injectable()
export class WebhookAbuseLimiter {
  private readonly logger = new Logger(WebhookAbuseLimiter.name);

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Always throws: 401 for a failed verification, 429 when this IP has failed too often. */
  async refuse(provider: WebhookProvider, ip: string): Promise<never> {
    const key = `${this.config.redis.keyPrefix}:webhook-failures:${provider}:${ip}`;
    const counts = await this.redis
      .multi()
      .incr(key)
      .expire(key, 60, 'NX')
      .ttl(key)
      .exec()
      .catch((error: Error) => {
        this.logger.warn(`Webhook failure counting skipped, Redis unavailable: ${error.message}`);
        return null;
      });
    const failures = Number(counts?.[0]?.[1] ?? 0);
    if (failures > this.config.webhooks.maxFailuresPerMinute) {
      throw new DomainError('rate_limited', `Too many unverifiable ${provider} webhooks from this address.`, {
        retryAfterSeconds: Math.max(1, Number(counts?.[2]?.[1] ?? 60)),
      });
    }
    throw new DomainError('unauthorized', `The ${provider} webhook could not be verified.`);
  }
}
