import { DateTime, IANAZone } from 'luxon';
import { InvalidPartyError, SlotNotOfferedError } from './booking.errors.js';

/** The station rules that decide which slots exist and who fits in them. */
export interface SchedulingSettings {
  slotTimes: readonly string[];
  eventDurationMinutes: number;
  bufferMinutes: number;
  minNoticeHours: number;
  maxDaysAhead: number;
  guestsPerChef: number;
  blackoutDates: readonly string[];
}

/** An active booking's hold on chefs, over [startsAt, blockedUntil). */
export interface OccupiedWindow {
  startsAt: Date;
  blockedUntil: Date;
  chefs: number;
}

export interface EventWindow {
  startsAt: Date;
  endsAt: Date;
  /** End of the chefs' travel and clean-up after the event. */
  blockedUntil: Date;
}

export type AvailabilityClosedReason = 'blackout_date' | 'too_far_ahead' | 'in_the_past';
export type SlotUnavailableReason = 'too_soon' | 'full';

export interface AvailabilitySlot {
  /** Local "HH:MM". */
  time: string;
  /** ISO UTC instant. */
  startsAt: string;
  endsAt: string;
  remainingChefs: number;
  available: boolean;
  unavailableReason: SlotUnavailableReason | null;
}

export interface AvailabilityDay {
  /** Local "YYYY-MM-DD". */
  date: string;
  closedReason: AvailabilityClosedReason | null;
  slots: AvailabilitySlot[];
}

export interface AvailabilityInput {
  settings: SchedulingSettings;
  zone: string;
  /** Local dates, inclusive; the caller keeps `to - from` within {@link MAX_AVAILABILITY_RANGE_DAYS}. */
  from: string;
  to: string;
  guests: number;
  chefCount: number;
  occupied: readonly OccupiedWindow[];
  now: Date;
}

export const MAX_AVAILABILITY_RANGE_DAYS = 62;

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function chefsNeeded(guests: number, guestsPerChef: number): number {
  if (!Number.isInteger(guests) || guests < 1) {
    throw new InvalidPartyError('A party needs at least one guest.', { guests });
  }
  return Math.ceil(guests / guestsPerChef);
}

/**
 * The instant a local wall-clock time happens in `zone`, or null when it never happens (malformed, or
 * skipped by a spring-forward gap). A time repeated by a fall-back resolves to its first occurrence, so a
 * slot is offered once and at the same instant every time it is computed.
 */
export function localSlotInstant(date: string, time: string, zone: string): Date | null {
  const key = `${zone}|${date}|${time}`;
  const known = SLOT_INSTANTS.get(key);
  if (known !== undefined) return known === null ? null : new Date(known);
  const instant = resolveLocalTime(date, time, zone);
  if (SLOT_INSTANTS.size >= SLOT_INSTANT_CACHE_SIZE) SLOT_INSTANTS.clear();
  SLOT_INSTANTS.set(key, instant?.getTime() ?? null);
  return instant;
}

/**
 * Zone offsets cost tens of microseconds each (an Intl lookup) and customers ask for the same days
 * again and again; the answer for a (zone, date, time) never changes, so it is remembered.
 */
const SLOT_INSTANTS = new Map<string, number | null>();
const SLOT_INSTANT_CACHE_SIZE = 50_000;

function resolveLocalTime(date: string, time: string, zone: string): Date | null {
  assertZone(zone);
  if (!LOCAL_DATE.test(date) || !LOCAL_TIME.test(time)) return null;
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  if (new Date(wall).toISOString().slice(0, 10) !== date) return null;
  // The instants whose local time is `wall`: at most two (a fall-back repeats an hour), none in a
  // spring-forward gap. Each candidate offset is the zone's offset shortly before or after.
  const tz = IANAZone.create(zone);
  const candidates = [tz.offset(wall - MS_PER_DAY / 2), tz.offset(wall + MS_PER_DAY / 2)]
    .map((offsetMinutes) => wall - offsetMinutes * MS_PER_MINUTE)
    .filter((instant) => instant + tz.offset(instant) * MS_PER_MINUTE === wall);
  return candidates.length === 0 ? null : new Date(Math.min(...candidates));
}

export function eventWindow(
  startsAt: Date,
  settings: Pick<SchedulingSettings, 'eventDurationMinutes' | 'bufferMinutes'>,
): EventWindow {
  const endsAt = new Date(startsAt.getTime() + settings.eventDurationMinutes * MS_PER_MINUTE);
  const blockedUntil = new Date(endsAt.getTime() + settings.bufferMinutes * MS_PER_MINUTE);
  return { startsAt, endsAt, blockedUntil };
}

/**
 * Every local date a window touches, in order: two overlapping windows always share at least one,
 * so locking them all serializes every pair that competes for chefs (an event plus its buffer may
 * span more than two days). The window ends just before `blockedUntil`.
 */
export function localDatesTouched(window: Pick<EventWindow, 'startsAt' | 'blockedUntil'>, zone: string): string[] {
  const dates: string[] = [];
  const lastInstant = Math.max(window.startsAt.getTime(), window.blockedUntil.getTime() - 1);
  const last = DateTime.fromMillis(lastInstant, { zone }).startOf('day');
  for (
    let day = DateTime.fromJSDate(window.startsAt, { zone }).startOf('day');
    day <= last;
    day = day.plus({ days: 1 })
  ) {
    dates.push(day.toISODate() ?? '');
  }
  return dates;
}

/**
 * Chefs still free over `window`. Every overlapping booking is subtracted even when two of them do not
 * overlap each other, which may under-count free chefs but can never over-book them.
 */
export function remainingChefs(
  window: Pick<EventWindow, 'startsAt' | 'blockedUntil'>,
  occupied: readonly OccupiedWindow[],
  chefCount: number,
): number {
  const busy = overlapSummer(occupied)(window.startsAt.getTime(), window.blockedUntil.getTime());
  return Math.max(0, chefCount - busy);
}

export function computeAvailability(input: AvailabilityInput): AvailabilityDay[] {
  const { settings, zone, guests, chefCount, occupied, now } = input;
  assertZone(zone);
  const needed = chefsNeeded(guests, settings.guestsPerChef);
  const today = localDate(now, zone);
  const lastDate = addDays(today, settings.maxDaysAhead);
  const earliestStart = now.getTime() + settings.minNoticeHours * MS_PER_HOUR;
  const blackouts = new Set(settings.blackoutDates);
  const slotTimes = [...settings.slotTimes].sort();
  const busyChefs = overlapSummer(occupied);

  const days: AvailabilityDay[] = [];
  const dayCount = Math.round(
    (Date.parse(`${input.to}T00:00:00Z`) - Date.parse(`${input.from}T00:00:00Z`)) / MS_PER_DAY,
  );
  for (let offset = 0; offset <= dayCount; offset += 1) {
    const date = addDays(input.from, offset);
    const closedReason = closedReasonFor(date, today, lastDate, blackouts);
    if (closedReason) {
      days.push({ date, closedReason, slots: [] });
      continue;
    }
    const slots: AvailabilitySlot[] = [];
    for (const time of slotTimes) {
      const startsAt = localSlotInstant(date, time, zone);
      if (!startsAt) continue;
      const window = eventWindow(startsAt, settings);
      const remaining = Math.max(0, chefCount - busyChefs(window.startsAt.getTime(), window.blockedUntil.getTime()));
      const unavailableReason: SlotUnavailableReason | null =
        startsAt.getTime() < earliestStart ? 'too_soon' : remaining < needed ? 'full' : null;
      slots.push({
        time,
        startsAt: startsAt.toISOString(),
        endsAt: window.endsAt.toISOString(),
        remainingChefs: remaining,
        available: unavailableReason === null,
        unavailableReason,
      });
    }
    days.push({ date, closedReason: null, slots });
  }
  return days;
}

/**
 * Sums the chefs of the windows overlapping [start, end), for many queries over the same windows:
 * sorted by start once, each query scans only the windows that can overlap.
 */
function overlapSummer(occupied: readonly OccupiedWindow[]): (start: number, end: number) => number {
  const windows = occupied
    .map((window) => ({ start: window.startsAt.getTime(), end: window.blockedUntil.getTime(), chefs: window.chefs }))
    .sort((a, b) => a.start - b.start);
  const longest = windows.reduce((max, window) => Math.max(max, window.end - window.start), 0);
  return (start, end) => {
    // The first window that can still reach `start` begins at most `longest` before it.
    let low = 0;
    let high = windows.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (windows[middle].start < start - longest) low = middle + 1;
      else high = middle;
    }
    let busy = 0;
    for (let index = low; index < windows.length && windows[index].start < end; index += 1) {
      if (windows[index].end > start) busy += windows[index].chefs;
    }
    return busy;
  };
}

/**
 * Checks that `startsAt` is a slot the station offers right now and returns its local date and time.
 * Capacity is not checked here: that needs the bookings, see {@link remainingChefs}.
 */
export function assertSlotOffered(
  startsAt: Date,
  settings: SchedulingSettings,
  zone: string,
  now: Date,
): { date: string; time: string } {
  assertZone(zone);
  const startsAtIso = startsAt.toISOString();
  if (startsAt.getTime() < now.getTime()) {
    throw new SlotNotOfferedError('in_the_past', { startsAt: startsAtIso });
  }
  const earliestStart = new Date(now.getTime() + settings.minNoticeHours * MS_PER_HOUR);
  if (startsAt.getTime() < earliestStart.getTime()) {
    throw new SlotNotOfferedError('too_soon', { startsAt: startsAtIso, earliestStartsAt: earliestStart.toISOString() });
  }
  const local = DateTime.fromJSDate(startsAt, { zone });
  const date = local.toFormat('yyyy-MM-dd');
  const time = local.toFormat('HH:mm');
  const lastDate = addDays(localDate(now, zone), settings.maxDaysAhead);
  if (date > lastDate) {
    throw new SlotNotOfferedError('too_far_ahead', { startsAt: startsAtIso, date, lastDate });
  }
  if (settings.blackoutDates.includes(date)) {
    throw new SlotNotOfferedError('blackout_date', { startsAt: startsAtIso, date });
  }
  // The instant must be the one availability offers: the second occurrence of a repeated time is not.
  const offered = settings.slotTimes.includes(time) ? localSlotInstant(date, time, zone) : null;
  if (offered?.getTime() !== startsAt.getTime()) {
    throw new SlotNotOfferedError('not_a_slot_time', { startsAt: startsAtIso, date, time });
  }
  return { date, time };
}

function closedReasonFor(
  date: string,
  today: string,
  lastDate: string,
  blackouts: ReadonlySet<string>,
): AvailabilityClosedReason | null {
  if (date < today) return 'in_the_past';
  if (date > lastDate) return 'too_far_ahead';
  if (blackouts.has(date)) return 'blackout_date';
  return null;
}

function localDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('yyyy-MM-dd');
}

/** Calendar arithmetic on a local date; UTC has no DST, so a day is always 24 h there. */
/** The local date `days` after `date` (both YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

// Luxon answers an unknown zone with invalid dates rather than an error, which would silently close every slot.
function assertZone(zone: string): void {
  if (VALID_ZONES.has(zone)) return;
  if (!IANAZone.isValidZone(zone)) throw new RangeError(`Unknown IANA time zone "${zone}"`);
  VALID_ZONES.add(zone);
}

/** Checking a zone builds an Intl formatter, far costlier than the slot maths: remember the good ones. */
const VALID_ZONES = new Set<string>();
