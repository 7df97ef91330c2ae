import { DomainError } from '../errors';
import { formatDuration, isDuration, parseDuration } from './duration';

const S = 1000;
const H = 3600 * S;
const D = 24 * H;

describe('parseDuration', () => {
  it.each([
    ['P14D', 14 * D],
    ['P1W', 7 * D],
    ['P2W', 14 * D],
    ['P1W1D', 8 * D],
    ['PT2H', 2 * H],
    ['PT30M', 30 * 60 * S],
    ['PT10S', 10 * S],
    ['PT0.5S', 500],
    ['PT1,25S', 1250],
    ['P1DT2H', D + 2 * H],
    ['P1DT2H3M4.5S', D + 2 * H + 3 * 60 * S + 4500],
    ['PT0S', 0],
    ['P0D', 0],
  ])('%s → %i ms', (iso, ms) => {
    expect(parseDuration(iso)).toBe(ms);
  });

  it.each(['P1Y', 'P1M', 'P1Y2M3D', 'P1MT2H'])('refuses %s: years and months have no fixed length', (iso) => {
    expect(() => parseDuration(iso)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', message: expect.stringContaining('年或月') }),
    );
  });

  it.each(['', 'P', 'PT', 'P1DT', '7D', 'P-1D', 'p7d', 'P1.5D', 'PT1.5H', 'P7D ', 'PT5S2M'])('refuses %p', (iso) => {
    expect(() => parseDuration(iso)).toThrow(DomainError);
  });

  it('refuses non-strings', () => {
    expect(() => parseDuration(7 as unknown as string)).toThrow(DomainError);
  });

  it('refuses absurdly long durations', () => {
    expect(() => parseDuration('P999999999999D')).toThrow(DomainError);
  });
});

describe('formatDuration', () => {
  it.each([
    [8 * D, 'P8D'],
    [14 * D, 'P14D'],
    [9 * S, 'PT9S'],
    [D + 2 * H, 'P1DT2H'],
    [D + 2 * H + 3 * 60 * S + 4500, 'P1DT2H3M4.5S'],
    [1250, 'PT1.25S'],
    [1, 'PT0.001S'],
    [0, 'PT0S'],
    [90 * 60 * S, 'PT1H30M'],
  ])('%i ms → %s', (ms, iso) => {
    expect(formatDuration(ms)).toBe(iso);
  });

  it('gives one label for sums however they were written', () => {
    expect(formatDuration(parseDuration('P1W') + parseDuration('P1D'))).toBe('P8D');
    expect(formatDuration(parseDuration('PT24H') + parseDuration('P7D'))).toBe('P8D');
    expect(formatDuration(parseDuration('PT2S') + parseDuration('PT7S'))).toBe('PT9S');
  });

  it('round-trips', () => {
    for (const iso of ['P15D', 'PT0.75S', 'P3DT4H5M6S']) expect(formatDuration(parseDuration(iso))).toBe(iso);
  });

  it.each([-1, 1.5, NaN, Infinity])('refuses %p', (ms) => {
    expect(() => formatDuration(ms)).toThrow(DomainError);
  });
});

describe('isDuration', () => {
  it('tells valid from invalid', () => {
    expect(isDuration('P7D')).toBe(true);
    expect(isDuration('P1M')).toBe(false);
    expect(isDuration(null)).toBe(false);
  });
});
