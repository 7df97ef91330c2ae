import { ApiError } from './error-codes';
import { decodeCursor, encodeCursor } from './cursor';

const number = (key: string) => (/^a\d+$/.test(key) ? Number(key.slice(1)) : null);

describe('page cursors', () => {
  it('gives back the position it was made from', () => {
    const cursor = encodeCursor('a42');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, number)).toBe(42);
  });

  it('refuses a cursor this API did not hand out with 400 VALIDATION_FAILED', () => {
    let thrown: unknown;
    try {
      decodeCursor(encodeCursor('b42'), number);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({ code: 'VALIDATION_FAILED', details: ['cursor: not a cursor returned by this API'] });
  });
});
