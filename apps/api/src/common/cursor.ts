import { ApiError } from './error-codes';

/** A page's cursor: the key of its last item, made opaque so that clients pass it back unread. */
export const encodeCursor = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');

/** The key inside a cursor, as `parse` reads it; a cursor this API did not hand out is a 400. */
export function decodeCursor<T>(cursor: string, parse: (key: string) => T | null): T {
  const key = parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (key === null) throw new ApiError('VALIDATION_FAILED', 'cursor 无效', ['cursor: not a cursor returned by this API']);
  return key;
}
