import { DomainError } from '../errors';
import { HANGZHOU_2024 } from './hangzhou-2024';
import { CURRENT_STAR_RUBRIC, findRubric, RUBRICS } from './registry';
import { rubricProblems } from './rubric';

describe('the rubric registry', () => {
  it('finds a published version by id and version', () => {
    expect(findRubric({ id: 'hangzhou-star-rating', version: '2024.1' })).toBe(HANGZHOU_2024);
    expect(findRubric(CURRENT_STAR_RUBRIC)).toBe(HANGZHOU_2024);
  });

  it('refuses a version nobody published', () => {
    expect(() => findRubric({ id: 'hangzhou-star-rating', version: '2025.1' })).toThrow(DomainError);
  });

  it('holds well-formed rubrics, each version once', () => {
    for (const r of RUBRICS) expect(rubricProblems(r)).toEqual([]);
    const refs = RUBRICS.map((r) => `${r.id}@${r.version}`);
    expect(new Set(refs).size).toBe(refs.length);
  });
});
