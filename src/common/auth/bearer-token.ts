/** The token of an `Authorization: Bearer …` header; the scheme is case-insensitive (RFC 9110). */
export function bearerTokenOf(authorization: string | undefined): string | undefined {
  return authorization?.match(/^\s*bearer\s+(\S+)\s*$/i)?.[1];
}
