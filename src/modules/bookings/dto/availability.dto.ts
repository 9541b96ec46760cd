import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { IsCalendarDate } from '../../../common/index.js';
import type { AvailabilityDay, AvailabilitySlot } from '../domain/availability.js';

export class AvailabilityQueryDto {
  @ApiProperty({ example: '2026-12-01', description: "First day, in the station's time zone" })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ example: '2026-12-31', description: 'Last day, inclusive; at most 62 days after `from`' })
  @IsCalendarDate()
  to: string;

  @ApiProperty({ example: 12, description: 'Adults and children (toddlers do not count)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  guests: number;
}

export class AvailabilitySlotDto implements AvailabilitySlot {
  @ApiProperty({ example: '18:00', description: 'Local start time' })
  time: string;
  @ApiProperty({ example: '2026-12-05T02:00:00.000Z' })
  startsAt: string;
  @ApiProperty()
  endsAt: string;
  @ApiProperty({ description: 'Chefs still free for this slot' })
  remainingChefs: number;
  @ApiProperty({ description: 'Bookable for this party now' })
  available: boolean;
  @ApiProperty({ nullable: true, enum: ['too_soon', 'full'], type: String })
  unavailableReason: 'too_soon' | 'full' | null;
}

export class AvailabilityDayDto implements AvailabilityDay {
  @ApiProperty({ example: '2026-12-04' })
  date: string;
  @ApiProperty({ nullable: true, enum: ['blackout_date', 'too_far_ahead', 'in_the_past'], type: String })
  closedReason: 'blackout_date' | 'too_far_ahead' | 'in_the_past' | null;
  @ApiProperty({ type: [AvailabilitySlotDto] })
  slots: AvailabilitySlotDto[];
}

export class AvailabilityResponseDto {
  @ApiProperty({ format: 'uuid' })
  stationId: string;
  @ApiProperty({ example: 'America/Los_Angeles' })
  timezone: string;
  @ApiProperty()
  guests: number;
  @ApiProperty({ description: 'Chefs a party of this size needs' })
  chefsNeeded: number;
  @ApiProperty({ type: [AvailabilityDayDto] })
  days: AvailabilityDayDto[];
}
