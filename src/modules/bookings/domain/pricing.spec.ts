import { InvalidPartyError, OutsideServiceAreaError, UnknownUpgradeError } from './booking.errors.js';
import {
  computeQuote,
  type GeoPoint,
  haversineMiles,
  type PriceList,
  type Quote,
  type QuoteInput,
  type ServiceArea,
} from './pricing.js';

const prices: PriceList = {
  currency: 'USD',
  adultCents: 6000,
  childCents: 3000,
  childMaxAge: 12,
  toddlerMaxAge: 3,
  minimumOrderCents: 55000,
  depositCents: 10000,
  upgrades: [
    { code: 'filet', name: 'Filet mignon', priceCents: 1000, per: 'person' },
    { code: 'lobster', name: 'Lobster tail', priceCents: 1500, per: 'person' },
    { code: 'sake_bar', name: 'Sake bar', priceCents: 15000, per: 'event' },
  ],
};

const serviceArea: ServiceArea = {
  zipCodes: ['95112', '95113'],
  radiusMiles: 30,
  travelFeeTiers: [
    { upToMiles: 20, feeCents: 2500 },
    { upToMiles: 10, feeCents: 0 },
  ],
};

const station: GeoPoint = { latitude: 37.3382, longitude: -121.8863 };
const MILES_PER_DEGREE_LATITUDE = (3958.8 * Math.PI) / 180;
/** An address `miles` due north of the station, in a ZIP code the station does not list. */
const milesNorth = (miles: number): QuoteInput['address'] => ({
  postalCode: '94000',
  latitude: station.latitude + miles / MILES_PER_DEGREE_LATITUDE,
  longitude: station.longitude,
});

function quote(overrides: Partial<QuoteInput> = {}): Quote {
  return computeQuote({
    prices,
    serviceArea,
    stationLocation: station,
    party: { adults: 10, children: 0, toddlers: 0 },
    upgrades: [],
    address: { postalCode: '95112', latitude: station.latitude, longitude: station.longitude },
    ...overrides,
  });
}

const sumOfLines = (sut: Quote): number => sut.lines.reduce((sum, line) => sum + line.amountCents, 0);

function outsideReason(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(OutsideServiceAreaError);
    return (error as OutsideServiceAreaError).reason;
  }
  throw new Error('expected OutsideServiceAreaError, nothing was thrown');
}

describe(computeQuote.name, () => {
  it('prices adults alone above the minimum order, with no child, toddler or fee lines', () => {
    expect(quote()).toEqual({
      currency: 'USD',
      lines: [{ code: 'adult', description: 'Adult', quantity: 10, unitCents: 6000, amountCents: 60000 }],
      subtotalCents: 60000,
      travelFeeCents: 0,
      minimumOrderAdjustmentCents: 0,
      totalCents: 60000,
      depositCents: 10000,
      balanceCents: 50000,
      guests: 10,
      distanceMiles: 0,
    });
  });

  it('tops a small party up to the minimum order and lets toddlers eat free', () => {
    const sut = quote({ party: { adults: 4, children: 2, toddlers: 1 } });
    expect(sut.lines).toEqual([
      { code: 'adult', description: 'Adult', quantity: 4, unitCents: 6000, amountCents: 24000 },
      { code: 'child', description: 'Child, ages 4–12', quantity: 2, unitCents: 3000, amountCents: 6000 },
      { code: 'toddler', description: 'Toddler, age 3 and under, free', quantity: 1, unitCents: 0, amountCents: 0 },
      {
        code: 'minimum_order',
        description: 'Adjustment to the minimum order',
        quantity: 1,
        unitCents: 25000,
        amountCents: 25000,
      },
    ]);
    expect(sut).toEqual(
      expect.objectContaining({
        subtotalCents: 30000,
        minimumOrderAdjustmentCents: 25000,
        totalCents: 55000,
        guests: 6,
      }),
    );
  });

  it('applies no adjustment when the party meets the minimum exactly', () => {
    const sut = quote({ party: { adults: 8, children: 2, toddlers: 0 }, upgrades: [{ code: 'filet', quantity: 1 }] });
    expect(sut.subtotalCents).toBe(55000);
    expect(sut.minimumOrderAdjustmentCents).toBe(0);
    expect(sut.lines.map((line) => line.code)).not.toContain('minimum_order');
  });

  it('prices per-person upgrades by quantity and per-event upgrades once, in request order', () => {
    const sut = quote({
      party: { adults: 10, children: 2, toddlers: 0 },
      upgrades: [
        { code: 'sake_bar', quantity: 1 },
        { code: 'filet', quantity: 5 },
      ],
    });
    expect(sut.lines.slice(2)).toEqual([
      {
        code: 'upgrade:sake_bar',
        description: 'Sake bar (per event)',
        quantity: 1,
        unitCents: 15000,
        amountCents: 15000,
      },
      { code: 'upgrade:filet', description: 'Filet mignon', quantity: 5, unitCents: 1000, amountCents: 5000 },
    ]);
    expect(sut.subtotalCents).toBe(60000 + 6000 + 15000 + 5000);
    expect(sut.totalCents).toBe(86000);
  });

  it('counts upgrades towards the minimum order', () => {
    const sut = quote({ party: { adults: 8, children: 0, toddlers: 0 }, upgrades: [{ code: 'filet', quantity: 5 }] });
    expect(sut.minimumOrderAdjustmentCents).toBe(55000 - 48000 - 5000);
  });

  it('caps the deposit at the total', () => {
    const sut = quote({ prices: { ...prices, minimumOrderCents: 0, depositCents: 100000 } });
    expect(sut).toEqual(expect.objectContaining({ totalCents: 60000, depositCents: 60000, balanceCents: 0 }));
  });

  describe('party', () => {
    it.each([
      ['no adults', { adults: 0, children: 4, toddlers: 0 }],
      ['negative children', { adults: 2, children: -1, toddlers: 0 }],
      ['fractional toddlers', { adults: 2, children: 0, toddlers: 1.5 }],
      ['non-numeric adults', { adults: Number.NaN, children: 0, toddlers: 0 }],
    ])('refuses %s', (_label, party) => {
      expect(() => quote({ party })).toThrow(InvalidPartyError);
    });
  });

  describe('upgrades', () => {
    it('refuses an unknown code', () => {
      expect(() => quote({ upgrades: [{ code: 'wagyu', quantity: 1 }] })).toThrow(UnknownUpgradeError);
    });

    it('refuses a code listed twice', () => {
      const upgrades = [
        { code: 'filet', quantity: 1 },
        { code: 'filet', quantity: 2 },
      ];
      expect(() => quote({ upgrades })).toThrow(InvalidPartyError);
    });

    it('allows a per-person upgrade for every guest, toddlers not counted', () => {
      const party = { adults: 2, children: 1, toddlers: 3 };
      expect(quote({ party, upgrades: [{ code: 'lobster', quantity: 3 }] }).lines).toContainEqual(
        expect.objectContaining({ code: 'upgrade:lobster', amountCents: 4500 }),
      );
      expect(() => quote({ party, upgrades: [{ code: 'lobster', quantity: 4 }] })).toThrow(InvalidPartyError);
    });

    it.each([0, -1, 1.5])('refuses a per-person quantity of %d', (quantity) => {
      expect(() => quote({ upgrades: [{ code: 'filet', quantity }] })).toThrow(InvalidPartyError);
    });

    it.each([0, 2])('refuses a per-event quantity of %d', (quantity) => {
      expect(() => quote({ upgrades: [{ code: 'sake_bar', quantity }] })).toThrow(InvalidPartyError);
    });
  });

  describe('travel', () => {
    it('charges the tier covering the distance and shows it as a line', () => {
      const sut = quote({ address: milesNorth(15) });
      expect(sut.distanceMiles).toBe(15);
      expect(sut.travelFeeCents).toBe(2500);
      expect(sut.lines.at(-1)).toEqual({
        code: 'travel_fee',
        description: 'Travel fee (15 mi)',
        quantity: 1,
        unitCents: 2500,
        amountCents: 2500,
      });
      expect(sut.totalCents).toBe(62500);
    });

    it('includes a tier’s own upper bound and adds no line for a free tier', () => {
      const sut = quote({ address: milesNorth(10) });
      expect(sut).toEqual(expect.objectContaining({ distanceMiles: 10, travelFeeCents: 0 }));
      expect(sut.lines.map((line) => line.code)).not.toContain('travel_fee');
    });

    it('rounds the distance to 0.1 mi before choosing the tier', () => {
      expect(quote({ address: milesNorth(12.345) }).distanceMiles).toBe(12.3);
      expect(quote({ address: milesNorth(20.04) }).distanceMiles).toBe(20);
      expect(outsideReason(() => quote({ address: milesNorth(20.06) }))).toBe('beyond_last_tier');
    });

    it('refuses an address inside the radius but beyond the last tier', () => {
      expect(outsideReason(() => quote({ address: milesNorth(25) }))).toBe('beyond_last_tier');
    });

    it('refuses an address beyond the radius, even in a listed ZIP code', () => {
      expect(outsideReason(() => quote({ address: { ...milesNorth(35), postalCode: '95112' } }))).toBe('beyond_radius');
    });

    it('charges the farthest tier for a listed ZIP code without coordinates', () => {
      const sut = quote({ address: { postalCode: '95113' } });
      expect(sut).toEqual(expect.objectContaining({ distanceMiles: null, travelFeeCents: 2500 }));
      expect(sut.lines.at(-1)).toEqual(
        expect.objectContaining({ code: 'travel_fee', description: 'Travel fee (address not located: farthest zone)' }),
      );
    });

    it('charges nothing for a listed ZIP code when there are no tiers', () => {
      const area = { ...serviceArea, travelFeeTiers: [] };
      expect(quote({ serviceArea: area }).travelFeeCents).toBe(0);
    });

    it('refuses an unlisted ZIP code without coordinates', () => {
      expect(outsideReason(() => quote({ address: { postalCode: '10001' } }))).toBe('address_not_placed');
    });

    it('treats an address with only one coordinate as not placed', () => {
      expect(outsideReason(() => quote({ address: { postalCode: '10001', latitude: station.latitude } }))).toBe(
        'address_not_placed',
      );
    });

    it('serves only listed ZIP codes in a ZIP-only area, whatever coordinates come with the address', () => {
      const zipOnlyWithTiers = { ...serviceArea, radiusMiles: 0 };
      expect(
        outsideReason(() =>
          quote({
            serviceArea: zipOnlyWithTiers,
            address: { postalCode: '10001', latitude: station.latitude, longitude: station.longitude },
          }),
        ),
      ).toBe('postal_code_not_served');
      expect(quote({ serviceArea: zipOnlyWithTiers, address: { ...milesNorth(15), postalCode: '95112' } })).toEqual(
        expect.objectContaining({ distanceMiles: 15, travelFeeCents: 2500 }),
      );
    });

    describe('without fee tiers', () => {
      const noTiers = { ...serviceArea, travelFeeTiers: [] };
      const zipOnly = { ...noTiers, radiusMiles: 0 };

      it('serves anywhere within the radius for free', () => {
        expect(quote({ serviceArea: noTiers, address: milesNorth(29.9) })).toEqual(
          expect.objectContaining({ distanceMiles: 29.9, travelFeeCents: 0 }),
        );
        expect(outsideReason(() => quote({ serviceArea: noTiers, address: milesNorth(30.1) }))).toBe('beyond_radius');
      });

      it('serves only listed ZIP codes when there is no radius either', () => {
        expect(quote({ serviceArea: zipOnly, address: { ...milesNorth(80), postalCode: '95112' } })).toEqual(
          expect.objectContaining({ distanceMiles: 80, travelFeeCents: 0 }),
        );
        expect(outsideReason(() => quote({ serviceArea: zipOnly, address: milesNorth(1) }))).toBe(
          'postal_code_not_served',
        );
      });
    });
  });

  it('keeps every amount in whole cents and the total equal to the sum of the lines, for many random orders', () => {
    const random = mulberry32(20260610);
    const pick = (max: number): number => Math.floor(random() * (max + 1));
    for (let run = 0; run < 1000; run += 1) {
      const party = { adults: 1 + pick(40), children: pick(20), toddlers: pick(5) };
      const guests = party.adults + party.children;
      const upgrades = [
        ...(random() < 0.5 ? [{ code: 'filet', quantity: 1 + pick(guests - 1) }] : []),
        ...(random() < 0.5 ? [{ code: 'lobster', quantity: 1 + pick(guests - 1) }] : []),
        ...(random() < 0.3 ? [{ code: 'sake_bar', quantity: 1 }] : []),
      ];
      const sut = quote({
        prices: { ...prices, depositCents: pick(80000) },
        party,
        upgrades,
        address: random() < 0.2 ? { postalCode: '95112' } : milesNorth(random() * 20),
      });

      const amounts = [
        sut.subtotalCents,
        sut.travelFeeCents,
        sut.minimumOrderAdjustmentCents,
        sut.totalCents,
        sut.depositCents,
        sut.balanceCents,
        ...sut.lines.flatMap((line) => [line.unitCents, line.amountCents]),
      ];
      expect(amounts.every((cents) => Number.isSafeInteger(cents) && cents >= 0)).toBe(true);
      expect(sut.totalCents).toBe(sumOfLines(sut));
      expect(sut.totalCents).toBe(sut.subtotalCents + sut.minimumOrderAdjustmentCents + sut.travelFeeCents);
      expect(sut.totalCents).toBeGreaterThanOrEqual(prices.minimumOrderCents);
      expect(sut.depositCents + sut.balanceCents).toBe(sut.totalCents);
      expect(sut.guests).toBe(guests);
      for (const line of sut.lines) expect(line.amountCents).toBe(line.quantity * line.unitCents);
    }
  });
});

describe(haversineMiles.name, () => {
  it('measures San Francisco to Los Angeles at about 347 miles', () => {
    const sanFrancisco = { latitude: 37.7749, longitude: -122.4194 };
    const losAngeles = { latitude: 34.0522, longitude: -118.2437 };
    expect(haversineMiles(sanFrancisco, losAngeles)).toBeCloseTo(347.4, 1);
    expect(haversineMiles(losAngeles, sanFrancisco)).toBeCloseTo(haversineMiles(sanFrancisco, losAngeles), 9);
  });

  it('is zero from a point to itself', () => {
    expect(haversineMiles(station, station)).toBe(0);
  });
});

/** Small seeded PRNG, so the random orders are the same on every run. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
