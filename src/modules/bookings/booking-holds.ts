import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { withTimeout } from '../../common/index.js';
import { QUEUES } from '../../infrastructure/queue/queues.js';

export interface ExpireBookingJob {
  bookingId: string;
}

const QUEUE_TIMEOUT_MS = 3000;

/** The id of the one delayed job that expires an unpaid booking when its hold lapses. */
export const holdJobId = (bookingId: string): string => `hold-${bookingId}`;

/** One delayed job per unpaid booking that expires it when its hold lapses. */
@Injectable()
export class BookingHolds {
  constructor(@InjectQueue(QUEUES.bookingHolds) private readonly queue: Queue<ExpireBookingJob>) {}

  async scheduleExpiry(bookingId: string, delayMs: number): Promise<void> {
    await withTimeout(
      this.queue.add('expire', { bookingId }, { jobId: holdJobId(bookingId), delay: Math.max(0, delayMs) }),
      QUEUE_TIMEOUT_MS,
      'scheduling a booking hold expiry',
    );
  }
}
