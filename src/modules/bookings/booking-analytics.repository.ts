import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { BookingStatus } from './domain/booking-status.js';
import type { BookingAnalyticsGrouping } from './dto/booking-analytics.dto.js';

export interface BookingAnalyticsFilter {
  /** 'all' for every station; otherwise only these (none gives empty periods). */
  stationIds: readonly string[] | 'all';
  /** Event dates (bookings.local_date), YYYY-MM-DD, both inclusive. */
  from: string;
  to: string;
  groupBy: BookingAnalyticsGrouping;
}

/** The bookings of one status in one period; a period without bookings has one row with status null. */
export interface BookingAnalyticsRow {
  period: string;
  status: BookingStatus | null;
  bookings: number;
  guests: number;
  totalCents: number;
  depositPaidCents: number;
}

export interface BookingAnalyticsSummary {
  /** Distinct currencies of the selected bookings. */
  currencies: string[];
  /** Ordered by period: every period of the range at least once. */
  rows: BookingAnalyticsRow[];
}

interface RawRow {
  period: string;
  status: BookingStatus | null;
  bookings: number;
  guests: string;
  total_cents: string;
  deposit_paid_cents: string;
  currencies: string[] | null;
}

// Sums are bigint (strings from the driver) and become numbers: far below 2^53 for any real range.
const SUMMARY_SQL = `
  WITH periods AS (
    SELECT generate_series(date_trunc($3::text, $1::date::timestamp), $2::date::timestamp, ('1 ' || $3::text)::interval)::date
      AS period
  ), selected AS (
    SELECT date_trunc($3::text, b.local_date::timestamp)::date AS period, b.status, b.guests, b.total_cents,
      b.deposit_paid_cents, b.currency
    FROM bookings b
    WHERE b.local_date BETWEEN $1::date AND $2::date AND ($4::uuid[] IS NULL OR b.station_id = ANY ($4::uuid[]))
  )
  SELECT to_char(p.period, 'YYYY-MM-DD') AS period, s.status, count(s.status)::int AS bookings,
    coalesce(sum(s.guests), 0)::bigint AS guests, coalesce(sum(s.total_cents), 0)::bigint AS total_cents,
    coalesce(sum(s.deposit_paid_cents), 0)::bigint AS deposit_paid_cents,
    (SELECT array_agg(DISTINCT currency ORDER BY currency) FROM selected) AS currencies
  FROM periods p
  LEFT JOIN selected s ON s.period = p.period
  GROUP BY p.period, s.status
  ORDER BY p.period, s.status`;

/** Read-only aggregates over bookings for the staff dashboards. */
@Injectable()
export class BookingAnalyticsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Bookings per period (date_trunc of the event's local date) and status. */
  async summarize(filter: BookingAnalyticsFilter): Promise<BookingAnalyticsSummary> {
    const stationIds = filter.stationIds === 'all' ? null : [...filter.stationIds];
    const raw = await this.txHost.tx.query<RawRow[]>(SUMMARY_SQL, [filter.from, filter.to, filter.groupBy, stationIds]);
    return {
      currencies: raw[0]?.currencies ?? [],
      rows: raw.map((row) => ({
        period: row.period,
        status: row.status,
        bookings: row.bookings,
        guests: Number(row.guests),
        totalCents: Number(row.total_cents),
        depositPaidCents: Number(row.deposit_paid_cents),
      })),
    };
  }
}
