import { Injectable } from '@nestjs/common';
import {
  Clock,
  DomainError,
  NotFoundError,
  stationScope,
  type AuthenticatedUser,
  type Role,
  type StationRole,
} from '../../common/index.js';
import { createHash } from 'node:crypto';
import type { BookingEntity } from './booking.entity.js';
import { BookingRepository } from './booking.repository.js';

/** Every station role sees its station's bookings; chefs need them to cook. */
export const BOOKING_READ_ROLES: readonly StationRole[] = ['station_admin', 'manager', 'chef', 'staff'];
export const BOOKING_WRITE_ROLES: readonly StationRole[] = ['station_admin', 'manager'];
/** Who may close an event: the office, and the chef who was there. */
export const BOOKING_CLOSE_ROLES: readonly StationRole[] = ['station_admin', 'manager', 'chef'];

/** Who acts on a booking: a staff member by id, or the customer holding the manage link. */
export type BookingTarget = { user: AuthenticatedUser; bookingId: string } | { manageToken: string };

/** Manage tokens are 32-byte HMACs in base64url. */
const MANAGE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function hashManageToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A manage link keeps working this long after its event ended (a receipt, a late question). */
const MANAGE_LINK_DAYS_AFTER_EVENT = 30;

/**
 * Loads a booking for a staff member or a manage-link holder. Outside a staff member's stations it
 * does not exist (404), so nobody can probe another station's ids; inside, a role that may not do
 * this gets 403.
 */
@Injectable()
export class BookingAccess {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly clock: Clock,
  ) {}

  async forStaff(
    user: AuthenticatedUser,
    bookingId: string,
    roles: readonly Role[],
    { forUpdate = false }: { forUpdate?: boolean } = {},
  ): Promise<BookingEntity> {
    const booking = forUpdate
      ? await this.bookings.findByIdForUpdate(bookingId)
      : await this.bookings.findById(bookingId);
    if (!booking || !reaches(stationScope(user, BOOKING_READ_ROLES), booking.stationId)) {
      throw new NotFoundError('Booking', bookingId);
    }
    if (!reaches(stationScope(user, roles), booking.stationId)) {
      throw new DomainError('forbidden', 'Your role at this station does not allow this action.');
    }
    return booking;
  }

  /** The booking a target names, locked when it is about to change; the actor kind comes along. */
  async resolve(
    target: BookingTarget,
    staffRoles: readonly Role[],
    forUpdate: boolean,
  ): Promise<{ booking: BookingEntity; actor: 'staff' | 'customer' }> {
    if ('manageToken' in target) {
      const booking = MANAGE_TOKEN.test(target.manageToken)
        ? await this.bookings.findByManageTokenHash(hashManageToken(target.manageToken), forUpdate)
        : null;
      // The token is the only credential: an unknown or retired one reveals nothing, not even that
      // bookings exist. Retiring links a while after the event keeps old e-mails from showing an
      // address and a phone number forever.
      const retiresAt = booking ? booking.endsAt.getTime() + MANAGE_LINK_DAYS_AFTER_EVENT * 86_400_000 : 0;
      if (!booking || this.clock.now().getTime() > retiresAt) throw new NotFoundError('Booking');
      return { booking, actor: 'customer' };
    }
    return { booking: await this.forStaff(target.user, target.bookingId, staffRoles, { forUpdate }), actor: 'staff' };
  }
}

export function reaches(scope: 'all' | string[], stationId: string): boolean {
  return scope === 'all' || scope.includes(stationId);
}
