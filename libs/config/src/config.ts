import * as net from 'node:net';
import * as path from 'node:path';

/**
 * The service's configuration, read from the environment exactly as shared/API.md lists it.
 * Read once at boot (never at import time) and validated: a bad value throws ConfigError naming
 * the variable, and the process prints that one line and exits.
 */
export interface AppConfig {
  port: number;
  dataDir: string;
  database: DatabaseConfig;
  temporal: TemporalConfig;
  mail: MailConfig;
  /** undefined → generated at first start and stored under dataDir */
  adminToken?: string;
  rateLimit: RateLimitConfig;
  /**
   * The reverse proxies whose X-Forwarded-For/-Proto the API believes (Express's `trust proxy`):
   * a number of hops, or addresses, subnets and the names loopback, linklocal, uniquelocal.
   * undefined → none: the client is the peer of the TCP connection, and https only its own TLS.
   */
  trustProxy?: number | string[];
  accounts: AccountsConfig;
}

/** People's accounts: where they reach the dashboard, how long a session lasts, single sign-on. */
export interface AccountsConfig {
  /** PUBLIC_URL without a trailing slash; links in mails start with it, and https makes the cookie Secure */
  publicUrl: string;
  /** SESSION_IDLE_MINUTES: a session unused this long ends */
  sessionIdleMinutes: number;
  /** undefined → OpenID Connect sign-in is off (all three of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET set it on) */
  oidc?: OidcConfig;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** Requests to /api per client (per bearer token, or per IP address without one). */
export interface RateLimitConfig {
  /** sustained requests per minute, also the burst a client may send at once; 0 turns the limit off */
  perMinute: number;
}

export type DatabaseConfig = { type: 'sqlite'; file: string } | { type: 'postgres'; url: string };

export interface TemporalConfig {
  /** undefined → the supervisor starts an embedded dev server */
  address?: string;
  namespace: string;
  taskQueue: string;
  /** ports of the embedded dev server (extension of the contract, for running several side by side) */
  devServerPort: number;
  devUiPort: number;
  /** host that the Temporal Web UI links point at */
  uiUrl: string;
}

export interface MailConfig {
  /** undefined → the embedded outbox (stored in the database, nothing leaves the machine) */
  smtpUrl?: string;
  from: string;
  /**
   * Admins' addresses (ADMIN_EMAILS, comma-separated), told of service matters such as a year
   * missing from the work calendar. Empty → such notices go to the round's city contacts.
   */
  adminEmails: string[];
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const dataDir = path.resolve(cwd, nonEmpty(env, 'DATA_DIR') ?? '.data');
  const port = readPort(env, 'PORT', 3000);
  const temporalAddress = readHostPort(env, 'TEMPORAL_ADDRESS');
  const devServerPort = readPort(env, 'TEMPORAL_DEV_PORT', 7233);
  const devUiPort = readPort(env, 'TEMPORAL_UI_PORT', 8233);
  return {
    port,
    dataDir,
    database: readDatabase(env, dataDir),
    temporal: {
      address: temporalAddress,
      namespace: readName(env, 'TEMPORAL_NAMESPACE', 'default'),
      taskQueue: readName(env, 'TEMPORAL_TASK_QUEUE', 'stations'),
      devServerPort,
      devUiPort,
      uiUrl: readUrl(env, 'TEMPORAL_UI_URL', ['http:', 'https:']) ?? `http://localhost:${devUiPort}`,
    },
    mail: {
      smtpUrl: readUrl(env, 'SMTP_URL', ['smtp:', 'smtps:']),
      from: readEmail(env, 'MAIL_FROM') ?? '基层劳动关系站点培育 <no-reply@stations.localhost>',
      adminEmails: readEmailList(env, 'ADMIN_EMAILS'),
    },
    adminToken: readToken(env, 'ADMIN_TOKEN'),
    rateLimit: { perMinute: readCount(env, 'RATE_LIMIT_PER_MINUTE', 600, 1_000_000) },
    trustProxy: readTrustProxy(env, 'TRUST_PROXY'),
    accounts: {
      publicUrl: readPublicUrl(env, 'PUBLIC_URL') ?? `http://localhost:${port}`,
      sessionIdleMinutes: readMinutes(env, 'SESSION_IDLE_MINUTES', 30, 1, 720),
      oidc: readOidc(env),
    },
  };
}

/** An http(s) origin, optionally with a path (a dashboard behind a path prefix); no query or fragment. */
function readPublicUrl(env: Env, name: string): string | undefined {
  const v = readUrl(env, name, ['http:', 'https:']);
  if (v === undefined) return undefined;
  const url = new URL(v);
  if (url.search || url.hash) throw new ConfigError(name, `"${v}" must not have a query or fragment (links append #/…)`);
  if (url.username || url.password) throw new ConfigError(name, 'must not contain a user name or password');
  return v.replace(/\/+$/, '');
}

function readMinutes(env: Env, name: string, fallback: number, min: number, max: number): number {
  const v = nonEmpty(env, name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new ConfigError(name, `"${v}" is not a whole number of minutes between ${min} and ${max}`);
  }
  return Number(v);
}

/** All three or none: a half-configured single sign-on is a mistake worth stopping for. */
function readOidc(env: Env): OidcConfig | undefined {
  const issuer = readUrl(env, 'OIDC_ISSUER', ['https:', 'http:']);
  const clientId = nonEmpty(env, 'OIDC_CLIENT_ID');
  const clientSecret = nonEmpty(env, 'OIDC_CLIENT_SECRET');
  const set = [issuer, clientId, clientSecret].filter((x) => x !== undefined).length;
  if (set === 0) return undefined;
  if (set < 3) {
    const missing = [
      ['OIDC_ISSUER', issuer],
      ['OIDC_CLIENT_ID', clientId],
      ['OIDC_CLIENT_SECRET', clientSecret],
    ].find(([, x]) => x === undefined)![0] as string;
    throw new ConfigError(missing, 'required when any of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET is set');
  }
  return { issuer: issuer!, clientId: clientId!, clientSecret: clientSecret! };
}

function nonEmpty(env: Env, name: string): string | undefined {
  const v = env[name];
  if (v === undefined) return undefined;
  if (v.trim() === '') return undefined;
  return v.trim();
}

function readPort(env: Env, name: string, fallback: number): number {
  const v = nonEmpty(env, name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v)) throw new ConfigError(name, `"${v}" is not a port number (1-65535)`);
  const n = Number(v);
  if (n < 1 || n > 65535) throw new ConfigError(name, `${n} is outside 1-65535`);
  return n;
}

function readCount(env: Env, name: string, fallback: number, max: number): number {
  const v = nonEmpty(env, name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v)) throw new ConfigError(name, `"${v}" is not a whole number (0-${max})`);
  const n = Number(v);
  if (n > max) throw new ConfigError(name, `${n} is above ${max}`);
  return n;
}

function readHostPort(env: Env, name: string): string | undefined {
  const v = nonEmpty(env, name);
  if (v === undefined) return undefined;
  const m = /^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(v);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) {
    throw new ConfigError(name, `"${v}" is not host:port (e.g. localhost:7233)`);
  }
  return v;
}

function readName(env: Env, name: string, fallback: string): string {
  const v = nonEmpty(env, name);
  if (v === undefined) return fallback;
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(v)) throw new ConfigError(name, `"${v}" may only contain letters, digits, '.', '_' and '-'`);
  return v;
}

function readUrl(env: Env, name: string, protocols: string[]): string | undefined {
  const v = nonEmpty(env, name);
  if (v === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw new ConfigError(name, `"${redact(v)}" is not a URL (expected ${protocols.map((p) => p + '//…').join(' or ')})`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `protocol "${url.protocol}" is not supported (expected ${protocols.join(' or ')})`);
  }
  if (!url.hostname) throw new ConfigError(name, 'the URL has no host');
  return v;
}

function readDatabase(env: Env, dataDir: string): DatabaseConfig {
  const v = readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  if (v === undefined) return { type: 'sqlite', file: path.join(dataDir, 'app.sqlite') };
  const url = new URL(v);
  if (url.pathname.length <= 1) throw new ConfigError('DATABASE_URL', 'the URL names no database (…/dbname)');
  if (url.port && (Number(url.port) < 1 || Number(url.port) > 65535)) {
    throw new ConfigError('DATABASE_URL', `port ${url.port} is outside 1-65535`);
  }
  return { type: 'postgres', url: v };
}

function readEmail(env: Env, name: string): string | undefined {
  const v = nonEmpty(env, name);
  if (v === undefined) return undefined;
  // Either a bare address or "Display Name <address>".
  const address = /<([^<>]+)>\s*$/.exec(v)?.[1] ?? v;
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(address)) throw new ConfigError(name, `"${v}" is not an email address`);
  return v;
}

/** Bare addresses separated by commas (white space around them ignored); unset → none. */
function readEmailList(env: Env, name: string): string[] {
  const v = nonEmpty(env, name);
  if (v === undefined) return [];
  const addresses = v.split(',').map((a) => a.trim());
  const bad = addresses.find((a) => !/^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/.test(a));
  if (bad !== undefined) throw new ConfigError(name, `"${bad}" is not an email address (comma-separated addresses expected)`);
  return [...new Set(addresses)];
}

function readToken(env: Env, name: string): string | undefined {
  const v = nonEmpty(env, name);
  if (v === undefined) return undefined;
  if (v.length < 16) throw new ConfigError(name, 'must be at least 16 characters long');
  if (/\s/.test(v)) throw new ConfigError(name, 'must not contain white space');
  return v;
}

const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * A number of proxy hops (1-10), or a comma-separated list of addresses, subnets and range names.
 * "Trust every proxy" is not offered: any client could then claim another address (and so its own
 * rate-limit allowance) or https.
 */
function readTrustProxy(env: Env, name: string): number | string[] | undefined {
  const v = nonEmpty(env, name);
  if (v === undefined) return undefined;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops < 1 || hops > 10) throw new ConfigError(name, `${hops} hops is outside 1-10`);
    return hops;
  }
  const items = v.split(',').map((item) => item.trim());
  for (const item of items) {
    const [address, prefix, ...rest] = item.split('/');
    const bits = net.isIPv4(address) ? 32 : net.isIPv6(address) ? 128 : 0;
    const subnet = bits > 0 && rest.length === 0 && (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits));
    if (!subnet && !PROXY_RANGES.includes(item)) {
      throw new ConfigError(
        name,
        `"${item}" is not a number of hops, an address, a subnet (10.0.0.0/8) or one of ${PROXY_RANGES.join(', ')}`,
      );
    }
  }
  return items;
}

/** Never echo a password back into logs. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}
