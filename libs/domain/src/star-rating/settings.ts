import { shanghaiDate } from '../calendar/shanghai-time';
import type { RoundDeadlines } from '../rounds/round-calendar';
import { isPlainObject, rejectUnknownKeys, validationFailed, ValidationIssue } from '../validation/issues';
import { CURRENT_STAR_RUBRIC, findRubric, RubricRef } from './registry';

/** What a star-rating round adds to a round: the rubric version it rates with, its year, the exit rule. */
export interface StarRatingSettings {
  rubric: RubricRef;
  /** 评定年度: the year this round rates; the exit rule counts years back from it */
  ratingYear: number;
  /** 退出机制: after this many consecutive years below three stars a station is flagged for merger or withdrawal */
  exitAfterYears: number;
}

/** 杭总工办〔2023〕30号 §六(三) "长期(一般不超过三年)": three years unless the round says otherwise. */
export const DEFAULT_EXIT_AFTER_YEARS = 3;
const MAX_EXIT_AFTER_YEARS = 10;

/**
 * A round's star-rating settings from what it supplied; each missing one takes its default: the
 * current rubric, the Asia/Shanghai year of the city rating deadline, three years.
 */
export function resolveStarRatingSettings(input: unknown, deadlines: RoundDeadlines): StarRatingSettings {
  const given = input ?? {};
  if (!isPlainObject(given)) throw validationFailed('星级评定设置无效', [{ field: 'starRating', message: '应为对象' }]);
  const issues: ValidationIssue[] = [];
  rejectUnknownKeys(given, ['rubric', 'ratingYear', 'exitAfterYears'], 'starRating.', issues);

  let rubric = CURRENT_STAR_RUBRIC;
  if (given.rubric !== undefined) {
    const r = given.rubric;
    if (!isPlainObject(r) || typeof r.id !== 'string' || typeof r.version !== 'string') {
      issues.push({ field: 'starRating.rubric', message: '应为 { id, version }' });
    } else {
      try {
        findRubric({ id: r.id, version: r.version });
        rubric = { id: r.id, version: r.version };
      } catch (e) {
        issues.push({ field: 'starRating.rubric', message: (e as Error).message });
      }
    }
  }

  const cityRating = deadlines.cityRating;
  let ratingYear = cityRating ? Number(shanghaiDate(new Date(cityRating)).slice(0, 4)) : NaN;
  if (given.ratingYear !== undefined) {
    ratingYear = given.ratingYear as number;
    if (!Number.isInteger(ratingYear) || ratingYear < 2000 || ratingYear > 2100)
      issues.push({ field: 'starRating.ratingYear', message: '应为 2000–2100 之间的年份' });
  } else if (Number.isNaN(ratingYear)) issues.push({ field: 'starRating.ratingYear', message: '没有星级评定截止日期时须给出评定年度' });

  const exitAfterYears = given.exitAfterYears === undefined ? DEFAULT_EXIT_AFTER_YEARS : (given.exitAfterYears as number);
  if (!Number.isInteger(exitAfterYears) || exitAfterYears < 1 || exitAfterYears > MAX_EXIT_AFTER_YEARS) {
    issues.push({ field: 'starRating.exitAfterYears', message: `应为 1–${MAX_EXIT_AFTER_YEARS} 的整数（年）` });
  }
  if (issues.length > 0) throw validationFailed(`星级评定设置无效：${issues.map((i) => `${i.field} ${i.message}`).join('；')}`, issues);
  return { rubric, ratingYear, exitAfterYears };
}
