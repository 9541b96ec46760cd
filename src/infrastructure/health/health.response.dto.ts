import { ApiProperty } from '@nestjs/swagger';

export class HealthResponseDto {
  @ApiProperty({ example: 'ok' })
  status: 'ok';
}

export class ReadinessResponseDto {
  @ApiProperty({ example: 'ok' })
  status: string;

  @ApiProperty({ example: { database: { status: 'up' }, redis: { status: 'up' }, migrations: { status: 'up' } } })
  details: Record<string, unknown>;
}
