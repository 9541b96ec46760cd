import { Controller, Headers, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { decodeJwt } from 'jose';
import { ApiProblems, bearerTokenOf, DomainError, Roles } from '../../common/index.js';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';
import { queueSessionCookie } from './queue-dashboard.js';

/** Expiry (seconds since the epoch) of a JWT the global guard has already verified. */
function expiryOf(token: string): number | undefined {
  try {
    return decodeJwt(token).exp;
  } catch {
    return undefined;
  }
}

@ApiTags('operations')
@Controller('admin/queues')
export class QueueDashboardController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Post('session')
  @Roles('station_admin')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Open a browser session for the queue dashboard (HttpOnly cookie, expires with the access token)',
  })
  @ApiNoContentResponse()
  @ApiProblems()
  openSession(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): void {
    const token = bearerTokenOf(authorization);
    if (!token) throw new DomainError('unauthorized', 'A valid access token is required.');
    const ttl = this.config.auth.accessTokenTtlSeconds;
    const exp = expiryOf(token);
    // Wall-clock time, as the token's `exp` is (not the app Clock, which tests may move).
    const left = exp === undefined ? ttl : Math.min(ttl, exp - Date.now() / 1000);
    const secure = reply.request.protocol === 'https' || this.config.nodeEnv === 'production';
    void reply.header('set-cookie', queueSessionCookie(token, left, secure));
  }
}
