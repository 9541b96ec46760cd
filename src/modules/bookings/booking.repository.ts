import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { Repository } from 'typeorm';
import { isExclusionViolation } from '../../common/index.js';
import type { OccupiedWindow } from './domain/availability.js';
import { ChefUnavailableError } from './domain/booking.errors.js';
import type { BookingStatus } from './domain/booking-status.js';
import { BookingEntity } from './booking.entity.js';

/**
 * Bookings that hold chefs: confirmed ones, and unpaid ones whose hold has not lapsed at `now` (the
 * app clock). Reading the hold here, not only in the expiry job, frees a slot on time even when the
 * job runs late.
 */
const holdsCapacity = (now: string): string =>
  `(b.status = 'confirmed' OR (b.status = 'pending_deposit' AND b.hold_expires_at > ${now}::timestamptz))`;

/** Every column, named as the entity names it: list reads skip the entity mapper (hot path). */
const BOOKING_COLUMNS = `b.id, b.reference, b.station_id AS "stationId", b.customer_user_id AS "customerUserId",
  b.contact_name AS "contactName", b.contact_email AS "contactEmail", b.contact_phone AS "contactPhone", b.address,
  b.starts_at AS "startsAt", b.ends_at AS "endsAt", b.blocked_until AS "blockedUntil",
  to_char(b.local_date, 'YYYY-MM-DD') AS "localDate", b.adults, b.children, b.toddlers, b.guests,
  b.chefs_needed AS "chefsNeeded", b.upgrades, b.menu_notes AS "menuNotes", b.customer_notes AS "customerNotes",
  b.staff_notes AS "staffNotes", b.quote, b.currency, b.total_cents AS "totalCents", b.deposit_cents AS "depositCents",
  b.deposit_paid_cents AS "depositPaidCents", b.status, b.hold_expires_at AS "holdExpiresAt",
  b.manage_token_hash AS "manageTokenHash", b.confirmed_at AS "confirmedAt", b.cancelled_at AS "cancelledAt",
  b.cancellation_reason AS "cancellationReason", b.cancelled_by AS "cancelledBy", b.refund_cents AS "refundCents", b.refund_cap_percent AS "refundCapPercent",
  b.completed_at AS "completedAt", b.created_at AS "createdAt", b.updated_at AS "updatedAt"`;

export interface BookingListFilter {
  stationIds: readonly string[] | 'all';
  statuses?: readonly BookingStatus[];
  fromDate?: string;
  toDate?: string;
  chefUserId?: string;
  search?: string;
  customerUserId?: string;
  after?: { startsAt: string; id: string };
  limit: number;
}

/** A list row with its exact keyset position. */
export interface BookingListRow {
  booking: BookingEntity;
  position: string;
}

@Injectable()
export class BookingRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get bookings(): Repository<BookingEntity> {
    return this.txHost.tx.getRepository(BookingEntity);
  }

  create(booking: Partial<BookingEntity>): BookingEntity {
    return this.bookings.create(booking);
  }

  save(booking: BookingEntity): Promise<BookingEntity> {
    return this.bookings.save(booking);
  }

  findById(id: string): Promise<BookingEntity | null> {
    return this.bookings.findOneBy({ id });
  }

  /** Locks the booking row for a change (status, time, party), so concurrent changes serialize. */
  findByIdForUpdate(id: string): Promise<BookingEntity | null> {
    return this.bookings.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findByManageTokenHash(hash: string, forUpdate = false): Promise<BookingEntity | null> {
    return this.bookings.findOne({
      where: { manageTokenHash: hash },
      ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /**
   * Serializes capacity decisions of one station on the given local days until the transaction
   * ends. Days are locked in order, so two bookings spanning the same days cannot deadlock.
   */
  async lockStationDays(stationId: string, localDates: readonly string[]): Promise<void> {
    for (const date of [...new Set(localDates)].sort()) {
      await this.txHost.tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `booking-capacity:${stationId}:${date}`,
      ]);
    }
  }

  /** Chefs held by other bookings overlapping [startsAt, blockedUntil). */
  async chefsInUse(
    stationId: string,
    window: { startsAt: Date; blockedUntil: Date },
    now: Date,
    excludeBookingId?: string,
  ): Promise<number> {
    const [row] = await this.txHost.tx.query<{ chefs: number }[]>(
      `SELECT COALESCE(SUM(b.chefs_needed), 0)::int AS chefs FROM bookings b
        WHERE b.station_id = $1 AND ${holdsCapacity('$4')}
          AND tstzrange(b.starts_at, b.blocked_until) && tstzrange($2, $3)
          AND ($5::uuid IS NULL OR b.id <> $5::uuid)`,
      [stationId, window.startsAt, window.blockedUntil, now, excludeBookingId ?? null],
    );
    return row.chefs;
  }

  /** Capacity held at a station between two instants, for the availability calendar. */
  occupiedWindows(stationId: string, from: Date, to: Date, now: Date): Promise<OccupiedWindow[]> {
    // Bookings share slot windows, so summing per window sends a few rows per day, not one per booking.
    return this.txHost.tx.query<OccupiedWindow[]>(
      `SELECT b.starts_at AS "startsAt", b.blocked_until AS "blockedUntil", SUM(b.chefs_needed)::int AS chefs
         FROM bookings b
        WHERE b.station_id = $1 AND ${holdsCapacity('$4')} AND tstzrange(b.starts_at, b.blocked_until) && tstzrange($2, $3)
        GROUP BY b.starts_at, b.blocked_until`,
      [stationId, from, to, now],
    );
  }

  /** Unpaid bookings whose hold lapsed (for the sweeper behind the delayed expiry jobs). */
  async listLapsedHolds(now: Date, limit: number): Promise<string[]> {
    const rows = await this.txHost.tx.query<{ id: string }[]>(
      `SELECT id FROM bookings WHERE status = 'pending_deposit' AND hold_expires_at <= $1
        ORDER BY hold_expires_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((row) => row.id);
  }

  async list(filter: BookingListFilter): Promise<BookingListRow[]> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    if (filter.stationIds !== 'all') conditions.push(`b.station_id = ANY($${values.push(filter.stationIds)}::uuid[])`);
    if (filter.statuses?.length) conditions.push(`b.status = ANY($${values.push(filter.statuses)}::text[])`);
    if (filter.fromDate) conditions.push(`b.local_date >= $${values.push(filter.fromDate)}::date`);
    if (filter.toDate) conditions.push(`b.local_date <= $${values.push(filter.toDate)}::date`);
    if (filter.customerUserId) conditions.push(`b.customer_user_id = $${values.push(filter.customerUserId)}`);
    if (filter.chefUserId) {
      conditions.push(
        `EXISTS (SELECT 1 FROM booking_chefs c WHERE c.booking_id = b.id AND c.active AND c.chef_user_id = $${values.push(filter.chefUserId)})`,
      );
    }
    if (filter.search) {
      const pattern = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
      conditions.push(
        `(lower(b.contact_name) || ' ' || lower(b.contact_email) || ' ' || b.contact_phone) LIKE $${values.push(pattern)}`,
      );
    }
    if (filter.after) {
      conditions.push(
        `(b.starts_at, b.id) > ($${values.push(filter.after.startsAt)}::timestamptz, $${values.push(filter.after.id)}::uuid)`,
      );
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = await this.txHost.tx.query<(BookingEntity & { position: string })[]>(
      `SELECT ${BOOKING_COLUMNS},
              to_char(b.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position
         FROM bookings b ${where}
        ORDER BY b.starts_at, b.id LIMIT $${values.push(filter.limit + 1)}`,
      values,
    );
    return rows.map(({ position, ...booking }) => ({ booking, position }));
  }

  /** Active chef assignments of bookings. */
  async chefsOf(bookingIds: readonly string[]): Promise<Map<string, string[]>> {
    const byBooking = new Map<string, string[]>();
    if (bookingIds.length === 0) return byBooking;
    const rows = await this.txHost.tx.query<{ bookingId: string; chefUserId: string }[]>(
      `SELECT booking_id AS "bookingId", chef_user_id AS "chefUserId" FROM booking_chefs
        WHERE booking_id = ANY($1::uuid[]) AND active ORDER BY assigned_at, chef_user_id`,
      [bookingIds],
    );
    for (const row of rows) byBooking.set(row.bookingId, [...(byBooking.get(row.bookingId) ?? []), row.chefUserId]);
    return byBooking;
  }

  /**
   * Makes `chefUserIds` the booking's chefs. The exclusion constraint refuses a chef already on an
   * overlapping event, also when two assignments race (the second waits for the first, then fails).
   */
  async replaceChefs(booking: BookingEntity, chefUserIds: readonly string[]): Promise<void> {
    await this.txHost.tx.query('DELETE FROM booking_chefs WHERE booking_id = $1', [booking.id]);
    const sorted = await this.lockChefs(chefUserIds);
    for (const chefUserId of sorted) {
      await this.guardChefOverlap(chefUserId, booking.startsAt, () =>
        this.txHost.tx.query(
          `INSERT INTO booking_chefs (booking_id, chef_user_id, station_id, during)
           VALUES ($1, $2, $3, tstzrange($4, $5))`,
          [booking.id, chefUserId, booking.stationId, booking.startsAt, booking.blockedUntil],
        ),
      );
    }
  }

  /** Moves the chefs with their booking; a chef busy at the new time refuses the move. */
  async moveChefs(booking: BookingEntity): Promise<void> {
    const chefs = await this.lockChefs((await this.chefsOf([booking.id])).get(booking.id) ?? []);
    for (const chefUserId of chefs) {
      await this.guardChefOverlap(chefUserId, booking.startsAt, () =>
        this.txHost.tx.query(
          'UPDATE booking_chefs SET during = tstzrange($3, $4) WHERE booking_id = $1 AND chef_user_id = $2',
          [booking.id, chefUserId, booking.startsAt, booking.blockedUntil],
        ),
      );
    }
  }

  /** Frees the chefs of a booking that no longer takes place; the rows stay as history. */
  async releaseChefs(bookingId: string): Promise<void> {
    await this.txHost.tx.query('UPDATE booking_chefs SET active = false WHERE booking_id = $1', [bookingId]);
  }

  /**
   * Serializes the staffing of each chef until the transaction ends. The exclusion constraint alone
   * is not enough: two transactions inserting the same chef at once each find the other's uncommitted
   * row and wait on it, and PostgreSQL breaks that deadlock with a 40P01 instead of a clean
   * chef_unavailable. Locks are taken in one order, so crossed chef sets cannot deadlock either.
   */
  private async lockChefs(chefUserIds: readonly string[]): Promise<string[]> {
    const sorted = [...new Set(chefUserIds)].sort();
    for (const chefUserId of sorted) {
      await this.txHost.tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `booking-chef:${chefUserId}`,
      ]);
    }
    return sorted;
  }

  private async guardChefOverlap(chefUserId: string, startsAt: Date, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (isExclusionViolation(error, 'booking_chefs_no_overlap')) throw new ChefUnavailableError(chefUserId, startsAt);
      throw error;
    }
  }
}
