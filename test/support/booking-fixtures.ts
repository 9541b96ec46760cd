import { DateTime } from 'luxon';
import { localSlotInstant } from '../../src/modules/bookings/domain/availability.js';

export const STATION_ZONE = 'America/Los_Angeles';

/** A local date `days` from today in the station's zone. */
export function localDateIn(days: number): string {
  return DateTime.now().setZone(STATION_ZONE).plus({ days }).toISODate() ?? '';
}

/** The ISO instant of a slot time on a local date (factories create Los Angeles stations). */
export function slot(date: string, time: string): string {
  const instant = localSlotInstant(date, time, STATION_ZONE);
  if (!instant) throw new Error(`${date} ${time} does not exist in ${STATION_ZONE}`);
  return instant.toISOString();
}

let counter = 0;

/** A valid guest checkout body for a slot; `overrides` replace top-level fields. */
export function bookingBody(stationId: string, startsAt: string, overrides: Record<string, unknown> = {}): object {
  counter += 1;
  return {
    stationId,
    startsAt,
    adults: 10,
    children: 2,
    contact: { name: `Guest ${counter}`, email: `guest${counter}@example.com`, phone: '+14085550199' },
    address: { line1: '1 Main St', city: 'San Jose', region: 'CA', postalCode: '95112' },
    ...overrides,
  };
}
