import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/** RFC 6238 with the parameters every authenticator app supports: SHA-1, 6 digits, 30 s. */
const PERIOD_S = 30;
const ISSUER = '站点培育管理系统';

const totpOf = (secret: string, label = '') =>
  new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD_S, secret: Secret.fromBase32(secret) });

/** A new 160-bit secret (RFC 4226 §4 recommends 160) and the otpauth:// URL an app scans. */
export function newTotpSecret(username: string): { secret: string; otpauthUrl: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, otpauthUrl: totpOf(secret, username).toString() };
}

/**
 * The time step a code belongs to, when it is valid now or one step either side (clock drift), and
 * later than `lastStep` (a code is accepted once: RFC 6238 §5.2); otherwise null.
 */
export function acceptedStep(secret: string, code: string, nowMs: number, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpOf(secret).validate({ token: code, timestamp: nowMs, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(nowMs / 1000 / PERIOD_S) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** Crockford's base32: no I, L, O, U, so that a code read aloud or copied by hand stays right. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Ten single-use recovery codes of 120 random bits (24 base32 characters in groups of four) and the
 * SHA-256 of each to store: at 120 bits a fast hash is enough (ASVS 6.5.2 asks 112 for that).
 */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: 10 }, () => {
    const bytes = randomBytes(24);
    const chars = [...bytes].map((b) => CROCKFORD[b & 31]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
  return { codes, hashes: codes.map(recoveryHash) };
}

/** Case, spaces and dashes do not matter when a person types a recovery code. */
export const recoveryHash = (code: string) => createHash('sha256').update(code.replace(/[\s-]/g, '').toUpperCase(), 'utf8').digest('hex');
