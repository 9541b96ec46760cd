import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Clock, RequestValidationError, stationScope, type AuthenticatedUser } from '../../../common/index.js';
import { BookingAnalyticsRepository, type BookingAnalyticsRow } from '../booking-analytics.repository.js';
import { BOOKING_STATUSES, TAKES_PLACE_STATUSES, type BookingStatus } from '../domain/booking-status.js';
import { addDays } from '../domain/availability.js';
import type {
  BookingAnalyticsBucketDto,
  BookingAnalyticsQueryDto,
  BookingAnalyticsResponseDto,
} from '../dto/booking-analytics.dto.js';

export const ANALYTICS_READER_ROLES = ['station_admin', 'manager'] as const;

const DEFAULT_RANGE_DAYS = 30;
const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

const daysFrom = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / DAY_MS;

function emptyBucket(period: string): BookingAnalyticsBucketDto {
  const byStatus = Object.fromEntries(BOOKING_STATUSES.map((status) => [status, 0])) as Record<BookingStatus, number>;
  return {
    period,
    bookings: 0,
    byStatus,
    guests: 0,
    bookedValueCents: 0,
    depositsCollectedCents: 0,
    cancellations: 0,
    leadConversion: null,
  };
}

function addRow(bucket: BookingAnalyticsBucketDto, row: BookingAnalyticsRow): void {
  if (row.status === null) return;
  bucket.bookings += row.bookings;
  bucket.byStatus[row.status] += row.bookings;
  if (TAKES_PLACE_STATUSES.includes(row.status)) {
    bucket.guests += row.guests;
    bucket.bookedValueCents += row.totalCents;
  }
  bucket.depositsCollectedCents += row.depositPaidCents;
  if (row.status === 'cancelled') bucket.cancellations += row.bookings;
}

export class GetBookingAnalyticsQuery extends Query<BookingAnalyticsResponseDto> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly filter: BookingAnalyticsQueryDto,
  ) {
    super();
  }
}

/** Booking counts and money per day, week or month of the event date, for the staff dashboard. */
@QueryHandler(GetBookingAnalyticsQuery)
export class GetBookingAnalyticsHandler implements IQueryHandler<GetBookingAnalyticsQuery> {
  constructor(
    private readonly analytics: BookingAnalyticsRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ user, filter }: GetBookingAnalyticsQuery): Promise<BookingAnalyticsResponseDto> {
    const { from, to } = this.range(filter);
    const groupBy = filter.groupBy ?? 'day';
    // The guard already answered 404/403 for a named station the caller may not read.
    const stationIds = filter.stationId ? [filter.stationId.toLowerCase()] : stationScope(user, ANALYTICS_READER_ROLES);
    const { currencies, rows } = await this.analytics.summarize({ stationIds, from, to, groupBy });

    const buckets: BookingAnalyticsBucketDto[] = [];
    const totals = emptyBucket(from);
    for (const row of rows) {
      if (buckets.at(-1)?.period !== row.period) buckets.push(emptyBucket(row.period));
      addRow(buckets[buckets.length - 1], row);
      addRow(totals, row);
    }
    return { stationIds, from, to, groupBy, currency: currencies.length === 1 ? currencies[0] : null, totals, buckets };
  }

  private range(filter: BookingAnalyticsQueryDto): { from: string; to: string } {
    const to = filter.to ?? this.clock.now().toISOString().slice(0, 10);
    const from = filter.from ?? addDays(to, 1 - DEFAULT_RANGE_DAYS);
    if (from > to) {
      const defaulted = filter.to === undefined ? ' (to defaults to today)' : '';
      throw new RequestValidationError([{ field: 'from', messages: [`from must be on or before to${defaulted}`] }]);
    }
    if (daysFrom(from, to) + 1 > MAX_RANGE_DAYS) {
      throw new RequestValidationError([
        { field: 'to', messages: [`the range from..to may span at most ${MAX_RANGE_DAYS} days`] },
      ]);
    }
    return { from, to };
  }
}
