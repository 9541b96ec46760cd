import { Controller, Headers, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, Roles } from '../../common/index.js';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';
import { QUEUE_DASHBOARD_PATH, QUEUE_SESSION_COOKIE } from './queue-dashboard.js';

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
  openSession(@Headers('authorization') authorization: string, @Res({ passthrough: true }) reply: FastifyReply): void {
    const token = authorization.replace(/^Bearer /, '');
    const secure = this.config.nodeEnv === 'production' ? '; Secure' : '';
    void reply.header(
      'set-cookie',
      `${QUEUE_SESSION_COOKIE}=${encodeURIComponent(token)}; Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${this.config.auth.accessTokenTtlSeconds}${secure}`,
    );
  }
}
