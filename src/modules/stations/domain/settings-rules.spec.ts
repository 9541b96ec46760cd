import { settingsProblems } from './settings-rules.js';
import { DEFAULT_STATION_SETTINGS, type ServiceArea } from './station-settings.js';

const area: ServiceArea = {
  zipCodes: ['95112'],
  radiusMiles: 20,
  travelFeeTiers: [
    { upToMiles: 10, feeCents: 0 },
    { upToMiles: 20, feeCents: 500 },
  ],
};
const fields = (problems: { field: string }[]): string[] => problems.map((problem) => problem.field).sort();

describe(settingsProblems.name, () => {
  it('accepts the defaults', () => {
    expect(settingsProblems(DEFAULT_STATION_SETTINGS, area)).toEqual([]);
  });

  it('names each incoherent setting', () => {
    const settings = {
      ...DEFAULT_STATION_SETTINGS,
      slotTimes: [],
      prices: {
        ...DEFAULT_STATION_SETTINGS.prices,
        toddlerMaxAge: 13,
        depositCents: 60000,
        upgrades: [
          { code: 'filet', name: 'Filet', priceCents: 1000, per: 'person' as const },
          { code: 'filet', name: 'Filet again', priceCents: 1200, per: 'person' as const },
        ],
      },
      cancellationPolicy: [
        { minHoursBefore: 48, refundPercent: 50 },
        { minHoursBefore: 48, refundPercent: 20 },
      ],
    };
    const unordered = {
      zipCodes: [],
      radiusMiles: 0,
      travelFeeTiers: [
        { upToMiles: 20, feeCents: 0 },
        { upToMiles: 10, feeCents: 5 },
      ],
    };
    expect(fields(settingsProblems(settings, unordered))).toEqual([
      'serviceArea',
      'serviceArea.travelFeeTiers',
      'settings.cancellationPolicy',
      'settings.prices.depositCents',
      'settings.prices.toddlerMaxAge',
      'settings.prices.upgrades',
      'settings.slotTimes',
    ]);
  });
});
