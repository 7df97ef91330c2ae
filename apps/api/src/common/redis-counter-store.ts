import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import type { RedisConfig } from '@app/config';
import { redact } from '@app/config';
import type { CounterStore } from './counter-store';
import { ApiError } from './error-codes';

/**
 * One hit, atomically: the first hit of a window starts its expiry, so that replicas counting the
 * same key at once never leave a key without one (a lost PEXPIRE would block a client for good).
 */
const HIT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

const PEEK = `
local count = redis.call('GET', KEYS[1])
if not count then return {0, 0} end
return {tonumber(count), redis.call('PTTL', KEYS[1])}`;

interface CounterCommands {
  counterHit(key: string, windowMs: number): Promise<[number, number]>;
  counterPeek(key: string): Promise<[number, number]>;
}

/**
 * The counters every API replica shares (REDIS_URL). Fixed windows: a key holds its count and
 * expires when its window ends. Commands neither queue nor retry while Redis is away: each fails
 * within `commandTimeoutMs` with 503 UNAVAILABLE, so that a caller can choose — the rate limit lets
 * requests through (rate-limit.ts), a sign-in throttle that cannot count refuses (fails closed).
 */
export class RedisCounterStore implements CounterStore {
  private readonly log = new Logger('Redis');
  private readonly redis: Redis & CounterCommands;
  private lastWarning = 0;

  constructor(config: RedisConfig, commandTimeoutMs = 1_000) {
    this.redis = new Redis(config.url, {
      keyPrefix: config.keyPrefix,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: commandTimeoutMs,
      connectTimeout: 2_000,
      // keep reconnecting in the background, at most every 5 s
      retryStrategy: (times) => Math.min(times * 200, 5_000),
    }) as Redis & CounterCommands;
    this.redis.defineCommand('counterHit', { numberOfKeys: 1, lua: HIT });
    this.redis.defineCommand('counterPeek', { numberOfKeys: 1, lua: PEEK });
    // Without a listener ioredis would print every failed reconnection; one warning a minute is enough.
    this.redis.on('error', (e: Error) => this.warn(`${redact(config.url)}: ${e.message}`));
  }

  /** Connects at boot; an unreachable Redis is reported, not fatal: the client keeps reconnecting. */
  async connect(): Promise<void> {
    try {
      await this.redis.connect();
    } catch (e) {
      this.warn(`not reachable at boot (${(e as Error).message}); counting will fail until it is`);
    }
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }> {
    const [count, resetInMs] = await this.call(() => this.redis.counterHit(key, windowMs));
    return { count, resetInMs };
  }

  async peek(key: string): Promise<{ count: number; resetInMs: number }> {
    const [count, ttl] = await this.call(() => this.redis.counterPeek(key));
    return count === 0 ? { count: 0, resetInMs: 0 } : { count, resetInMs: Math.max(0, ttl) };
  }

  async reset(key: string): Promise<void> {
    await this.call(() => this.redis.del(key));
  }

  async close(): Promise<void> {
    // quit() lets commands under way finish; a client still (re)connecting just stops trying.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }

  private async call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (e) {
      this.warn(`a command failed: ${(e as Error).message}`);
      throw new ApiError('UNAVAILABLE', '计数服务（Redis）暂不可用，请稍后重试');
    }
  }

  private warn(message: string): void {
    const now = Date.now();
    if (now - this.lastWarning < 60_000) return;
    this.lastWarning = now;
    this.log.warn(message);
  }
}
