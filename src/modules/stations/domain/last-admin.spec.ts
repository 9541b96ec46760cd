import { removesActiveAdmin } from './last-admin.js';

describe(removesActiveAdmin.name, () => {
  const admin = { role: 'station_admin' as const, isActive: true };

  it.each([
    ['demotion', admin, { role: 'manager' as const, isActive: true }, true],
    ['deactivation', admin, { ...admin, isActive: false }, true],
    ['removal', admin, null, true],
    ['renaming only', admin, admin, false],
    ['an inactive admin', { ...admin, isActive: false }, null, false],
    ['a chef', { role: 'chef' as const, isActive: true }, null, false],
  ])('%s', (_name, before, after, expected) => {
    expect(removesActiveAdmin(before, after)).toBe(expected);
  });
});
