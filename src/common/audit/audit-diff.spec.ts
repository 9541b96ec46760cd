import { diffFields, REDACTED, withoutSecrets } from './audit-diff.js';

describe(diffFields.name, () => {
  it('lists only changed fields, nested values compared whole', () => {
    const sut = diffFields(
      { name: 'A', settings: { slots: ['12:00'] }, isActive: true, updatedAt: new Date(1) },
      { name: 'B', settings: { slots: ['12:00', '18:00'] }, isActive: true, updatedAt: new Date(2) },
    );
    expect(sut).toEqual({
      name: { from: 'A', to: 'B' },
      settings: { from: { slots: ['12:00'] }, to: { slots: ['12:00', '18:00'] } },
    });
  });

  it('records creation and deletion against nothing', () => {
    expect(diffFields(null, { role: 'chef' })).toEqual({ role: { from: null, to: 'chef' } });
    expect(diffFields({ role: 'chef' }, null)).toEqual({ role: { from: 'chef', to: null } });
  });

  it('never carries secrets, even when they changed', () => {
    const sut = diffFields({ passwordHash: 'old' }, { passwordHash: 'new', apiKey: 'k' });
    expect(JSON.stringify(sut)).not.toMatch(/old|new|"k"/);
  });
});

describe(withoutSecrets.name, () => {
  it('blanks secret-looking keys at any depth', () => {
    expect(withoutSecrets({ a: { initialPassword: 'x', refreshToken: 'y' }, list: [{ secret: 'z' }], ok: 1 })).toEqual({
      a: { initialPassword: REDACTED, refreshToken: REDACTED },
      list: [{ secret: REDACTED }],
      ok: 1,
    });
  });
});
