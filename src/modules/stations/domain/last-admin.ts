import type { StationRole } from '../../../common/index.js';

export interface MembershipState {
  role: StationRole;
  isActive: boolean;
}

/** Whether a change takes away an active station admin (after it, the station may have none left). */
export function removesActiveAdmin(before: MembershipState, after: MembershipState | null): boolean {
  const wasAdmin = before.role === 'station_admin' && before.isActive;
  const isAdmin = after !== null && after.role === 'station_admin' && after.isActive;
  return wasAdmin && !isAdmin;
}
