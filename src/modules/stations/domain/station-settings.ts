/** Booking rules and prices of a station. Money is integer cents; times are in the station's zone. */
export interface StationSettings {
  /** Event start times, "HH:MM", 24 h, in the station's time zone. */
  slotTimes: string[];
  eventDurationMinutes: number;
  bufferMinutes: number;
  minNoticeHours: number;
  maxDaysAhead: number;
  guestsPerChef: number;
  /** Local dates ("YYYY-MM-DD") without service. */
  blackoutDates: string[];
  prices: StationPrices;
  /** Refund share by notice: the first rule whose `minHoursBefore` the cancellation meets applies. */
  cancellationPolicy: CancellationRule[];
}

export interface StationPrices {
  currency: string;
  adultCents: number;
  childCents: number;
  /** Children at or under this age pay the child price; under `toddlerMaxAge` they are free. */
  childMaxAge: number;
  toddlerMaxAge: number;
  minimumOrderCents: number;
  depositCents: number;
  upgrades: PriceUpgrade[];
}

export interface PriceUpgrade {
  code: string;
  name: string;
  priceCents: number;
  per: 'person' | 'event';
}

export interface CancellationRule {
  minHoursBefore: number;
  refundPercent: number;
}

export interface ServiceArea {
  zipCodes: string[];
  /** Radius from the station's base coordinates; 0 means ZIP codes only. */
  radiusMiles: number;
  /** Travel fee by distance, ascending `upToMiles`; beyond the last tier is outside the area. */
  travelFeeTiers: TravelFeeTier[];
}

export interface TravelFeeTier {
  upToMiles: number;
  feeCents: number;
}

export interface StationAddress {
  line1: string;
  line2?: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

/** Sensible starting rules for a new station; staff adjust them through PATCH /stations/:id. */
export const DEFAULT_STATION_SETTINGS: StationSettings = {
  slotTimes: ['12:00', '15:00', '18:00'],
  eventDurationMinutes: 120,
  bufferMinutes: 60,
  minNoticeHours: 48,
  maxDaysAhead: 180,
  guestsPerChef: 15,
  blackoutDates: [],
  prices: {
    currency: 'USD',
    adultCents: 6000,
    childCents: 3000,
    childMaxAge: 12,
    toddlerMaxAge: 3,
    minimumOrderCents: 55000,
    depositCents: 10000,
    upgrades: [],
  },
  cancellationPolicy: [
    { minHoursBefore: 168, refundPercent: 100 },
    { minHoursBefore: 48, refundPercent: 50 },
    { minHoursBefore: 0, refundPercent: 0 },
  ],
};

/** Shallow merge per top-level setting, so a PATCH can change one rule without restating the rest. */
export function mergeSettings(current: StationSettings, patch: Partial<StationSettings>): StationSettings {
  return {
    ...current,
    ...patch,
    prices: patch.prices ? { ...current.prices, ...patch.prices } : current.prices,
  };
}
