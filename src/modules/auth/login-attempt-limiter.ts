import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';
import { REDIS_CLIENT } from '../../infrastructure/redis/redis.module.js';
import { TooManyLoginAttemptsError } from './domain/auth.errors.js';

/**
 * Brute-force protection in Redis (shared by all replicas): per client IP (attempts per minute) and
 * per account (attempts since the last successful login, within a window). Keys are hashes, so no e-mail sits in Redis. Accounts are
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
      // The account attempt is counted before the password is checked, atomically, so parallel
      // guesses cannot all slip past the limit; a successful login resets the count. Each attempt
      // restarts the window: the lock lifts only after a quiet period.
      results = await this.redis
        .multi()
        .incr(ipKey)
        .expire(ipKey, 60, 'NX')
        .ttl(ipKey)
        .incr(accountKey)
        .expire(accountKey, this.config.auth.loginFailureWindowSeconds)
        .pttl(accountKey)
        .exec();
    } catch (error) {
      this.logger.warn(`Login limits skipped, Redis unavailable: ${(error as Error).message}`);
      return;
    }
    const value = (index: number): number => Number(results?.[index]?.[1] ?? 0);
    if (value(0) > loginMaxPerIpPerMinute) throw new TooManyLoginAttemptsError(Math.max(1, value(2)));
    if (value(3) > loginMaxFailures) throw new TooManyLoginAttemptsError(Math.max(1, value(5) / 1000));
  }

  async reset(normalisedEmail: string): Promise<void> {
    await this.redis.del(this.key('account', normalisedEmail)).catch(() => undefined);
  }
}
