import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/index.js';
import type { AuditLogEntity } from '../audit-log.entity.js';

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
  @IsDateString()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsDateString()
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
