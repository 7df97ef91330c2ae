import { DomainError } from '../errors';

/**
 * One thing wrong with an input. `field` is a dotted path into the input (`before.1`,
 * `platform.evidence`) so that a form can put the message next to the field; `message` is zh-CN.
 * Every domain validator throws `DomainError('VALIDATION_FAILED', …, issues)` with a list of these
 * as `details`, naming every bad field at once rather than only the first.
 */
export type ValidationIssue = { field: string; message: string };

export function validationFailed(message: string, issues: ValidationIssue[]): DomainError {
  return new DomainError('VALIDATION_FAILED', message, issues);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Code points, not UTF-16 units: a limit of 2000 characters means 2000 汉字 or emoji alike. */
export function charLength(s: string): number {
  return Array.from(s).length;
}

/** Pushes an issue for each key of `obj` that is not in `allowed`. */
export function rejectUnknownKeys(
  obj: Record<string, unknown>,
  allowed: readonly string[],
  prefix: string,
  issues: ValidationIssue[],
): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) issues.push({ field: prefix + key, message: `不支持的字段“${key}”` });
  }
}
