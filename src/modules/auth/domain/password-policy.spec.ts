import { isAcceptablePassword } from './password-policy.js';

describe(isAcceptablePassword.name, () => {
  it.each([
    ['correct horse 7', true],
    ['short1', false],
    ['onlyletterslong', false],
    ['12345678901', false],
    ['aaaaaaaa11', false],
    ['pässwörter-9', true],
  ])('%s -> %s', (password, expected) => {
    expect(isAcceptablePassword(password, 10)).toBe(expected);
  });
});
