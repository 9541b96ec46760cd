import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { BookingStatus } from '../../src/modules/bookings/domain/booking-status.js';
import type {
  BookingAnalyticsBucketDto,
  BookingAnalyticsResponseDto,
} from '../../src/modules/bookings/dto/booking-analytics.dto.js';
import { Factories } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface BookingRow {
  localDate: string;
  status: BookingStatus;
  guests?: number;
  totalCents?: number;
  depositPaidCents?: number;
  currency?: string;
}

const ZERO_STATUSES = { pending_deposit: 0, confirmed: 0, completed: 0, cancelled: 0, no_show: 0, expired: 0 };

function bucket(period: string, fields: Partial<BookingAnalyticsBucketDto> = {}): BookingAnalyticsBucketDto {
  return {
    period,
    bookings: 0,
    guests: 0,
    bookedValueCents: 0,
    depositsCollectedCents: 0,
    cancellations: 0,
    leadConversion: null,
    ...fields,
    byStatus: { ...ZERO_STATUSES, ...fields.byStatus },
  };
}

describe('booking analytics (GET /admin/analytics/bookings)', () => {
  let sut: TestApp;
  let factories: Factories;
  let stationA: string;
  let stationB: string;
  const bearer = { managerA: '', adminB: '', superAdmin: '', customer: '' };

  async function insertBookings(stationId: string, rows: BookingRow[]): Promise<void> {
    for (const row of rows) {
      const guests = row.guests ?? 10;
      await sut.app.get(DataSource).query(
        `INSERT INTO bookings (reference, station_id, contact_name, contact_email, contact_phone, address,
           starts_at, ends_at, blocked_until, local_date, adults, guests, chefs_needed, quote, currency,
           total_cents, deposit_cents, deposit_paid_cents, status, manage_token_hash)
         VALUES ($1, $2, 'Test Guest', 'guest@example.com', '+14085550100', '{}',
           $3::date + time '18:00', $3::date + time '20:00', $3::date + time '21:00', $3::date, $4, $4, 1, '{}', $5,
           $6, 10000, $7, $8, $9)`,
        [
          `MH-${randomBytes(4).toString('hex')}`,
          stationId,
          row.localDate,
          guests,
          row.currency ?? 'USD',
          row.totalCents ?? 0,
          row.depositPaidCents ?? 0,
          row.status,
          randomBytes(16).toString('hex'),
        ],
      );
    }
  }

  const analytics = (authorization: string, query: Record<string, string>) =>
    sut.http().get('/api/v1/admin/analytics/bookings').query(query).set('Authorization', authorization);

  beforeAll(async () => {
    sut = await createTestApp();
    factories = new Factories(sut);
    stationA = (await factories.station()).id;
    stationB = (await factories.station()).id;
    bearer.managerA = await factories.memberBearer(stationA, 'manager');
    bearer.adminB = await factories.memberBearer(stationB, 'station_admin');
    bearer.superAdmin = await factories.userBearer({ role: 'super_admin' });
    bearer.customer = await factories.userBearer();

    await insertBookings(stationA, [
      { localDate: '2030-02-28', status: 'confirmed', guests: 20, totalCents: 90000, depositPaidCents: 20000 },
      { localDate: '2030-03-02', status: 'confirmed', guests: 10, totalCents: 50000, depositPaidCents: 10000 },
      { localDate: '2030-03-02', status: 'cancelled', guests: 8, totalCents: 40000, depositPaidCents: 10000 },
      { localDate: '2030-03-04', status: 'pending_deposit', guests: 12, totalCents: 60000 },
      { localDate: '2030-03-04', status: 'expired', guests: 6, totalCents: 30000 },
      { localDate: '2030-03-05', status: 'completed', guests: 15, totalCents: 75000, depositPaidCents: 15000 },
      { localDate: '2030-03-05', status: 'no_show', guests: 10, totalCents: 50000, depositPaidCents: 10000 },
      { localDate: '2030-03-06', status: 'confirmed', guests: 11, totalCents: 55000, depositPaidCents: 11000 },
      { localDate: '2030-04-10', status: 'confirmed', guests: 9, totalCents: 45000, depositPaidCents: 9000 },
    ]);
    await insertBookings(stationB, [
      { localDate: '2030-03-02', status: 'confirmed', guests: 30, totalCents: 120000, currency: 'CAD' },
    ]);
  });
  afterAll(() => sut.close());

  it('counts per day, fills the empty days and totals the range', async () => {
    const response = await analytics(bearer.managerA, { stationId: stationA, from: '2030-03-01', to: '2030-03-05' });
    expect(response.status).toBe(200);
    const body = response.body as BookingAnalyticsResponseDto;
    expect(body).toMatchObject({ stationIds: [stationA], from: '2030-03-01', to: '2030-03-05', groupBy: 'day' });
    expect(body.currency).toBe('USD');
    expect(body.buckets).toEqual([
      bucket('2030-03-01'),
      bucket('2030-03-02', {
        bookings: 2,
        byStatus: { ...ZERO_STATUSES, confirmed: 1, cancelled: 1 },
        guests: 10,
        bookedValueCents: 50000,
        depositsCollectedCents: 20000,
        cancellations: 1,
      }),
      bucket('2030-03-03'),
      bucket('2030-03-04', {
        bookings: 2,
        byStatus: { ...ZERO_STATUSES, pending_deposit: 1, expired: 1 },
        guests: 12,
        bookedValueCents: 60000,
      }),
      bucket('2030-03-05', {
        bookings: 2,
        byStatus: { ...ZERO_STATUSES, completed: 1, no_show: 1 },
        guests: 25,
        bookedValueCents: 125000,
        depositsCollectedCents: 25000,
      }),
    ]);
    expect(body.totals).toEqual(
      bucket('2030-03-01', {
        bookings: 6,
        byStatus: { pending_deposit: 1, confirmed: 1, completed: 1, cancelled: 1, no_show: 1, expired: 1 },
        guests: 47,
        bookedValueCents: 235000,
        depositsCollectedCents: 45000,
        cancellations: 1,
      }),
    );
  });

  it('groups by ISO week (Monday) and by month', async () => {
    const weeks = (
      await analytics(bearer.managerA, { from: '2030-03-01', to: '2030-03-20', groupBy: 'week' }).expect(200)
    ).body as BookingAnalyticsResponseDto;
    expect(weeks.buckets.map(({ period, bookings, guests }) => ({ period, bookings, guests }))).toEqual([
      { period: '2030-02-25', bookings: 2, guests: 10 },
      { period: '2030-03-04', bookings: 5, guests: 48 },
      { period: '2030-03-11', bookings: 0, guests: 0 },
      { period: '2030-03-18', bookings: 0, guests: 0 },
    ]);

    const months = (
      await analytics(bearer.managerA, { from: '2030-01-15', to: '2030-04-30', groupBy: 'month' }).expect(200)
    ).body as BookingAnalyticsResponseDto;
    expect(
      months.buckets.map(({ period, bookings, bookedValueCents }) => ({ period, bookings, bookedValueCents })),
    ).toEqual([
      { period: '2030-01-01', bookings: 0, bookedValueCents: 0 },
      { period: '2030-02-01', bookings: 1, bookedValueCents: 90000 },
      { period: '2030-03-01', bookings: 7, bookedValueCents: 290000 },
      { period: '2030-04-01', bookings: 1, bookedValueCents: 45000 },
    ]);
    expect(months.totals).toMatchObject({ period: '2030-01-15', bookings: 9, bookedValueCents: 425000 });
  });

  it("hides another station: 404 when named, only the caller's own stations otherwise", async () => {
    await analytics(bearer.adminB, { stationId: stationA, from: '2030-03-01', to: '2030-03-05' }).expect(404);

    const own = (await analytics(bearer.adminB, { from: '2030-03-01', to: '2030-03-05' }).expect(200))
      .body as BookingAnalyticsResponseDto;
    expect(own.stationIds).toEqual([stationB]);
    expect(own.currency).toBe('CAD');
    expect(own.totals).toMatchObject({ bookings: 1, guests: 30, bookedValueCents: 120000 });
  });

  it('lets a super admin see every station, with no single currency when they differ', async () => {
    const all = (await analytics(bearer.superAdmin, { from: '2030-03-01', to: '2030-03-05' }).expect(200))
      .body as BookingAnalyticsResponseDto;
    expect(all).toMatchObject({ stationIds: 'all', currency: null, totals: { bookings: 7, guests: 77 } });
  });

  it('defaults to the last 30 days by day', async () => {
    const body = (await analytics(bearer.managerA, {}).expect(200)).body as BookingAnalyticsResponseDto;
    expect(body.groupBy).toBe('day');
    expect(body.buckets).toHaveLength(30);
    expect(body.buckets[0].period).toBe(body.from);
    expect(body.buckets[29].period).toBe(body.to);
    expect(body.currency).toBeNull();
  });

  it('refuses invalid ranges and groupings with 400', async () => {
    const reversed = await analytics(bearer.managerA, { from: '2030-03-05', to: '2030-03-01' }).expect(400);
    expect(reversed.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'from' }] });
    const tooLong = await analytics(bearer.managerA, { from: '2030-01-01', to: '2031-01-02' }).expect(400);
    expect(tooLong.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'to' }] });
    await analytics(bearer.managerA, { from: '2030-01-01', to: '2030-12-31' }).expect(200);
    await analytics(bearer.managerA, { from: '2030-02-30' }).expect(400);
    await analytics(bearer.managerA, { groupBy: 'year' }).expect(400);
  });

  it('is staff only: a customer gets 403', async () => {
    await analytics(bearer.customer, {}).expect(403);
    await sut.http().get('/api/v1/admin/analytics/bookings').expect(401);
  });

  it('documents why leadConversion is null', async () => {
    const document = (await sut.http().get('/api/docs-json').expect(200)).body as {
      components: { schemas: Record<string, { properties: Record<string, { description?: string }> }> };
    };
    const bucketSchema = document.components.schemas.BookingAnalyticsBucketDto;
    expect(bucketSchema.properties.leadConversion.description).toMatch(/leads module/);
  });
});
