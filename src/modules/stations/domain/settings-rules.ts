import type { FieldError } from '../../../common/errors/domain-error.js';
import type { ServiceArea, StationSettings } from './station-settings.js';

/**
 * Rules across settings that field validation cannot see. Returns the broken ones as field errors
 * (empty when the settings are coherent), so they reach the client like any validation error.
 */
export function settingsProblems(settings: StationSettings, serviceArea: ServiceArea): FieldError[] {
  const problems: FieldError[] = [];
  const add = (field: string, message: string): void => void problems.push({ field, messages: [message] });
  const { prices, cancellationPolicy } = settings;

  if (prices.toddlerMaxAge > prices.childMaxAge) {
    add('settings.prices.toddlerMaxAge', 'toddlerMaxAge must not exceed childMaxAge');
  }
  if (prices.minimumOrderCents > 0 && prices.depositCents > prices.minimumOrderCents) {
    add('settings.prices.depositCents', 'depositCents must not exceed minimumOrderCents');
  }
  const codes = prices.upgrades.map((upgrade) => upgrade.code);
  if (new Set(codes).size !== codes.length) add('settings.prices.upgrades', 'upgrade codes must be unique');
  if (settings.slotTimes.length === 0) add('settings.slotTimes', 'slotTimes must list at least one start time');

  const hours = cancellationPolicy.map((rule) => rule.minHoursBefore);
  if (new Set(hours).size !== hours.length) {
    add('settings.cancellationPolicy', 'cancellationPolicy must not repeat a minHoursBefore');
  }
  const tiers = serviceArea.travelFeeTiers.map((tier) => tier.upToMiles);
  if (tiers.some((miles, index) => index > 0 && miles <= tiers[index - 1])) {
    add('serviceArea.travelFeeTiers', 'travelFeeTiers must be in ascending order of upToMiles');
  }
  if (serviceArea.zipCodes.length === 0 && serviceArea.radiusMiles === 0) {
    add('serviceArea', 'serviceArea needs ZIP codes or a radius');
  }
  return problems;
}
