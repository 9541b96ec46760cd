import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { IsCalendarDate, IsOptional } from '../../../common/index.js';
import type { BookingStatus } from '../domain/booking-status.js';

export const BOOKING_ANALYTICS_GROUPINGS = ['day', 'week', 'month'] as const;
export type BookingAnalyticsGrouping = (typeof BOOKING_ANALYTICS_GROUPINGS)[number];

export class BookingAnalyticsQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Left out: every station where the caller is admin or manager' })
  @IsOptional()
  @IsUUID()
  stationId?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-11-01',
    description: 'First event date (station-local, inclusive); defaults to 29 days before `to`',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-11-30',
    description: 'Last event date (station-local, inclusive); defaults to today (UTC). At most 366 days after `from`',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ enum: BOOKING_ANALYTICS_GROUPINGS, default: 'day' })
  @IsOptional()
  @IsIn(BOOKING_ANALYTICS_GROUPINGS)
  groupBy?: BookingAnalyticsGrouping;
}

/** One count per booking status; a status with no bookings is 0, never missing. */
export class BookingStatusCountsDto implements Record<BookingStatus, number> {
  @ApiProperty()
  pending_deposit: number;

  @ApiProperty()
  confirmed: number;

  @ApiProperty()
  completed: number;

  @ApiProperty()
  cancelled: number;

  @ApiProperty()
  no_show: number;

  @ApiProperty()
  expired: number;
}

export class BookingAnalyticsBucketDto {
  @ApiProperty({
    format: 'date',
    example: '2026-11-02',
    description:
      'Start of the day, ISO week (Monday) or month. The first and last buckets may reach past `from`/`to`; ' +
      'they count only the bookings inside the range.',
  })
  period: string;

  @ApiProperty({ description: 'Bookings whose event falls in the period, every status' })
  bookings: number;

  @ApiProperty({ type: BookingStatusCountsDto })
  byStatus: BookingStatusCountsDto;

  @ApiProperty({ description: 'Guests of the bookings that are not cancelled or expired' })
  guests: number;

  @ApiProperty({ description: 'Sum of total_cents of pending_deposit, confirmed, completed and no_show bookings' })
  bookedValueCents: number;

  @ApiProperty({ description: 'Sum of deposits paid, every status (refunds are not subtracted)' })
  depositsCollectedCents: number;

  @ApiProperty({ description: 'Bookings of the period that are cancelled (byStatus.cancelled)' })
  cancellations: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Always null for now: leads are not recorded yet (there is no leads module), so no rate exists',
  })
  leadConversion: null;
}

export class BookingAnalyticsResponseDto {
  @ApiProperty({
    oneOf: [
      { type: 'array', items: { type: 'string', format: 'uuid' } },
      { type: 'string', enum: ['all'] },
    ],
    description: "The stations counted: 'all' for a super admin who named none",
  })
  stationIds: string[] | 'all';

  @ApiProperty({ format: 'date', description: 'First event date counted (inclusive)' })
  from: string;

  @ApiProperty({ format: 'date', description: 'Last event date counted (inclusive)' })
  to: string;

  @ApiProperty({ enum: BOOKING_ANALYTICS_GROUPINGS })
  groupBy: BookingAnalyticsGrouping;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'USD',
    description:
      'The currency of every money field. Null when there are no bookings, or when the bookings use more than one ' +
      'currency: the money fields then add up different currencies and must not be read as one amount.',
  })
  currency: string | null;

  @ApiProperty({ type: BookingAnalyticsBucketDto, description: 'The whole range; its period is `from`' })
  totals: BookingAnalyticsBucketDto;

  @ApiProperty({
    type: [BookingAnalyticsBucketDto],
    description: 'Every period of the range in order, empty ones included with zeros',
  })
  buckets: BookingAnalyticsBucketDto[];
}
