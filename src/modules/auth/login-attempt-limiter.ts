import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';
import { REDIS_CLIENT } from '../../infrastructure/redis/redis.module.js';
import { TooManyLoginAttemptsError } from './domain/auth.errors.js';

/**
 * Brute-force protection in Redis (shared by all replicas): per client IP (attempts per minute) and
 * per account (failures within a window). Keys are hashes, so no e-mail sits in Redis. Accounts are
 * counted whether or not they exist, so a lockout reveals nothing.
 */
@Injectable()
export class LoginAttemptLimiter {
  private readonly logger = new Logger(LoginAttemptLimiter.name);

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private key(kind: 'ip' | 'account', value: string): string {
    return `${this.config.redis.keyPrefix}:login:${kind}:${createHash('sha256').update(value).digest('hex').slice(0, 32)}`;
  }

  /** Counts this attempt against the IP and refuses it when the IP or the account is over its limit. */
  async assertAllowed(normalisedEmail: string, ip: string): Promise<void> {
    const { loginMaxFailures, loginMaxPerIpPerMinute } = this.config.auth;
    const ipKey = this.key('ip', ip);
    const accountKey = this.key('account', normalisedEmail);
    let results: [Error | null, unknown][] | null;
    try {
      results = await this.redis
        .multi()
        .incr(ipKey)
        .expire(ipKey, 60, 'NX')
        .ttl(ipKey)
        .get(accountKey)
        .pttl(accountKey)
        .exec();
    } catch (error) {
      this.logger.warn(`Login limits skipped, Redis unavailable: ${(error as Error).message}`);
      return;
    }
    const value = (index: number): number => Number(results?.[index]?.[1] ?? 0);
    if (value(0) > loginMaxPerIpPerMinute) throw new TooManyLoginAttemptsError(Math.max(1, value(2)));
    if (value(3) >= loginMaxFailures) throw new TooManyLoginAttemptsError(Math.max(1, value(4) / 1000));
  }

  async recordFailure(normalisedEmail: string): Promise<void> {
    const key = this.key('account', normalisedEmail);
    await this.redis
      .multi()
      .incr(key)
      // Each failure restarts the window: the lock lifts only after a quiet period.
      .expire(key, this.config.auth.loginFailureWindowSeconds)
      .exec()
      .catch((error: Error) => this.logger.warn(`Could not count a failed login: ${error.message}`));
  }

  async reset(normalisedEmail: string): Promise<void> {
    await this.redis.del(this.key('account', normalisedEmail)).catch(() => undefined);
  }
}
