import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { eventWindow, localDatesTouched, type EventWindow } from './domain/availability.js';
import { SlotUnavailableError } from './domain/booking.errors.js';
import { BookingStations, type StationView } from './booking-stations.js';
import { BookingRepository } from './booking.repository.js';

export interface ReservedWindow extends EventWindow {
  localDate: string;
}

/**
 * The one place that decides whether chefs are free, enforced by the database: the station's
 * affected days are locked for the transaction, then the overlapping holds are counted. Two
 * requests for the last chef therefore queue on the lock and the second sees the first's booking.
 */
@Injectable()
export class BookingScheduler {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly stations: BookingStations,
  ) {}

  async reserve(
    station: StationView,
    startsAt: Date,
    chefsNeeded: number,
    now: Date,
    excludeBookingId?: string,
  ): Promise<ReservedWindow> {
    const window = eventWindow(startsAt, station.settings);
    const localDate = DateTime.fromJSDate(startsAt, { zone: station.timezone }).toISODate() ?? '';
    await this.bookings.lockStationDays(station.id, localDatesTouched(window, station.timezone));
    const chefCount = (await this.stations.activeChefIds(station.id)).length;
    const inUse = await this.bookings.chefsInUse(station.id, window, now, excludeBookingId);
    const remaining = Math.max(0, chefCount - inUse);
    if (remaining < chefsNeeded) throw new SlotUnavailableError(startsAt, remaining, chefsNeeded);
    return { ...window, localDate };
  }
}
