import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { ProblemDetailsDto } from '../openapi/problem-details.dto.js';

/** Applies the Redis-backed rate limit to a route or controller; optional per-route limit. */
export function RateLimited(limit?: { limit: number; ttlMs: number }): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(ThrottlerGuard),
    ...(limit ? [Throttle({ default: { limit: limit.limit, ttl: limit.ttlMs } })] : []),
    ApiTooManyRequestsResponse({ description: 'Rate limit exceeded; see Retry-After.', type: ProblemDetailsDto }),
  );
}
