import { DomainError } from '../../../common/errors/domain-error.js';
import {
  ChefUnavailableError,
  InvalidBookingTransitionError,
  InvalidPartyError,
  OutsideServiceAreaError,
  SlotNotOfferedError,
  SlotUnavailableError,
  UnknownUpgradeError,
} from './booking.errors.js';

const startsAt = new Date('2026-06-10T19:00:00Z');

describe('booking errors', () => {
  it.each([
    [
      new SlotUnavailableError(startsAt, 1, 3),
      'slot_unavailable',
      { startsAt: '2026-06-10T19:00:00.000Z', remainingChefs: 1, chefsNeeded: 3 },
    ],
    [
      new SlotNotOfferedError('too_soon', { startsAt: startsAt.toISOString() }),
      'slot_not_offered',
      { reason: 'too_soon', startsAt: '2026-06-10T19:00:00.000Z' },
    ],
    [new OutsideServiceAreaError('beyond_last_tier'), 'outside_service_area', { reason: 'beyond_last_tier' }],
    [new UnknownUpgradeError('wagyu'), 'unknown_upgrade', { code: 'wagyu' }],
    [
      new InvalidPartyError('A party needs at least one adult.', { field: 'adults' }),
      'invalid_party',
      { field: 'adults' },
    ],
    [
      new InvalidBookingTransitionError('completed', 'confirmed'),
      'invalid_booking_transition',
      { from: 'completed', to: 'confirmed' },
    ],
    [
      new ChefUnavailableError('chef-1', startsAt),
      'chef_unavailable',
      { chefId: 'chef-1', startsAt: '2026-06-10T19:00:00.000Z' },
    ],
  ])('%s carries its code and details', (sut, code, details) => {
    expect(sut).toBeInstanceOf(DomainError);
    expect(sut.name).toBe(sut.constructor.name);
    expect(sut.code).toBe(code);
    expect(sut.details).toEqual(details);
    expect(sut.message).not.toBe('');
  });

  it('explains each reason a slot is not offered differently', () => {
    const reasons = [
      'not_a_slot_time',
      'too_soon',
      'too_far_ahead',
      'blackout_date',
      'in_the_past',
      'nonexistent_local_time',
    ] as const;
    const messages = reasons.map((reason) => new SlotNotOfferedError(reason).message);
    expect(new Set(messages).size).toBe(reasons.length);
  });
});
