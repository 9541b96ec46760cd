import { Injectable } from '@nestjs/common';
import { ScheduledTask } from '../../../infrastructure/scheduling/scheduled-task.js';
import { CommandBus } from '@nestjs/cqrs';
import { Clock } from '../../../common/index.js';
import { BookingRepository } from '../booking.repository.js';
import { ExpireBookingCommand } from '../commands/expire-booking.command.js';

const INTERVAL_MS = 30_000;

/**
 * Expires lapsed holds whose delayed job was lost (the queue was down when the booking was made).
 * Capacity is already free at the lapse; this makes the status and the BookingExpired event follow.
 */
@Injectable()
export class BookingHoldSweeper extends ScheduledTask {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly commandBus: CommandBus,
    private readonly clock: Clock,
  ) {
    super(INTERVAL_MS, 'Hold sweep');
  }

  protected runOnce(): Promise<unknown> {
    return this.sweep();
  }

  async sweep(): Promise<number> {
    let expired = 0;
    for (const id of await this.bookings.listLapsedHolds(this.clock.now(), 200)) {
      if ((await this.commandBus.execute(new ExpireBookingCommand(id))).expired) expired += 1;
    }
    return expired;
  }
}
