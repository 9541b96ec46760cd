import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
} from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { ApiProblems, ServiceNotReadyError, withTimeout } from '../../common/index.js';
import { pendingMigrations } from '../database/pending-migrations.js';
import { readOutboxBacklog } from '../outbox/outbox-backlog.js';
import { QueueDepths } from '../queue/queue-depths.js';
import { REDIS_CLIENT } from '../redis/redis.module.js';
import { HealthResponseDto, ReadinessResponseDto } from './health.response.dto.js';
import { Public } from '../../common/auth/public.decorator.js';

const CHECK_TIMEOUT_MS = 2000;

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly queueDepths: QueueDepths,
  ) {}

  @Get()
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process answers; checks no dependency' })
  @ApiOkResponse({ type: HealthResponseDto })
  @ApiProblems()
  live(): HealthResponseDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: PostgreSQL, Redis and migrations are all fine; outbox and queue backlogs' })
  @ApiOkResponse({ type: ReadinessResponseDto })
  @ApiProblems(503)
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: CHECK_TIMEOUT_MS }),
        () => this.checkRedis(),
        () => this.checkMigrations(),
        () => this.checkOutbox(),
        () => this.checkQueues(),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      throw new ServiceNotReadyError(Object.keys(result.error ?? {}), result.details);
    }
  }

  private async checkRedis() {
    const session = this.indicators.check('redis');
    try {
      await withTimeout(this.redis.ping(), CHECK_TIMEOUT_MS, 'PING');
      return session.up();
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }

  /** Informational: a growing backlog means the relay or Redis is stuck, but the API can still serve. */
  private async checkOutbox() {
    const session = this.indicators.check('outbox');
    try {
      const { pending, lagSeconds } = await readOutboxBacklog(this.dataSource);
      return session.up({ pending, lagSeconds: Math.round(lagSeconds) });
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }

  /** Informational like the outbox: job counts by queue (failed ones wait for an operator). */
  private async checkQueues() {
    const session = this.indicators.check('queues');
    const depths = await this.queueDepths.read(CHECK_TIMEOUT_MS);
    const unread = depths.filter(([, counts]) => !counts).map(([name]) => name);
    if (unread.length > 0) return session.down({ message: 'job counts could not be read', queues: unread });
    return session.up(Object.fromEntries(depths));
  }

  private async checkMigrations() {
    const session = this.indicators.check('migrations');
    try {
      const pending = await pendingMigrations(this.dataSource);
      return pending.length === 0 ? session.up() : session.down({ message: 'pending migrations', pending });
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }
}
