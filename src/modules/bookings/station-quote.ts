import { computeQuote, type Quote, type UpgradeRequest } from './domain/pricing.js';
import type { StationView } from './booking-stations.js';

export interface PartyAndPlace {
  adults: number;
  children?: number;
  toddlers?: number;
  upgrades?: readonly UpgradeRequest[];
  address: { postalCode: string; latitude?: number; longitude?: number };
}

/** The quote of a party at an address under a station's prices and service area. */
export function quoteAtStation(station: StationView, input: PartyAndPlace): Quote {
  return computeQuote({
    prices: station.settings.prices,
    serviceArea: station.serviceArea,
    stationLocation: { latitude: station.latitude, longitude: station.longitude },
    party: { adults: input.adults, children: input.children ?? 0, toddlers: input.toddlers ?? 0 },
    upgrades: (input.upgrades ?? []).map(({ code, quantity }) => ({ code, quantity })),
    address: {
      postalCode: input.address.postalCode,
      latitude: input.address.latitude,
      longitude: input.address.longitude,
    },
  });
}
