import {
  assertSlotOffered,
  type AvailabilityInput,
  chefsNeeded,
  computeAvailability,
  eventWindow,
  localDatesTouched,
  localSlotInstant,
  type OccupiedWindow,
  remainingChefs,
  type SchedulingSettings,
} from './availability.js';
import { InvalidPartyError, SlotNotOfferedError } from './booking.errors.js';

const LA = 'America/Los_Angeles';
const HOUR = 3_600_000;
const at = (iso: string): Date => new Date(iso);

const settings: SchedulingSettings = {
  slotTimes: ['18:00', '12:00', '15:00'],
  eventDurationMinutes: 120,
  bufferMinutes: 60,
  minNoticeHours: 48,
  maxDaysAhead: 180,
  guestsPerChef: 15,
  blackoutDates: ['2026-07-04'],
};

// 2026-06-01 12:00 PDT.
const now = at('2026-06-01T19:00:00Z');

function availability(overrides: Partial<AvailabilityInput>): ReturnType<typeof computeAvailability> {
  return computeAvailability({
    settings,
    zone: LA,
    from: '2026-06-10',
    to: '2026-06-10',
    guests: 10,
    chefCount: 2,
    occupied: [],
    now,
    ...overrides,
  });
}

function booking(startsAt: string, chefs = 1): OccupiedWindow {
  const window = eventWindow(at(startsAt), settings);
  return { startsAt: window.startsAt, blockedUntil: window.blockedUntil, chefs };
}

function slotNotOfferedReason(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(SlotNotOfferedError);
    return (error as SlotNotOfferedError).reason;
  }
  throw new Error('expected SlotNotOfferedError, nothing was thrown');
}

describe(chefsNeeded.name, () => {
  it.each([
    [1, 1],
    [15, 1],
    [16, 2],
    [30, 2],
    [31, 3],
    [45, 3],
    [46, 4],
  ])('%d guests need %d chef(s) at 15 per chef', (guests, chefs) => {
    expect(chefsNeeded(guests, 15)).toBe(chefs);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %d guests', (guests) => {
    expect(() => chefsNeeded(guests, 15)).toThrow(InvalidPartyError);
  });
});

describe(localSlotInstant.name, () => {
  it.each([
    ['2026-03-07', '12:00', '2026-03-07T20:00:00.000Z'], // PST, UTC-8
    ['2026-03-08', '12:00', '2026-03-08T19:00:00.000Z'], // PDT from 02:00 that morning, UTC-7
    ['2026-03-08', '01:59', '2026-03-08T09:59:00.000Z'],
    ['2026-03-08', '03:00', '2026-03-08T10:00:00.000Z'],
    ['2026-10-31', '12:00', '2026-10-31T19:00:00.000Z'],
    ['2026-11-01', '12:00', '2026-11-01T20:00:00.000Z'], // PST again
    ['2026-11-01', '02:30', '2026-11-01T10:30:00.000Z'], // after the repeated hour: PST only
    ['2026-06-10', '00:00', '2026-06-10T07:00:00.000Z'],
  ])('%s %s is %s', (date, time, iso) => {
    expect(localSlotInstant(date, time, LA)?.toISOString()).toBe(iso);
  });

  it.each(['02:00', '02:30', '02:59'])('returns null for %s on 2026-03-08, skipped by spring-forward', (time) => {
    expect(localSlotInstant('2026-03-08', time, LA)).toBeNull();
  });

  it('takes the earlier of the two 01:30s on 2026-11-01 (PDT, not PST)', () => {
    expect(localSlotInstant('2026-11-01', '01:30', LA)?.toISOString()).toBe('2026-11-01T08:30:00.000Z');
  });

  it.each([
    ['2026-02-30', '12:00'],
    ['2026-06-10', '24:00'],
    ['2026-06-10', '9:00'],
    ['2026-06-10', '12:00:30'],
    ['20260610', '12:00'],
  ])('returns null for the malformed %s %s', (date, time) => {
    expect(localSlotInstant(date, time, LA)).toBeNull();
  });

  it('refuses an unknown zone rather than closing every slot', () => {
    expect(() => localSlotInstant('2026-06-10', '12:00', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe(eventWindow.name, () => {
  it('ends after the duration and blocks the chefs for the buffer after that', () => {
    const startsAt = at('2026-06-10T19:00:00Z');
    expect(eventWindow(startsAt, settings)).toEqual({
      startsAt,
      endsAt: at('2026-06-10T21:00:00Z'),
      blockedUntil: at('2026-06-10T22:00:00Z'),
    });
  });
});

describe(localDatesTouched.name, () => {
  it('is the one local date of a window inside a day', () => {
    expect(
      localDatesTouched({ startsAt: at('2026-06-10T19:00:00Z'), blockedUntil: at('2026-06-10T22:00:00Z') }, LA),
    ).toEqual(['2026-06-10']);
  });

  it('names every day of a long window, the middle ones too', () => {
    // 18:00 local on the 10th until 06:00 local on the 13th.
    const window = { startsAt: at('2026-06-11T01:00:00Z'), blockedUntil: at('2026-06-13T13:00:00Z') };
    expect(localDatesTouched(window, LA)).toEqual(['2026-06-10', '2026-06-11', '2026-06-12', '2026-06-13']);
  });

  it('does not name the day a window ends exactly at the start of', () => {
    // 21:00 until midnight local time.
    const window = { startsAt: at('2026-06-11T04:00:00Z'), blockedUntil: at('2026-06-11T07:00:00Z') };
    expect(localDatesTouched(window, LA)).toEqual(['2026-06-10']);
  });
});

describe(remainingChefs.name, () => {
  const window = { startsAt: at('2026-06-10T19:00:00Z'), blockedUntil: at('2026-06-10T22:00:00Z') };

  it('is the chef count when nothing overlaps', () => {
    expect(remainingChefs(window, [], 3)).toBe(3);
  });

  it('ignores windows that only touch it, at either end', () => {
    const before = { startsAt: at('2026-06-10T16:00:00Z'), blockedUntil: at('2026-06-10T19:00:00Z'), chefs: 1 };
    const after = { startsAt: at('2026-06-10T22:00:00Z'), blockedUntil: at('2026-06-11T01:00:00Z'), chefs: 1 };
    expect(remainingChefs(window, [before, after], 3)).toBe(3);
  });

  it('subtracts windows overlapping by a single millisecond', () => {
    const before = { startsAt: at('2026-06-10T16:00:00Z'), blockedUntil: at('2026-06-10T19:00:00.001Z'), chefs: 1 };
    const after = { startsAt: at('2026-06-10T21:59:59.999Z'), blockedUntil: at('2026-06-11T01:00:00Z'), chefs: 1 };
    expect(remainingChefs(window, [before, after], 3)).toBe(1);
  });

  it('subtracts windows that contain it or that it contains', () => {
    const around = { startsAt: at('2026-06-10T18:00:00Z'), blockedUntil: at('2026-06-10T23:00:00Z'), chefs: 1 };
    const inside = { startsAt: at('2026-06-10T20:00:00Z'), blockedUntil: at('2026-06-10T21:00:00Z'), chefs: 2 };
    expect(remainingChefs(window, [around, inside], 5)).toBe(2);
  });

  it('sums overlapping windows even when they do not overlap each other, never over-booking', () => {
    const early = { startsAt: at('2026-06-10T17:00:00Z'), blockedUntil: at('2026-06-10T20:00:00Z'), chefs: 1 };
    const late = { startsAt: at('2026-06-10T21:00:00Z'), blockedUntil: at('2026-06-11T00:00:00Z'), chefs: 1 };
    expect(remainingChefs(window, [early, late], 2)).toBe(0);
  });

  it('never goes below zero', () => {
    const crowd = { startsAt: window.startsAt, blockedUntil: window.blockedUntil, chefs: 5 };
    expect(remainingChefs(window, [crowd], 2)).toBe(0);
  });
});

describe(computeAvailability.name, () => {
  it('ends at the last day even at the edge of the calendar (no endless loop past 9999-12-31)', () => {
    const days = availability({ from: '9999-12-30', to: '9999-12-31' });
    expect(days.map((day) => [day.date, day.closedReason])).toEqual([
      ['9999-12-30', 'too_far_ahead'],
      ['9999-12-31', 'too_far_ahead'],
    ]);
  });

  it('lists the slots of a day in time order with their UTC instants', () => {
    expect(availability({})).toEqual([
      {
        date: '2026-06-10',
        closedReason: null,
        slots: [
          {
            time: '12:00',
            startsAt: '2026-06-10T19:00:00.000Z',
            endsAt: '2026-06-10T21:00:00.000Z',
            remainingChefs: 2,
            available: true,
            unavailableReason: null,
          },
          {
            time: '15:00',
            startsAt: '2026-06-10T22:00:00.000Z',
            endsAt: '2026-06-11T00:00:00.000Z',
            remainingChefs: 2,
            available: true,
            unavailableReason: null,
          },
          {
            time: '18:00',
            startsAt: '2026-06-11T01:00:00.000Z',
            endsAt: '2026-06-11T03:00:00.000Z',
            remainingChefs: 2,
            available: true,
            unavailableReason: null,
          },
        ],
      },
    ]);
  });

  it('returns one entry per local date, both ends included', () => {
    const days = availability({ from: '2026-06-28', to: '2026-07-03' });
    expect(days.map((day) => day.date)).toEqual([
      '2026-06-28',
      '2026-06-29',
      '2026-06-30',
      '2026-07-01',
      '2026-07-02',
      '2026-07-03',
    ]);
  });

  describe('across daylight-saving changes in America/Los_Angeles', () => {
    const dstSettings = { ...settings, slotTimes: ['01:30', '02:30', '12:00'] };
    const instants = (days: ReturnType<typeof computeAvailability>): Record<string, string[]> =>
      Object.fromEntries(days.map((day) => [day.date, day.slots.map((slot) => `${slot.time} ${slot.startsAt}`)]));

    it('omits 02:30 on the spring-forward day and shifts the offset to UTC-7', () => {
      const days = availability({
        settings: dstSettings,
        from: '2026-03-07',
        to: '2026-03-09',
        now: at('2026-03-01T00:00:00Z'),
      });
      expect(instants(days)).toEqual({
        '2026-03-07': [
          '01:30 2026-03-07T09:30:00.000Z',
          '02:30 2026-03-07T10:30:00.000Z',
          '12:00 2026-03-07T20:00:00.000Z',
        ],
        '2026-03-08': ['01:30 2026-03-08T09:30:00.000Z', '12:00 2026-03-08T19:00:00.000Z'],
        '2026-03-09': [
          '01:30 2026-03-09T08:30:00.000Z',
          '02:30 2026-03-09T09:30:00.000Z',
          '12:00 2026-03-09T19:00:00.000Z',
        ],
      });
      expect(days[1].slots[1].endsAt).toBe('2026-03-08T21:00:00.000Z');
    });

    it('offers the repeated 01:30 once, at its first occurrence, on the fall-back day', () => {
      const days = availability({
        settings: dstSettings,
        from: '2026-10-31',
        to: '2026-11-02',
        now: at('2026-10-01T00:00:00Z'),
      });
      expect(instants(days)).toEqual({
        '2026-10-31': [
          '01:30 2026-10-31T08:30:00.000Z',
          '02:30 2026-10-31T09:30:00.000Z',
          '12:00 2026-10-31T19:00:00.000Z',
        ],
        '2026-11-01': [
          '01:30 2026-11-01T08:30:00.000Z',
          '02:30 2026-11-01T10:30:00.000Z',
          '12:00 2026-11-01T20:00:00.000Z',
        ],
        '2026-11-02': [
          '01:30 2026-11-02T09:30:00.000Z',
          '02:30 2026-11-02T10:30:00.000Z',
          '12:00 2026-11-02T20:00:00.000Z',
        ],
      });
    });
  });

  describe('minimum notice', () => {
    // The 12:00 slot on 2026-06-03 starts at 19:00Z, exactly 48 h after `now`.
    const slotAt = (instant: Date): unknown =>
      availability({ from: '2026-06-03', to: '2026-06-03', now: instant })[0].slots.find(
        (slot) => slot.time === '12:00',
      );

    it('offers a slot starting exactly at now + minNoticeHours', () => {
      expect(slotAt(now)).toEqual(expect.objectContaining({ available: true, unavailableReason: null }));
    });

    it('marks a slot 1 ms short of the notice too_soon', () => {
      expect(slotAt(new Date(now.getTime() + 1))).toEqual(
        expect.objectContaining({ available: false, unavailableReason: 'too_soon' }),
      );
    });

    it('reports too_soon before full', () => {
      const days = availability({
        from: '2026-06-02',
        to: '2026-06-02',
        occupied: [booking('2026-06-02T19:00:00Z', 2)],
      });
      expect(days[0].slots[0]).toEqual(
        expect.objectContaining({ time: '12:00', remainingChefs: 0, unavailableReason: 'too_soon' }),
      );
    });
  });

  describe('closed days', () => {
    it('closes the days before today and keeps today open', () => {
      const days = availability({ from: '2026-05-31', to: '2026-06-01' });
      expect(days).toEqual([
        { date: '2026-05-31', closedReason: 'in_the_past', slots: [] },
        expect.objectContaining({ date: '2026-06-01', closedReason: null }),
      ]);
      expect(days[1].slots.map((slot) => slot.unavailableReason)).toEqual(['too_soon', 'too_soon', 'too_soon']);
    });

    it('takes today from the station zone, not from UTC', () => {
      // 2026-06-02T06:00Z is still 2026-06-01 23:00 in Los Angeles.
      const days = availability({ from: '2026-06-01', to: '2026-06-01', now: at('2026-06-02T06:00:00Z') });
      expect(days[0].closedReason).toBeNull();
    });

    it('closes a blackout date', () => {
      expect(availability({ from: '2026-07-04', to: '2026-07-04' })).toEqual([
        { date: '2026-07-04', closedReason: 'blackout_date', slots: [] },
      ]);
    });

    it('reports a past blackout date as in the past', () => {
      const days = availability({
        settings: { ...settings, blackoutDates: ['2026-05-30'] },
        from: '2026-05-30',
        to: '2026-05-30',
      });
      expect(days[0].closedReason).toBe('in_the_past');
    });

    it('opens the day exactly maxDaysAhead after today and closes the next', () => {
      const days = availability({ from: '2026-11-28', to: '2026-11-29' });
      expect(days.map((day) => day.closedReason)).toEqual([null, 'too_far_ahead']);
      expect(days[0].slots).toHaveLength(3);
      expect(days[1].slots).toEqual([]);
    });

    it('counts maxDaysAhead from the local today late in the evening', () => {
      const days = availability({ from: '2026-11-28', to: '2026-11-29', now: at('2026-06-02T06:00:00Z') });
      expect(days.map((day) => day.closedReason)).toEqual([null, 'too_far_ahead']);
    });
  });

  describe('capacity', () => {
    it('subtracts an overlapping booking and ignores one whose window only touches the slot', () => {
      // A booking at 12:00 blocks its chef until 15:00 local, exactly when the 15:00 slot starts.
      const days = availability({ occupied: [booking('2026-06-10T19:00:00Z')] });
      expect(days[0].slots.map((slot) => [slot.time, slot.remainingChefs, slot.unavailableReason])).toEqual([
        ['12:00', 1, null],
        ['15:00', 2, null],
        ['18:00', 2, null],
      ]);
    });

    it('blocks the earlier slot whose buffer runs into a later booking', () => {
      // 12:00 slot is blocked until 22:00Z; a booking starting 21:30Z overlaps it but not 18:00 (01:00Z).
      const days = availability({ occupied: [booking('2026-06-10T21:30:00Z', 2)] });
      expect(days[0].slots.map((slot) => [slot.time, slot.remainingChefs, slot.unavailableReason])).toEqual([
        ['12:00', 0, 'full'],
        ['15:00', 0, 'full'],
        ['18:00', 2, null],
      ]);
    });

    it('needs three free chefs for 31 guests at 15 per chef', () => {
      const occupied = [booking('2026-06-10T19:00:00Z')];
      const slotFor = (guests: number): unknown => availability({ guests, chefCount: 3, occupied })[0].slots[0];
      expect(slotFor(31)).toEqual(
        expect.objectContaining({ remainingChefs: 2, available: false, unavailableReason: 'full' }),
      );
      expect(slotFor(30)).toEqual(expect.objectContaining({ remainingChefs: 2, available: true }));
    });

    it('is full everywhere for a station without chefs', () => {
      const days = availability({ chefCount: 0 });
      expect(days[0].slots.every((slot) => slot.unavailableReason === 'full')).toBe(true);
    });
  });

  it('refuses a party without guests', () => {
    expect(() => availability({ guests: 0 })).toThrow(InvalidPartyError);
  });
});

describe(assertSlotOffered.name, () => {
  const offered = (startsAt: string, instant = now, zoneSettings = settings): unknown =>
    assertSlotOffered(at(startsAt), zoneSettings, LA, instant);

  it('returns the local date and time of an offered slot', () => {
    expect(offered('2026-06-10T19:00:00Z')).toEqual({ date: '2026-06-10', time: '12:00' });
    expect(offered('2026-06-11T01:00:00Z')).toEqual({ date: '2026-06-10', time: '18:00' });
  });

  it('refuses a start in the past', () => {
    expect(slotNotOfferedReason(() => offered('2026-06-01T18:59:59Z'))).toBe('in_the_past');
  });

  it('accepts a start exactly minNoticeHours away and refuses one 1 ms closer', () => {
    const startsAt = '2026-06-10T19:00:00Z';
    const noticeEdge = new Date(at(startsAt).getTime() - 48 * HOUR);
    expect(offered(startsAt, noticeEdge)).toEqual({ date: '2026-06-10', time: '12:00' });
    expect(slotNotOfferedReason(() => offered(startsAt, new Date(noticeEdge.getTime() + 1)))).toBe('too_soon');
  });

  it('accepts the last day within maxDaysAhead and refuses the day after', () => {
    expect(offered('2026-11-28T20:00:00Z')).toEqual({ date: '2026-11-28', time: '12:00' });
    expect(slotNotOfferedReason(() => offered('2026-11-29T20:00:00Z'))).toBe('too_far_ahead');
  });

  it('refuses a blackout date', () => {
    expect(slotNotOfferedReason(() => offered('2026-07-04T19:00:00Z'))).toBe('blackout_date');
  });

  it.each([
    ['a time that is not a slot', '2026-06-10T20:00:00Z'],
    ['a slot time plus seconds', '2026-06-10T19:00:30Z'],
    ['a slot time plus a millisecond', '2026-06-10T19:00:00.001Z'],
    ['a slot time read in UTC instead of the station zone', '2026-06-10T12:00:00Z'],
  ])('refuses %s', (_label, startsAt) => {
    expect(slotNotOfferedReason(() => offered(startsAt))).toBe('not_a_slot_time');
  });

  it('accepts only the first occurrence of a time repeated by fall-back', () => {
    const withRepeated = { ...settings, slotTimes: ['01:30', '12:00'] };
    const october = at('2026-10-01T00:00:00Z');
    expect(offered('2026-11-01T08:30:00Z', october, withRepeated)).toEqual({ date: '2026-11-01', time: '01:30' });
    expect(slotNotOfferedReason(() => offered('2026-11-01T09:30:00Z', october, withRepeated))).toBe('not_a_slot_time');
  });

  it('reads the slot time in the zone on both sides of spring-forward', () => {
    const march = at('2026-03-01T00:00:00Z');
    expect(offered('2026-03-07T20:00:00Z', march)).toEqual({ date: '2026-03-07', time: '12:00' });
    expect(offered('2026-03-08T19:00:00Z', march)).toEqual({ date: '2026-03-08', time: '12:00' });
    expect(slotNotOfferedReason(() => offered('2026-03-08T20:00:00Z', march))).toBe('not_a_slot_time');
  });

  it('puts the reason and the instant in the error details', () => {
    expect(() => offered('2026-07-04T19:00:00Z')).toThrow(
      expect.objectContaining({
        code: 'slot_not_offered',
        details: { reason: 'blackout_date', startsAt: '2026-07-04T19:00:00.000Z', date: '2026-07-04' },
      }),
    );
  });
});
