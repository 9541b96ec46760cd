import { DomainError } from '../../../common/errors/domain-error.js';

export class SlotUnavailableError extends DomainError {
  constructor(startsAt: Date, remainingChefs: number, chefsNeeded: number) {
    super(
      'slot_unavailable',
      `The slot starting ${startsAt.toISOString()} has ${remainingChefs} chef(s) free, but the party needs ${chefsNeeded}.`,
      { startsAt: startsAt.toISOString(), remainingChefs, chefsNeeded },
    );
  }
}

export type SlotNotOfferedReason =
  'not_a_slot_time' | 'too_soon' | 'too_far_ahead' | 'blackout_date' | 'in_the_past' | 'nonexistent_local_time';

const SLOT_NOT_OFFERED_MESSAGES: Record<SlotNotOfferedReason, string> = {
  not_a_slot_time: 'The requested start time is not one of the station’s event start times.',
  too_soon: 'The requested start time is sooner than the station’s minimum booking notice.',
  too_far_ahead: 'The requested date is further ahead than the station takes bookings.',
  blackout_date: 'The station does not serve events on the requested date.',
  in_the_past: 'The requested start time is in the past.',
  nonexistent_local_time: 'The requested local time does not exist on that date (daylight-saving change).',
};

export class SlotNotOfferedError extends DomainError {
  constructor(
    readonly reason: SlotNotOfferedReason,
    context: Record<string, unknown> = {},
  ) {
    super('slot_not_offered', SLOT_NOT_OFFERED_MESSAGES[reason], { reason, ...context });
  }
}

export type OutsideServiceAreaReason =
  'beyond_radius' | 'beyond_last_tier' | 'postal_code_not_served' | 'address_not_placed';

const OUTSIDE_SERVICE_AREA_MESSAGES: Record<OutsideServiceAreaReason, string> = {
  beyond_radius: 'The address is farther from the station than its service radius.',
  beyond_last_tier: 'The address is farther from the station than its travel fees cover.',
  postal_code_not_served: 'The station does not serve this postal code.',
  address_not_placed: 'The address could not be located and its postal code is not one the station serves.',
};

export class OutsideServiceAreaError extends DomainError {
  constructor(
    readonly reason: OutsideServiceAreaReason,
    context: Record<string, unknown> = {},
  ) {
    super('outside_service_area', OUTSIDE_SERVICE_AREA_MESSAGES[reason], { reason, ...context });
  }
}

export class UnknownUpgradeError extends DomainError {
  constructor(code: string) {
    super('unknown_upgrade', `The station offers no upgrade with code "${code}".`, { code });
  }
}

export class InvalidPartyError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('invalid_party', message, details);
  }
}

// Statuses are plain strings here because booking-status.ts imports this file; typing them would be a cycle.
export class InvalidBookingTransitionError extends DomainError {
  constructor(from: string, to: string) {
    super('invalid_booking_transition', `A booking that is ${from} cannot be ${to}.`, { from, to });
  }
}

export class ChefUnavailableError extends DomainError {
  constructor(chefId: string, startsAt: Date) {
    super('chef_unavailable', `Chef ${chefId} is already booked around ${startsAt.toISOString()}.`, {
      chefId,
      startsAt: startsAt.toISOString(),
    });
  }
}
