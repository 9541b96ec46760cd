export interface RefreshTokenState {
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

/**
 * What presenting a refresh token means. A token that was already exchanged is proof that two
 * parties hold the family (one of them a thief): the whole family is revoked.
 */
export type RefreshDecision = 'rotate' | 'reuse_detected' | 'revoked' | 'expired';

export function decideRefresh(token: RefreshTokenState, now: Date): RefreshDecision {
  if (token.revokedAt) return 'revoked';
  if (token.usedAt) return 'reuse_detected';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'rotate';
}
