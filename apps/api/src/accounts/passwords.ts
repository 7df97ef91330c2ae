import * as fs from 'node:fs';
import * as path from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import { ApiError } from '../common/error-codes';

/**
 * Argon2id with the OWASP Password Storage Cheat Sheet's first parameter set (19 MiB, 2 passes,
 * 1 lane), which is also the binding's default; spelled out so that a new default of the library
 * does not change the cost unnoticed. 2 = Argon2id (`Algorithm` is a const enum).
 */
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export const hashPassword = (password: string) => hash(password, ARGON2ID);

/** False also for a malformed stored hash (never throws on the sign-in path). */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * The 10,000 most common passwords (SecLists' 10-million-password-list top 10,000, in order of
 * frequency), lower-cased: a password is refused when it or its lower-case form is among them.
 */
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    fs
      .readFileSync(path.join(__dirname, 'common-passwords.txt'), 'utf8')
      .split('\n')
      .map((l) => l.trim().toLowerCase())
      .filter(Boolean),
  );
  return common;
}

/**
 * Words of this service that people reach for (ASVS 6.1.2): a password that is one of them, or the
 * user name, once digits, spaces and punctuation are taken away, is refused.
 */
export const CONTEXT_WORDS: readonly string[] = [
  'stations',
  'station',
  'labour',
  'labor',
  'zhandian',
  'peiyu',
  'zhandianpeiyu',
  'renshe',
  'renshiju',
  'chongqing',
  'hangzhou',
  '站点',
  '站点培育',
  '培育',
  '劳动关系',
  '人社局',
  '三方办',
  '重庆',
  '杭州',
];

/**
 * The contract's policy (ASVS 6.2): 12 to 128 characters (counted as Unicode code points), any
 * characters, no composition rules, not among the 10,000 most common. Also refused: a password
 * that contains the user name, or is only a context word with digits and signs around it.
 */
export function assertAcceptablePassword(password: string, username?: string): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
    throw new ApiError('AUTH.WEAK_PASSWORD', `密码长度须为 ${PASSWORD_MIN} 至 ${PASSWORD_MAX} 个字符`, { reason: 'length' });
  }
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) {
    throw new ApiError('AUTH.WEAK_PASSWORD', '该密码过于常见，容易被猜中，请换一个', { reason: 'common' });
  }
  if (username && lower.includes(username.toLowerCase())) {
    throw new ApiError('AUTH.WEAK_PASSWORD', '密码不能包含用户名', { reason: 'username' });
  }
  const letters = lower.replace(/[\p{N}\p{P}\p{S}\p{Z}]/gu, '');
  if (CONTEXT_WORDS.includes(letters)) {
    throw new ApiError('AUTH.WEAK_PASSWORD', '密码不能只是本系统相关的常用词加数字或符号', { reason: 'context' });
  }
}

/** Loads the list at boot, so that a missing file fails the start rather than the first sign-up. */
export function loadPasswordPolicy(): number {
  return commonPasswords().size;
}
