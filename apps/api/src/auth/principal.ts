import type { Request } from 'express';
import type { Actor, Role } from '@app/domain';

/** Who is calling, from their bearer token. */
export interface Principal {
  tokenId: string;
  role: Exclude<Role, 'system'>;
  label: string;
  districtCode: string | null;
  stationId: string | null;
}

export function actorOf(p: Principal): Actor {
  return { id: p.tokenId, name: p.label, role: p.role };
}

/** A request after AuthGuard: the caller, or for a revoked token its id (for the refusal log). */
export type AuthenticatedRequest = Request & { principal?: Principal; revokedTokenId?: string };

/**
 * Who acts, as an id that survives the caller's next sign-in: the person's user id where the caller
 * is a signed-in person (accounts, issue #13), else the bearer token's id.
 */
export function actingIdOf(p: Principal): string {
  return (p as Principal & { userId?: string | null }).userId ?? p.tokenId;
}
