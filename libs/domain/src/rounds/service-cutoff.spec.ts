import { parseDeadline } from '../calendar/shanghai-time';
import { defaultServiceCutoff, resolveServiceCutoff } from './service-cutoff';

/** A deadline given as a date means 23:59:59 Asia/Shanghai that day, as the API stores it. */
const endOf = (date: string) => parseDeadline(date).toISOString();

describe('defaultServiceCutoff', () => {
  it.each([
    // recommendation deadline, cut-off
    ['2023-12-08', '2023-10-31'], // 渝人社〔2023〕474号: "至2023年10月", recommendation by 2023-12-08
    ['2023-11-01', '2023-10-31'],
    ['2023-10-31', '2022-10-31'], // 31 October does not lie before a deadline on that day
    ['2023-10-30', '2022-10-31'],
    ['2024-03-31', '2023-10-31'],
    ['2024-01-01', '2023-10-31'],
    ['2023-12-31', '2023-10-31'],
  ])('recommendation by %s → cut-off %s', (deadline, cutoff) => {
    expect(defaultServiceCutoff(endOf(deadline))).toBe(cutoff);
  });

  it('takes the Shanghai date of an instant (2023-10-31T16:30Z is 1 November in Shanghai)', () => {
    expect(defaultServiceCutoff('2023-10-31T16:30:00.000Z')).toBe('2023-10-31');
    expect(defaultServiceCutoff('2023-10-31T15:59:59.000Z')).toBe('2022-10-31');
  });
});

describe('resolveServiceCutoff', () => {
  const sixHaves = { recommendation: endOf('2023-12-08'), selfAssessment: endOf('2024-09-30') };

  it('keeps a given cut-off', () => {
    expect(resolveServiceCutoff('2023-09-30', sixHaves, 'six-haves')).toEqual({ serviceCutoff: '2023-09-30', serviceCutoffDefault: false });
  });

  it('defaults from the recommendation deadline, not to it', () => {
    expect(resolveServiceCutoff(undefined, sixHaves, 'six-haves')).toEqual({ serviceCutoff: '2023-10-31', serviceCutoffDefault: true });
  });

  it('defaults a star-rating round from its registration', () => {
    expect(resolveServiceCutoff(undefined, { registration: endOf('2024-03-31') }, 'star-rating')).toEqual({
      serviceCutoff: '2023-10-31',
      serviceCutoffDefault: true,
    });
  });
});
