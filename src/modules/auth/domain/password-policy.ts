/**
 * A password is acceptable when it is long enough and not trivially uniform. Length is what
 * matters most (NIST SP 800-63B); composition rules beyond this only annoy people.
 */
export function isAcceptablePassword(password: string, minLength: number): boolean {
  if ([...password].length < minLength) return false;
  if (/^\d+$/.test(password) || /^[A-Za-z]+$/.test(password)) return false;
  return new Set(password).size >= 4;
}
