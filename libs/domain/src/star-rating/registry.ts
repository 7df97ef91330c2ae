/**
 * The published rubric versions. A round rates with one version and every score sheet keeps the
 * version it was computed with, so a city that corrects its table adds a version here (never
 * edits one in place) and rounds already running keep scoring as they started.
 */
import { DomainError } from '../errors';
import { HANGZHOU_2024 } from './hangzhou-2024';
import type { Rubric } from './rubric';

/** Names one version of a rubric. */
export interface RubricRef {
  readonly id: string;
  readonly version: string;
}

export function rubricRef(rubric: Rubric): RubricRef {
  return { id: rubric.id, version: rubric.version };
}

export const RUBRICS: readonly Rubric[] = [HANGZHOU_2024];

/** The version a new star-rating round rates with unless it names another. */
export const CURRENT_STAR_RUBRIC: RubricRef = rubricRef(HANGZHOU_2024);

/** The rubric a reference names; VALIDATION_FAILED when no such version was published. */
export function findRubric(ref: RubricRef): Rubric {
  const found = RUBRICS.find((r) => r.id === ref.id && r.version === ref.version);
  if (!found) {
    const known = RUBRICS.map((r) => `${r.id}@${r.version}`).join('、');
    throw new DomainError('VALIDATION_FAILED', `评分表 ${ref.id}@${ref.version} 不存在（已发布：${known}）`, [
      { field: 'rubric', message: `评分表 ${ref.id}@${ref.version} 不存在` },
    ]);
  }
  return found;
}
