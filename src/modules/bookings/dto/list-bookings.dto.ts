import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, IsUUID, Length } from 'class-validator';
import { IsCalendarDate, IsOptional, PageQueryDto, Trim } from '../../../common/index.js';
import { BOOKING_STATUSES, type BookingStatus } from '../domain/booking-status.js';
import { StaffBookingResponseDto } from './booking.response.dto.js';

const commaList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value;

export class ListBookingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "Omitted: all of the caller's stations" })
  @IsOptional()
  @IsUUID()
  stationId?: string;

  @ApiPropertyOptional({ description: 'One status or a comma-separated list', example: 'pending_deposit,confirmed' })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayMaxSize(6)
  @IsIn(BOOKING_STATUSES, { each: true })
  status?: BookingStatus[];

  @ApiPropertyOptional({ example: '2026-12-01', description: 'Event date (station time), inclusive' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only bookings this chef is assigned to' })
  @IsOptional()
  @IsUUID()
  chefId?: string;

  @ApiPropertyOptional({
    description: 'Text in the contact name, e-mail or phone (3 characters at least: the trigram index needs them)',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(3, 100)
  q?: string;
}

export const CALENDAR_VIEWS = ['day', 'week'] as const;

export class BookingCalendarQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  stationId: string;

  @ApiProperty({ example: '2026-12-04', description: 'The day, or any day of the week (weeks start Monday)' })
  @IsCalendarDate()
  date: string;

  @ApiPropertyOptional({ enum: CALENDAR_VIEWS, default: 'week' })
  @IsOptional()
  @IsIn(CALENDAR_VIEWS)
  view?: (typeof CALENDAR_VIEWS)[number];
}

export class CalendarDayDto {
  @ApiProperty({ example: '2026-12-04' })
  date: string;

  @ApiProperty({ type: [StaffBookingResponseDto] })
  bookings: StaffBookingResponseDto[];
}

export class BookingCalendarResponseDto {
  @ApiProperty({ format: 'uuid' })
  stationId: string;

  @ApiProperty({ example: 'America/Los_Angeles' })
  timezone: string;

  @ApiProperty()
  from: string;

  @ApiProperty()
  to: string;

  @ApiProperty({ type: [CalendarDayDto] })
  days: CalendarDayDto[];

  @ApiProperty({ description: 'True when the range held more bookings than one answer carries; use the list.' })
  truncated: boolean;
}
