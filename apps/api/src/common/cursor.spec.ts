import { decodeCreatedAtCursor, encodeCreatedAtCursor } from '../reminders/created-at-cursor';
import { decodeCursor, encodeCursor } from './cursor';
import { ApiError } from './error-codes';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof ApiError ? { code: e.code, message: e.message } : e;
  }
  return null;
};

describe('page cursors', () => {
  it('hand back the key they were made of', () => {
    expect(decodeCursor(encodeCursor('a42'), (key) => key)).toBe('a42');
    const key = { createdAt: '2024-09-01T00:00:00.000Z', id: '8d3c8c9e-4f0a-4b7e-9a57-0d6f1a2b3c4d' };
    expect(decodeCreatedAtCursor(encodeCreatedAtCursor(key))).toEqual(key);
  });

  it('refuse a cursor this API did not hand out with 400 VALIDATION_FAILED', () => {
    const invalid = { code: 'VALIDATION_FAILED', message: 'cursor 无效' };
    expect(refusal(() => decodeCursor(encodeCursor('x'), () => null))).toEqual(invalid);
    expect(refusal(() => decodeCreatedAtCursor(encodeCursor('2024-09-01T00:00:00.000Z|not-a-uuid')))).toEqual(invalid);
    expect(refusal(() => decodeCreatedAtCursor(encodeCursor('|8d3c8c9e-4f0a-4b7e-9a57-0d6f1a2b3c4d')))).toEqual(invalid);
    expect(refusal(() => decodeCreatedAtCursor('bm9waXBl'))).toEqual(invalid);
  });
});
