import type { Request } from 'express';
import type { Actor, Role } from '@app/domain';

/**
 * Who is calling: a bearer token (programs, and the built-in admin) or a person signed in with a
 * session cookie. For a person, `tokenId` is the user's id too, so that what is keyed by the caller
 * (rate limits, refusal logs) keeps one key per caller; `userId` tells the two kinds apart.
 */
export interface Principal {
  tokenId: string;
  role: Exclude<Role, 'system'>;
  /** the token's label, or the person's display name */
  label: string;
  districtCode: string | null;
  stationId: string | null;
  /** the person's user id; null for a bearer token */
  userId: string | null;
  kind: 'token' | 'session';
}

export function actorOf(p: Principal): Actor {
  return { id: p.userId ?? p.tokenId, name: p.label, role: p.role };
}

/** What AuthGuard learns of a cookie-authenticated request besides the principal. */
export interface SessionContext {
  /** the stored id (SHA-256 of the cookie's value) */
  id: string;
  csrfToken: string;
  /** an admin or city person who has not enrolled TOTP yet: may not write */
  mustEnrolTotp: boolean;
  totpEnrolled: boolean;
}

/** A request after AuthGuard: the caller, or for a revoked token its id (for the refusal log). */
export type AuthenticatedRequest = Request & { principal?: Principal; revokedTokenId?: string; session?: SessionContext };
