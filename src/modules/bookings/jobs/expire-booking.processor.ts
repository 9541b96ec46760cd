import { Processor, WorkerHost } from '@nestjs/bullmq';
import { CommandBus } from '@nestjs/cqrs';
import type { Job } from 'bullmq';
import { QUEUES } from '../../../infrastructure/queue/queues.js';
import type { ExpireBookingJob } from '../booking-holds.js';
import { ExpireBookingCommand } from '../commands/expire-booking.command.js';

/** Fires when an unpaid booking's hold lapses; the command decides whether anything happens. */
@Processor(QUEUES.bookingHolds, { concurrency: 4 })
export class ExpireBookingProcessor extends WorkerHost {
  constructor(private readonly commandBus: CommandBus) {
    super();
  }

  async process(job: Job<ExpireBookingJob>): Promise<{ expired: boolean }> {
    return this.commandBus.execute(new ExpireBookingCommand(job.data.bookingId));
  }
}
