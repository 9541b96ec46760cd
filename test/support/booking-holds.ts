import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES } from '../../src/infrastructure/queue/queues.js';
import { holdJobId } from '../../src/modules/bookings/booking-holds.js';
import type { TestApp } from './test-app.js';
import { until } from './wait.js';

/**
 * Waits until the worker has scheduled the hold expiry of each booking. The holds consumer computes
 * the delay from the app clock when the BookingCreated event reaches it; a test that moves the clock
 * past the hold before then would have the booking expire at once, a race rather than the behaviour
 * under test.
 */
export async function holdsScheduled(sut: TestApp, bookingIds: readonly string[]): Promise<void> {
  const queue = holdsQueue(sut);
  const jobs = await until(
    () => Promise.all(bookingIds.map((id) => queue.getJob(holdJobId(id)))),
    (found) => found.every(Boolean),
  );
  if (!jobs.every(Boolean)) throw new Error(`The hold expiry of ${bookingIds.join(', ')} was never scheduled.`);
}

/** The queue of the delayed jobs that expire unpaid bookings. */
export function holdsQueue(sut: TestApp): Queue {
  return sut.app.get<Queue>(getQueueToken(QUEUES.bookingHolds));
}
