import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsOptional, PageQueryDto } from '../../../common/index.js';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_STATUSES,
  NOTIFICATION_TEMPLATES,
  type NotificationChannel,
  type NotificationStatus,
  type NotificationTemplate,
} from '../domain/notification-types.js';
import type { NotificationRow } from '../notification.repository.js';

export class ListNotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Required for station staff; super admins may omit it' })
  @IsOptional()
  @IsUUID()
  stationId?: string;

  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES })
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES)
  status?: NotificationStatus;

  @ApiPropertyOptional({ enum: NOTIFICATION_TEMPLATES })
  @IsOptional()
  @IsIn(NOTIFICATION_TEMPLATES)
  template?: NotificationTemplate;

  @ApiPropertyOptional({ enum: NOTIFICATION_CHANNELS })
  @IsOptional()
  @IsIn(NOTIFICATION_CHANNELS)
  channel?: NotificationChannel;

  @ApiPropertyOptional({ description: 'Id of the record the message is about, e.g. a booking id' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  aggregateId?: string;
}

export class NotificationResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  stationId: string | null;

  @ApiProperty({ enum: NOTIFICATION_TEMPLATES })
  template: NotificationTemplate;

  @ApiProperty({ enum: NOTIFICATION_CHANNELS })
  channel: NotificationChannel;

  @ApiProperty({ description: 'E-mail address or phone number' })
  recipient: string;

  @ApiProperty({ nullable: true, type: String })
  aggregateType: string | null;

  @ApiProperty({ nullable: true, type: String })
  aggregateId: string | null;

  @ApiProperty({ nullable: true, type: String })
  subject: string | null;

  @ApiProperty({ description: 'The rendered text, also for messages that were not sent' })
  body: string;

  @ApiProperty({ enum: NOTIFICATION_STATUSES })
  status: NotificationStatus;

  @ApiProperty()
  sendAt: Date;

  @ApiProperty()
  attempts: number;

  @ApiProperty({ nullable: true, type: String })
  lastError: string | null;

  @ApiProperty({ nullable: true, type: Date })
  sentAt: Date | null;

  @ApiProperty()
  createdAt: Date;

  static from(row: NotificationRow): NotificationResponseDto {
    return {
      id: row.id,
      stationId: row.stationId,
      template: row.template,
      channel: row.channel,
      recipient: row.recipient,
      aggregateType: row.aggregateType,
      aggregateId: row.aggregateId,
      subject: row.subject,
      body: row.body,
      status: row.status,
      sendAt: row.sendAt,
      attempts: row.attempts,
      lastError: row.lastError,
      sentAt: row.sentAt,
      createdAt: row.createdAt,
    };
  }
}

export class NotificationPageResponseDto {
  @ApiProperty({ type: [NotificationResponseDto] })
  data: NotificationResponseDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}
