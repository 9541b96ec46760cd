import { TransactionHost } from '@nestjs-cls/transactional';
import { DataSource } from 'typeorm';
import type { BookingEntity } from '../../src/modules/bookings/booking.entity.js';
import { BookingRepository } from '../../src/modules/bookings/booking.repository.js';
import { bookingBody, localDateIn, slot } from '../support/booking-fixtures.js';
import { Factories } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const DAY = 86_400_000;

/**
 * PostgreSQL checks an exclusion constraint after inserting the index entry, so transactions that
 * insert one chef at the same moment can each find another's uncommitted row, wait on it, and end
 * in a deadlock (40P01) instead of a constraint violation. It takes many tightly aligned rounds to
 * see (about one round in thirty here), more than HTTP requests line up, so this suite drives the
 * repository directly.
 */
describe('staffing one chef from many transactions at once (real PostgreSQL)', () => {
  const CONTENDERS = 10;
  const ROUNDS = 200;
  let sut: TestApp;
  let chefId: string;
  let bookings: BookingEntity[];

  beforeAll(async () => {
    sut = await createTestApp({ env: { RATE_LIMIT_LIMIT: '100000', DATABASE_POOL_MAX: String(CONTENDERS + 4) } });
    const factories = new Factories(sut);
    const stationId = (await factories.station()).id;
    const crew = [];
    for (let index = 0; index < CONTENDERS; index += 1) crew.push(await factories.member(stationId, 'chef'));
    chefId = crew[0].id;
    const startsAt = slot(localDateIn(60), '18:00');
    const repository = sut.app.get(BookingRepository);
    bookings = [];
    for (let index = 0; index < CONTENDERS; index += 1) {
      const created = await sut
        .http()
        .post('/api/v1/bookings')
        .send(bookingBody(stationId, startsAt, { adults: 4, children: 0 }))
        .expect(201);
      bookings.push((await repository.findById(created.body.booking.id as string)) as BookingEntity);
    }
    // Open every pooled connection now, so the contenders start together, not a handshake apart.
    const db = sut.app.get(DataSource);
    await Promise.all(bookings.map(() => db.query('SELECT pg_sleep(0.05)')));
  });
  afterAll(() => sut.close());

  it('gives the chef to exactly one of the overlapping bookings each round; every other one gets chef_unavailable', async () => {
    const repository = sut.app.get(BookingRepository);
    const txHost = sut.app.get(TransactionHost);
    const rounds: string[][] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      // Each round staffs the same bookings on a window of its own, so earlier winners do not decide it.
      const shift = (instant: Date): Date => new Date(instant.getTime() + (round + 1) * DAY);
      const outcomes = await Promise.allSettled(
        bookings.map((booking) =>
          txHost.withTransaction(() =>
            repository.replaceChefs(
              { ...booking, startsAt: shift(booking.startsAt), blockedUntil: shift(booking.blockedUntil) },
              [chefId],
            ),
          ),
        ),
      );
      rounds.push(
        outcomes
          .map((outcome) =>
            outcome.status === 'fulfilled' ? 'staffed' : ((outcome.reason as { code?: string }).code ?? 'unknown'),
          )
          .sort(),
      );
    }
    const expected = ['staffed', ...Array<string>(CONTENDERS - 1).fill('chef_unavailable')].sort();
    expect(rounds.filter((codes) => JSON.stringify(codes) !== JSON.stringify(expected))).toEqual([]);
  }, 60_000);
});
