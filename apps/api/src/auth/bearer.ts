/**
 * The token of an `Authorization: Bearer <token>` header, or null when the header is absent or of
 * another scheme. The scheme is case-insensitive (RFC 7235 §2.1) and white space around and
 * between the parts is tolerated, so `bearer`, `BEARER` and extra spaces all name the same token.
 */
export function bearerToken(header: string | undefined): string | null {
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}
