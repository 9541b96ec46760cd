import { decideRefresh } from './refresh-token-state.js';

const now = new Date('2026-11-22T12:00:00Z');
const later = new Date('2026-11-23T12:00:00Z');

describe(decideRefresh.name, () => {
  it('rotates a fresh token', () => {
    expect(decideRefresh({ expiresAt: later, usedAt: null, revokedAt: null }, now)).toBe('rotate');
  });

  it('detects reuse of an exchanged token', () => {
    expect(decideRefresh({ expiresAt: later, usedAt: now, revokedAt: null }, now)).toBe('reuse_detected');
  });

  it('refuses a revoked token, even if it was also used', () => {
    expect(decideRefresh({ expiresAt: later, usedAt: now, revokedAt: now }, now)).toBe('revoked');
  });

  it('refuses a token at its expiry instant', () => {
    expect(decideRefresh({ expiresAt: now, usedAt: null, revokedAt: null }, now)).toBe('expired');
  });
});
