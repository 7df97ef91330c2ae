import { Logger } from '@nestjs/common';
import type { RequestHandler } from 'express';
import type { RateLimitConfig } from '@app/config';
import { bearerToken } from '../auth/bearer';
import type { AuthenticatedRequest, Principal, SessionContext } from '../auth/principal';
import type { CounterStore } from './counter-store';
import { ApiError } from './error-codes';

const MINUTE_MS = 60_000;

/** Takes one request from a client's allowance: 0 when it may go ahead, else the whole seconds to wait. */
export interface Allowances {
  take(key: string): number | Promise<number>;
}

/**
 * One token bucket per client, held in memory: `perMinute` requests at once, refilled continuously
 * at `perMinute` a minute. Right for one API process; buckets that have filled up again are
 * forgotten, so the map holds only clients seen within a minute.
 */
export class TokenBuckets implements Allowances {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly refillPerMs: number;
  private lastSweep: number;

  constructor(
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {
    this.refillPerMs = capacity / MINUTE_MS;
    this.lastSweep = now();
  }

  /** Takes one request from `key`'s bucket: 0 when it may go ahead, else the whole seconds to wait. */
  take(key: string): number {
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(key);
    const tokens = bucket ? this.level(bucket, now) : this.capacity;
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      return 0;
    }
    this.buckets.set(key, { tokens, at: now });
    return Math.max(1, Math.ceil((1 - tokens) / this.refillPerMs / 1000));
  }

  get size(): number {
    return this.buckets.size;
  }

  private level(bucket: { tokens: number; at: number }, now: number): number {
    return Math.min(this.capacity, bucket.tokens + (now - bucket.at) * this.refillPerMs);
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < MINUTE_MS) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) if (this.level(bucket, now) >= this.capacity) this.buckets.delete(key);
  }
}

/**
 * The allowance every API replica shares (REDIS_URL): a fixed window of a minute per client in the
 * CounterStore. A token bucket would need a read-modify-write per request in Redis; a window is one
 * atomic INCR. The price: a client may send up to twice `perMinute` across a window's boundary.
 */
export class SharedWindows implements Allowances {
  constructor(
    private readonly store: CounterStore,
    private readonly perMinute: number,
  ) {}

  async take(key: string): Promise<number> {
    const { count, resetInMs } = await this.store.hit(`rate:${key}`, MINUTE_MS);
    return count <= this.perMinute ? 0 : Math.max(1, Math.ceil(resetInMs / 1000));
  }
}

/** Finds who a bearer token belongs to (TokenService.authenticate): null for an unknown or revoked one. */
export type Authenticate = (token: string) => Promise<Principal | null>;

/** Finds whose live session a request's cookie is (SessionService.authenticate): null without one. */
export type AuthenticateSession = (req: AuthenticatedRequest) => Promise<{ principal: Principal; session: SessionContext } | null>;

/**
 * Who a request counts against: the authenticated caller (its token's id), whatever the spelling
 * of its header, so that an office behind one NAT address still has an allowance per token.
 * Anonymous requests and failed authentication attempts count against the client address, so that
 * a new guessed token each time is still limited. The caller found is kept on the request for
 * AuthGuard.
 */
export async function clientKey(
  req: AuthenticatedRequest,
  authenticate: Authenticate,
  authenticateSession?: AuthenticateSession,
): Promise<string> {
  const token = bearerToken(req.headers.authorization);
  // When the lookup fails (database away), the request counts as anonymous; AuthGuard answers it.
  const principal = token ? await authenticate(token).catch(() => null) : null;
  if (principal) {
    req.principal = principal;
    return `caller:${principal.tokenId}`;
  }
  // A person signed in with a cookie counts as themselves too (a bearer header wins, as in AuthGuard),
  // so that the clerks of one office behind one NAT address do not share one allowance.
  const found = !req.headers.authorization && authenticateSession ? await authenticateSession(req).catch(() => null) : null;
  if (found) {
    req.principal = found.principal;
    req.session = found.session;
    return `caller:${found.principal.tokenId}`;
  }
  return `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
}

/** Not limited: health checks of the orchestrator or load balancer. */
const UNLIMITED = /^\/api\/health(?:[/?]|$)/;

/**
 * Rate limiting of /api (mounted there by bootstrap.ts): past the allowance a request gets 429
 * `RATE_LIMITED` in the contract's error shape, with Retry-After in seconds. With a shared store
 * (REDIS_URL) the allowance is one across the replicas, else each process keeps its own buckets.
 *
 * When the shared store cannot count (Redis away), requests go through and a warning is logged
 * (at most one a minute): the limit protects the service from a client, and refusing everybody
 * because of the limit's own store would do what it is there to prevent.
 */
export function rateLimit(
  config: RateLimitConfig,
  authenticate: Authenticate,
  options: { shared?: CounterStore; now?: () => number; authenticateSession?: AuthenticateSession } = {},
): RequestHandler {
  if (config.perMinute === 0) return (_req, _res, next) => next();
  const allowances: Allowances = options.shared
    ? new SharedWindows(options.shared, config.perMinute)
    : new TokenBuckets(config.perMinute, options.now);
  const log = new Logger('RateLimit');
  let lastWarning = -Infinity;
  const failOpen = (e: unknown): number => {
    if (Date.now() - lastWarning >= MINUTE_MS) {
      lastWarning = Date.now();
      log.warn(`the shared rate limit cannot count (${e instanceof Error ? e.message : String(e)}): requests go through unlimited`);
    }
    return 0;
  };
  return (req, res, next) => {
    if (UNLIMITED.test(req.originalUrl)) return next();
    clientKey(req, authenticate, options.authenticateSession).then(async (key) => {
      const wait = await Promise.resolve(allowances.take(key)).catch(failOpen);
      if (wait === 0) return next();
      res.setHeader('Retry-After', String(wait));
      next(new ApiError('RATE_LIMITED', `请求过于频繁，请 ${wait} 秒后重试`, { retryAfterSeconds: wait }));
    }, next);
  };
}
