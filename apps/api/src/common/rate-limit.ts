import type { RequestHandler } from 'express';
import type { RateLimitConfig } from '@app/config';
import { bearerToken } from '../auth/bearer';
import type { AuthenticatedRequest, Principal } from '../auth/principal';
import { ApiError } from './error-codes';

const MINUTE_MS = 60_000;

/**
 * One token bucket per client, held in memory: `perMinute` requests at once, refilled continuously
 * at `perMinute` a minute. In memory is enough for the one API process this service runs; buckets
 * that have filled up again are forgotten, so the map holds only clients seen within a minute.
 */
export class TokenBuckets {
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

/** Finds who a bearer token belongs to (TokenService.authenticate): null for an unknown or revoked one. */
export type Authenticate = (token: string) => Promise<Principal | null>;

/**
 * Who a request counts against: the authenticated caller (its token's id), whatever the spelling
 * of its header, so that an office behind one NAT address still has an allowance per token.
 * Anonymous requests and failed authentication attempts count against the client address, so that
 * a new guessed token each time is still limited. The caller found is kept on the request for
 * AuthGuard.
 */
export async function clientKey(req: AuthenticatedRequest, authenticate: Authenticate): Promise<string> {
  const token = bearerToken(req.headers.authorization);
  // When the lookup fails (database away), the request counts as anonymous; AuthGuard answers it.
  const principal = token ? await authenticate(token).catch(() => null) : null;
  if (principal) {
    req.principal = principal;
    return `caller:${principal.tokenId}`;
  }
  return `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
}

/** Not limited: health checks of the orchestrator or load balancer. */
const UNLIMITED = /^\/api\/health(?:[/?]|$)/;

/**
 * Rate limiting of /api (mounted there by bootstrap.ts): past the allowance a request gets 429
 * `RATE_LIMITED` in the contract's error shape, with Retry-After in seconds.
 */
export function rateLimit(config: RateLimitConfig, authenticate: Authenticate, now?: () => number): RequestHandler {
  if (config.perMinute === 0) return (_req, _res, next) => next();
  const buckets = new TokenBuckets(config.perMinute, now);
  return (req, res, next) => {
    if (UNLIMITED.test(req.originalUrl)) return next();
    clientKey(req, authenticate).then((key) => {
      const wait = buckets.take(key);
      if (wait === 0) return next();
      res.setHeader('Retry-After', String(wait));
      next(new ApiError('RATE_LIMITED', `请求过于频繁，请 ${wait} 秒后重试`, { retryAfterSeconds: wait }));
    }, next);
  };
}
