import { InvalidPartyError, OutsideServiceAreaError, UnknownUpgradeError } from './booking.errors.js';

export interface PriceUpgrade {
  code: string;
  name: string;
  priceCents: number;
  per: 'person' | 'event';
}

/** A station's price list; all amounts are integer cents. */
export interface PriceList {
  currency: string;
  adultCents: number;
  childCents: number;
  childMaxAge: number;
  toddlerMaxAge: number;
  minimumOrderCents: number;
  depositCents: number;
  upgrades: readonly PriceUpgrade[];
}

export interface TravelFeeTier {
  upToMiles: number;
  feeCents: number;
}

export interface ServiceArea {
  zipCodes: readonly string[];
  /** 0 means the listed ZIP codes only (coordinates then only choose the fee tier). */
  radiusMiles: number;
  travelFeeTiers: readonly TravelFeeTier[];
}

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export interface Party {
  adults: number;
  children: number;
  toddlers: number;
}

export interface UpgradeRequest {
  code: string;
  quantity: number;
}

export interface QuoteAddress {
  postalCode: string;
  latitude?: number;
  longitude?: number;
}

export interface QuoteInput {
  prices: PriceList;
  serviceArea: ServiceArea;
  stationLocation: GeoPoint;
  party: Party;
  upgrades: readonly UpgradeRequest[];
  address: QuoteAddress;
}

export interface QuoteLine {
  /** 'adult' | 'child' | 'toddler' | 'upgrade:<code>' | 'minimum_order' | 'travel_fee' */
  code: string;
  description: string;
  quantity: number;
  unitCents: number;
  amountCents: number;
}

export interface Quote {
  currency: string;
  lines: QuoteLine[];
  /** Food and upgrades, before the minimum-order adjustment and the travel fee. */
  subtotalCents: number;
  travelFeeCents: number;
  minimumOrderAdjustmentCents: number;
  /** Always the sum of `lines`. */
  totalCents: number;
  depositCents: number;
  balanceCents: number;
  /** Adults and children: the headcount chef capacity is planned for; toddlers do not count. */
  guests: number;
  /** Straight-line miles from the station, to 0.1; null when the address has no coordinates. */
  distanceMiles: number | null;
}

const EARTH_RADIUS_MILES = 3958.8;

export function computeQuote(input: QuoteInput): Quote {
  const { prices, party } = input;
  assertParty(party);
  const guests = party.adults + party.children;

  const lines: QuoteLine[] = [line('adult', 'Adult', party.adults, prices.adultCents)];
  if (party.children > 0) {
    const ages = `ages ${prices.toddlerMaxAge + 1}–${prices.childMaxAge}`;
    lines.push(line('child', `Child, ${ages}`, party.children, prices.childCents));
  }
  if (party.toddlers > 0) {
    lines.push(line('toddler', `Toddler, age ${prices.toddlerMaxAge} and under, free`, party.toddlers, 0));
  }
  lines.push(...upgradeLines(prices.upgrades, input.upgrades, guests));
  const subtotalCents = sumOf(lines);

  const minimumOrderAdjustmentCents = Math.max(0, prices.minimumOrderCents - subtotalCents);
  if (minimumOrderAdjustmentCents > 0) {
    lines.push(line('minimum_order', 'Adjustment to the minimum order', 1, minimumOrderAdjustmentCents));
  }

  const { distanceMiles, feeCents: travelFeeCents } = travel(input.serviceArea, input.stationLocation, input.address);
  if (travelFeeCents > 0) {
    const description =
      distanceMiles === null ? 'Travel fee (address not located: farthest zone)' : `Travel fee (${distanceMiles} mi)`;
    lines.push(line('travel_fee', description, 1, travelFeeCents));
  }

  const totalCents = sumOf(lines);
  const depositCents = Math.min(prices.depositCents, totalCents);
  return {
    currency: prices.currency,
    lines,
    subtotalCents,
    travelFeeCents,
    minimumOrderAdjustmentCents,
    totalCents,
    depositCents,
    balanceCents: totalCents - depositCents,
    guests,
    distanceMiles,
  };
}

/** Great-circle distance in miles. */
export function haversineMiles(from: GeoPoint, to: GeoPoint): number {
  const radians = (degrees: number): number => (degrees * Math.PI) / 180;
  const dLat = radians(to.latitude - from.latitude);
  const dLon = radians(to.longitude - from.longitude);
  const a =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(radians(from.latitude)) * Math.cos(radians(to.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(a)));
}

function assertParty(party: Party): void {
  for (const field of ['adults', 'children', 'toddlers'] as const) {
    const count = party[field];
    if (!Number.isInteger(count) || count < 0) {
      throw new InvalidPartyError(`${field} must be a whole number of at least 0.`, { field, value: count });
    }
  }
  if (party.adults < 1) throw new InvalidPartyError('A party needs at least one adult.', { field: 'adults' });
}

function upgradeLines(
  offered: readonly PriceUpgrade[],
  requested: readonly UpgradeRequest[],
  guests: number,
): QuoteLine[] {
  const seen = new Set<string>();
  return requested.map(({ code, quantity }) => {
    const upgrade = offered.find((candidate) => candidate.code === code);
    if (!upgrade) throw new UnknownUpgradeError(code);
    if (seen.has(code)) throw new InvalidPartyError(`Upgrade "${code}" is listed more than once.`, { code });
    seen.add(code);
    if (upgrade.per === 'event' && quantity !== 1) {
      throw new InvalidPartyError(`Upgrade "${code}" is per event; its quantity must be 1.`, { code, quantity });
    }
    if (upgrade.per === 'person' && (!Number.isInteger(quantity) || quantity < 1 || quantity > guests)) {
      throw new InvalidPartyError(`Upgrade "${code}" is per person; its quantity must be from 1 to ${guests}.`, {
        code,
        quantity,
        guests,
      });
    }
    const description = upgrade.per === 'event' ? `${upgrade.name} (per event)` : upgrade.name;
    return line(`upgrade:${code}`, description, quantity, upgrade.priceCents);
  });
}

/**
 * Coordinates, when known, outrank the postal code: a ZIP can straddle the radius, a point cannot.
 * Without coordinates the postal code is all there is, and it is charged at the farthest tier: leaving
 * the point out must never make the trip cheaper. (Both come from the client; staff check the address
 * when they confirm, and a corrected address is re-quoted.)
 */
function travel(
  area: ServiceArea,
  station: GeoPoint,
  address: QuoteAddress,
): { distanceMiles: number | null; feeCents: number } {
  const tiers = [...area.travelFeeTiers].sort((a, b) => a.upToMiles - b.upToMiles);
  const servedZip = area.zipCodes.includes(address.postalCode);
  const { latitude, longitude } = address;

  if (latitude === undefined || longitude === undefined) {
    if (!servedZip) throw new OutsideServiceAreaError('address_not_placed', { postalCode: address.postalCode });
    return { distanceMiles: null, feeCents: tiers.at(-1)?.feeCents ?? 0 };
  }

  const distanceMiles = Math.round(haversineMiles(station, { latitude, longitude }) * 10) / 10;
  if (area.radiusMiles === 0 && !servedZip) {
    // A ZIP-only area: a point, however near, does not add a ZIP code the station never listed.
    throw new OutsideServiceAreaError('postal_code_not_served', { postalCode: address.postalCode, distanceMiles });
  }
  if (area.radiusMiles > 0 && distanceMiles > area.radiusMiles) {
    throw new OutsideServiceAreaError('beyond_radius', { distanceMiles, radiusMiles: area.radiusMiles });
  }
  if (tiers.length === 0) return { distanceMiles, feeCents: 0 };
  const tier = tiers.find((candidate) => distanceMiles <= candidate.upToMiles);
  if (!tier) {
    throw new OutsideServiceAreaError('beyond_last_tier', {
      distanceMiles,
      lastTierMiles: tiers[tiers.length - 1].upToMiles,
    });
  }
  return { distanceMiles, feeCents: tier.feeCents };
}

function line(code: string, description: string, quantity: number, unitCents: number): QuoteLine {
  return { code, description, quantity, unitCents, amountCents: quantity * unitCents };
}

function sumOf(lines: readonly QuoteLine[]): number {
  return lines.reduce((sum, each) => sum + each.amountCents, 0);
}
