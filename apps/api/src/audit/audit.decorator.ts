import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

export const AUDIT_KEY = 'audit:spec';

/** What the audit log records of a successful request to a route (see AuditInterceptor). */
export interface AuditSpec {
  /** stable name, `<target type>.<verb>`: `station.recommend`, `round.deadlines_change`, `token.revoke` */
  action: string;
  targetType: string;
  /**
   * where the target's id is: a route parameter, a field of the JSON body, or of the result (what
   * the request created); `self`: the caller (a person's own account: password, two-factor, logout)
   */
  target?: { param: string } | { body: string } | { result: string } | { self: true } | { fixed: string };
  /**
   * A station action: the result is the station, and the newest line of its history not written by
   * the system is this request's. That line gives the stage before and after, and the action's name
   * (`station.<action>`: one route may serve several programmes, e.g. `self_assess` or `self_score`).
   */
  station?: true;
  /** a few fields of the request or result worth keeping; never a secret (a new token's value) */
  details?: (req: Request, result: unknown) => Record<string, unknown> | undefined;
}

/** Names a mutating route in the audit log (every successful mutating request is logged; this names it). */
export const Audited = (spec: AuditSpec) => SetMetadata(AUDIT_KEY, spec);

/** These fields of the JSON body, where present. */
export const bodyFields =
  (...fields: string[]) =>
  (req: Request): Record<string, unknown> | undefined => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const picked = Object.fromEntries(fields.filter((f) => body[f] !== undefined).map((f) => [f, body[f]]));
    return Object.keys(picked).length ? picked : undefined;
  };

/** A station action on the `:id` station (`action`: its usual name); the station's history gives the rest. */
export const AuditedStationAction = (action: string, ...fields: string[]) =>
  Audited({ action: `station.${action}`, targetType: 'station', target: { param: 'id' }, station: true, details: bodyFields(...fields) });
