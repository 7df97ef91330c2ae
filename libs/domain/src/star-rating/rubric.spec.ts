import { DomainError } from '../errors';
import { HANGZHOU_2024 } from './hangzhou-2024';
import { rubricItems, itemMaximum, Rubric, rubricProblems, validateRubric } from './rubric';
import { scoreStation } from './scoring';

const sum = (ns: number[]) => ns.reduce((a, b) => a + b * 10, 0) / 10;

describe('the Hangzhou 2024 rubric data', () => {
  it('is well formed', () => {
    expect(rubricProblems(HANGZHOU_2024)).toEqual([]);
  });

  it('is version 2024.1 with four sections: 10 + 80 + 10 main and a 10-point bonus', () => {
    expect(HANGZHOU_2024.version).toBe('2024.1');
    expect(HANGZHOU_2024.sections.map((s) => [s.key, s.max, s.bonus === true])).toEqual([
      ['hardware', 10, false],
      ['work', 80, false],
      ['impact', 10, false],
      ['bonus', 10, true],
    ]);
  });

  it.each([
    ['hardware', 12],
    ['work', 78],
    ['impact', 9],
    ['bonus', 10],
  ])('its %s items add up to %p as in the source', (key, total) => {
    const s = HANGZHOU_2024.sections.find((x) => x.key === key)!;
    expect(sum(s.items.map(itemMaximum))).toBe(total);
  });

  it('records each decision taken on a flawed source', () => {
    const byKey = new Map(rubricItems(HANGZHOU_2024).map((i) => [i.key, i]));
    expect(byKey.get('partTimeArbitrators')?.decision).toBeDefined();
    expect(byKey.get('closeToWorkers')).toMatchObject({ kind: 'discretionary', max: 1, basis: 'free-text' });
    expect(byKey.get('closeToWorkers')?.decision).toMatch(/garbled/);
    expect(HANGZHOU_2024.notes.join('\n')).toMatch(/capped at its stated maximum/);
  });

  it('caps innovation and deeds for the people at 5, at 3/2/1 points per level', () => {
    for (const key of ['innovation', 'deedsForThePeople']) {
      expect(rubricItems(HANGZHOU_2024).find((i) => i.key === key)).toMatchObject({
        kind: 'levels',
        cap: 5,
        levels: { national: 3, provincial: 2, city: 1 },
      });
    }
  });

  it('has the star thresholds 90 / 85 / 80', () => {
    expect(HANGZHOU_2024.stars.map((s) => [s.stars, s.minTotal])).toEqual([
      [5, 90],
      [4, 85],
      [3, 80],
    ]);
  });
});

describe('validateRubric', () => {
  const withSection = (items: Rubric['sections'][number]['items'], extra: Partial<Rubric> = {}): Rubric => ({
    ...HANGZHOU_2024,
    sections: [{ key: 's', name: 's', max: 10, items }],
    facts: [],
    stars: [],
    ...extra,
  });

  it.each([
    [
      'duplicate item keys',
      withSection([
        { key: 'a', label: 'a', kind: 'fixed', points: 1 },
        { key: 'a', label: 'a', kind: 'fixed', points: 1 },
      ]),
      /duplicate item key/,
    ],
    ['points finer than 0.1', withSection([{ key: 'a', label: 'a', kind: 'fixed', points: 0.25 }]), /multiple of 0.1/],
    [
      'bands with a gap',
      withSection([
        {
          key: 'a',
          label: 'a',
          kind: 'bands',
          bands: [
            { min: 0, max: 0, points: 0 },
            { min: 2, points: 1 },
          ],
        },
      ]),
      /gap or overlap at 1/,
    ],
    [
      'bands that overlap',
      withSection([
        {
          key: 'a',
          label: 'a',
          kind: 'bands',
          bands: [
            { min: 0, max: 2, points: 0 },
            { min: 2, points: 1 },
          ],
        },
      ]),
      /gap or overlap/,
    ],
    [
      'bands with a closed end',
      withSection([{ key: 'a', label: 'a', kind: 'bands', bands: [{ min: 0, max: 2, points: 0 }] }]),
      /open-ended/,
    ],
    [
      'a prerequisite on an unknown item',
      withSection([], { stars: [{ stars: 3, minTotal: 80, prerequisites: [{ label: 'x', source: { item: 'x' } }] }] }),
      /unknown item 'x'/,
    ],
    [
      'a prerequisite on an unknown fact',
      withSection([], { stars: [{ stars: 3, minTotal: 80, prerequisites: [{ label: 'x', source: { fact: 'x' } }] }] }),
      /unknown fact 'x'/,
    ],
    [
      'a min on a yes/no item',
      withSection([{ key: 'a', label: 'a', kind: 'fixed', points: 1 }], {
        stars: [{ stars: 3, minTotal: 80, prerequisites: [{ label: 'a', source: { item: 'a' }, min: 2 }] }],
      }),
      /not a count/,
    ],
    [
      'a fact defaulted from an unknown item',
      withSection([], { facts: [{ key: 'n', label: 'n', type: 'count', defaultFromItem: 'x' }] }),
      /unknown item 'x'/,
    ],
    [
      'a fact defaulted from a yes/no item',
      withSection([{ key: 'a', label: 'a', kind: 'fixed', points: 1 }], {
        facts: [{ key: 'n', label: 'n', type: 'count', defaultFromItem: 'a' }],
      }),
      /not a count/,
    ],
    [
      'a yes/no fact with a count default',
      withSection([{ key: 'a', label: 'a', kind: 'per-unit', perUnit: 1, cap: 5 }], {
        facts: [{ key: 'n', label: 'n', type: 'boolean', defaultFromItem: 'a' }],
      }),
      /not a count/,
    ],
    [
      'more stars for a lower total',
      withSection([], {
        stars: [
          { stars: 5, minTotal: 80, prerequisites: [] },
          { stars: 3, minTotal: 85, prerequisites: [] },
        ],
      }),
      /higher total/,
    ],
  ])('refuses %s with VALIDATION_FAILED', (_name, rubric, message) => {
    expect(() => validateRubric(rubric)).toThrow(DomainError);
    expect(() => validateRubric(rubric)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(
      rubricProblems(rubric)
        .map((p) => p.message)
        .join('\n'),
    ).toMatch(message);
  });

  it('is checked before scoring', () => {
    const broken = withSection([{ key: 'a', label: 'a', kind: 'per-unit', perUnit: 0, cap: 5 }]);
    expect(() => scoreStation(broken, { items: {} })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
