import { measureHistorySize } from '../bench/history-size';

/**
 * The history-size targets, checked on a full round in simulated time (a count, not a timing):
 * ≤ 200 events for one station over a (station-)year, and the round workflow under 4,096 events
 * without continuing as new. bench/history-size.ts says what the round contains.
 */
describe('history size over a full round', () => {
  it('keeps a station under 200 events and the round under 4,096', async () => {
    const size = await measureHistorySize();
    console.log(`history size: ${JSON.stringify(size)}`);
    expect(size.stationEvents).toBeGreaterThan(0);
    expect(size.stationEvents).toBeLessThanOrEqual(200);
    expect(size.roundEvents).toBeGreaterThan(0);
    expect(size.roundEvents).toBeLessThan(4096);
  });
});
