import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto, IsOptional } from '../../../common/index.js';
import type { AuditLogEntity } from '../audit-log.entity.js';

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export class ListAuditLogsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  stationId?: string;

  @ApiPropertyOptional({ example: 'station' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  entity?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorUserId?: string;

  @ApiPropertyOptional({ example: 'station.update' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @Matches(ISO_TIMESTAMP, { message: 'from must be an ISO 8601 date-time like 2026-11-22T10:00:00Z' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @Matches(ISO_TIMESTAMP, { message: 'to must be an ISO 8601 date-time like 2026-11-22T10:00:00Z' })
  to?: string;
}

export class AuditLogResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ nullable: true, type: String })
  actorUserId: string | null;

  @ApiProperty({ nullable: true, type: String })
  actorRole: string | null;

  @ApiProperty({ nullable: true, type: String })
  actorIp: string | null;

  @ApiProperty({ nullable: true, type: String })
  actorUserAgent: string | null;

  @ApiProperty({ example: 'station.update' })
  action: string;

  @ApiProperty({ example: 'station' })
  entity: string;

  @ApiProperty({ nullable: true, type: String })
  entityId: string | null;

  @ApiProperty({ nullable: true, type: String })
  stationId: string | null;

  @ApiProperty({ description: 'Changed fields {field: {from, to}} or the request, secrets removed', type: Object })
  changes: object;

  @ApiProperty({ nullable: true, type: String })
  requestId: string | null;

  @ApiProperty()
  createdAt: Date;

  static from(entity: AuditLogEntity): AuditLogResponseDto {
    return { ...entity };
  }
}

export class AuditLogPageResponseDto {
  @ApiProperty({ type: [AuditLogResponseDto] })
  data: AuditLogResponseDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}
