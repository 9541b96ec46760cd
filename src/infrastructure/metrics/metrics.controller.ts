import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, DomainError, Public, safeEqual } from '../../common/index.js';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';
import { MetricsService } from './metrics.service.js';

/** Prometheus text at /metrics (outside the API prefix); a bearer token is required when METRICS_TOKEN is set. */
@ApiTags('operations')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Prometheus metrics: runtime, HTTP latency, queue depths, outbox lag' })
  @ApiOkResponse({ description: 'Prometheus text exposition format' })
  @ApiProblems(401)
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const token = this.config.metrics.token;
    if (token && !safeEqual(authorization ?? '', `Bearer ${token}`)) {
      throw new DomainError('unauthorized', 'A valid metrics bearer token is required.');
    }
    void reply.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
