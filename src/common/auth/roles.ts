/** Global role of a user account. Staff get their power from station memberships. */
export const USER_ROLES = ['super_admin', 'staff', 'customer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Role of a user at one station. */
export const STATION_ROLES = ['station_admin', 'manager', 'chef', 'staff'] as const;
export type StationRole = (typeof STATION_ROLES)[number];

/** Any role a route can require: `super_admin`, `customer` or a station role. */
export type Role = 'super_admin' | 'customer' | StationRole;

export interface StationMembershipClaim {
  stationId: string;
  role: StationRole;
}

/** The caller, as proven by a verified access token. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  role: UserRole;
  stations: StationMembershipClaim[];
}

export function isStaff(user: AuthenticatedUser): boolean {
  return user.role === 'super_admin' || user.stations.length > 0;
}

/** True when the user holds one of `roles` globally or at any station. */
export function hasAnyRole(user: AuthenticatedUser, roles: readonly Role[]): boolean {
  if (user.role === 'super_admin') return true;
  if (user.role === 'customer' && roles.includes('customer')) return true;
  return user.stations.some((membership) => roles.includes(membership.role));
}

/**
 * The stations whose records a user may reach with one of `roles`: `'all'` for a super admin.
 * Every station-scoped query filters by this.
 */
export function stationScope(user: AuthenticatedUser, roles?: readonly Role[]): 'all' | string[] {
  if (user.role === 'super_admin') return 'all';
  return user.stations
    .filter((membership) => !roles || roles.includes(membership.role))
    .map((membership) => membership.stationId);
}
