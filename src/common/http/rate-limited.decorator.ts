import { applyDecorators, UseGuards } from '@nestjs/common';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { ApiProblemResponse } from '../openapi/api-problems.decorator.js';

/** Applies the Redis-backed rate limit to a route or controller; optional per-route limit. */
export function RateLimited(limit?: { limit: number; ttlMs: number }): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(ThrottlerGuard),
    ...(limit ? [Throttle({ default: { limit: limit.limit, ttl: limit.ttlMs } })] : []),
    ApiProblemResponse(429),
  );
}
