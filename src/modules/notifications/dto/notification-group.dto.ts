import { ApiProperty, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, IsUUID, Length } from 'class-validator';
import { Trim } from '../../../common/index.js';
import {
  NOTIFICATION_CHANNELS,
  STAFF_ALERTS,
  type NotificationChannel,
  type StaffAlert,
} from '../domain/notification-types.js';
import type { NotificationGroupEntity } from '../notification-group.entity.js';

export class CreateNotificationGroupDto {
  @ApiProperty({ example: 'Managers on call' })
  @Trim()
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ enum: STAFF_ALERTS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(STAFF_ALERTS, { each: true })
  alerts: StaffAlert[];

  @ApiProperty({ enum: NOTIFICATION_CHANNELS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(NOTIFICATION_CHANNELS, { each: true })
  channels: NotificationChannel[];

  @ApiProperty({ type: [String], format: 'uuid', description: 'User ids of members of this station' })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  memberUserIds: string[];
}

export class UpdateNotificationGroupDto extends PartialType(CreateNotificationGroupDto) {}

export class NotificationGroupResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  stationId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: STAFF_ALERTS, isArray: true })
  alerts: StaffAlert[];

  @ApiProperty({ enum: NOTIFICATION_CHANNELS, isArray: true })
  channels: NotificationChannel[];

  @ApiProperty({ type: [String], format: 'uuid' })
  memberUserIds: string[];

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;

  static from(group: NotificationGroupEntity): NotificationGroupResponseDto {
    const { id, stationId, name, alerts, channels, memberUserIds, createdAt, updatedAt } = group;
    return { id, stationId, name, alerts, channels, memberUserIds, createdAt, updatedAt };
  }
}

export class NotificationGroupListResponseDto {
  @ApiProperty({ type: [NotificationGroupResponseDto] })
  data: NotificationGroupResponseDto[];
}
