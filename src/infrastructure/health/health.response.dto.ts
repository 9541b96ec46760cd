import { ApiProperty } from '@nestjs/swagger';

export class HealthResponseDto {
  @ApiProperty({ example: 'ok' })
  status: 'ok';
}

export class ReadinessResponseDto {
  @ApiProperty({ example: 'ok' })
  status: string;

  @ApiProperty({
    example: {
      database: { status: 'up' },
      redis: { status: 'up' },
      migrations: { status: 'up' },
      outbox: { status: 'up', pending: 0, lagSeconds: 0 },
      queues: { status: 'up', 'domain-events': { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 12 } },
    },
  })
  details: Record<string, unknown>;
}
