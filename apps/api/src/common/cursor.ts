import { ApiError } from './error-codes';

/**
 * Opaque page cursors: a list's position (the last item's key) in base64url, so that callers pass
 * it back rather than build it. Each list says what its key is and how to read it back.
 */
export const encodeCursor = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');

/** The position a cursor names; a cursor this API did not hand out is refused (400). */
export function decodeCursor<T>(cursor: string, parse: (key: string) => T | null): T {
  const position = parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (position === null) throw new ApiError('VALIDATION_FAILED', 'cursor 无效', ['cursor: not a cursor returned by this API']);
  return position;
}
