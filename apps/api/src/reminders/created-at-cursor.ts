import { decodeCursor, encodeCursor } from '../common/cursor';
import { isUuid } from '@app/domain';

/** Reminders and outbox mail are listed newest first, by a cursor over (created_at, id). */
export interface CreatedAtKey {
  createdAt: string;
  id: string;
}

export const encodeCreatedAtCursor = (row: CreatedAtKey): string => encodeCursor(`${row.createdAt}|${row.id}`);

export function decodeCreatedAtCursor(cursor: string): CreatedAtKey {
  return decodeCursor(cursor, (key) => {
    const [createdAt, id] = key.split('|');
    return createdAt && isUuid(id ?? '') ? { createdAt, id } : null;
  });
}
