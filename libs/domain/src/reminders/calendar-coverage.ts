import { shanghaiDate } from '../calendar/shanghai-time';
import { coversDate, WorkCalendar } from '../calendar/working-days';
import type { ReminderPolicy } from './policy';
import type { Checkpoint } from './plan';
import { RoundReminderSource, roundReminderPlan } from './schedule';

/**
 * A year the work calendar does not cover is planned as plain Monday–Friday (working-days.ts):
 * its holidays are not known yet (the State Council publishes them around November of the year
 * before), so a reminder may land inside the Spring Festival. DOMAIN.md decision: that is never
 * silent. The round, its reminder plan and the dashboard name such years, and admins are told
 * once per year by mail.
 */

/** The year (YYYY) of a checkpoint's send date in Asia/Shanghai. */
export const sendYearOf = (c: Pick<Checkpoint, 'sendAt'>): string => shanghaiDate(c.sendAt).slice(0, 4);

/**
 * Whether a checkpoint's send date was chosen without knowing its year's holidays. A policy that
 * does not keep to working days uses no calendar, so nothing of it is planned on plain weekdays.
 */
export function onPlainWeekdays(
  c: Pick<Checkpoint, 'sendAt'>,
  policy: Pick<ReminderPolicy, 'workingDaysOnly'>,
  calendar: WorkCalendar,
): boolean {
  return policy.workingDaysOnly && !coversDate(calendar, shanghaiDate(c.sendAt));
}

/** A year of a round's plan that is planned as plain Monday–Friday, with its first checkpoint still to be sent. */
export interface PlainWeekdayYear {
  year: string;
  first: Checkpoint;
}

/**
 * The years in which a round's reminders (those still to be sent) are planned as plain
 * Monday–Friday, in order. Skipped checkpoints are never sent, so they raise no warning.
 */
export function plainWeekdayYears(round: RoundReminderSource, calendar: WorkCalendar): PlainWeekdayYear[] {
  const years = new Map<string, Checkpoint>();
  for (const c of roundReminderPlan(round, calendar)) {
    if (c.skipped || !onPlainWeekdays(c, round.reminderPolicy, calendar)) continue;
    const year = sendYearOf(c);
    if (!years.has(year)) years.set(year, c);
  }
  return [...years.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([year, first]) => ({ year, first }));
}

/** What the round and the dashboard show about such years (zh-CN), or null when there are none. */
export function plainWeekdayWarning(years: readonly string[]): string | null {
  if (years.length === 0) return null;
  const named = years.map((y) => `${y} 年`).join('、');
  return `工作日历尚未录入${named}的节假日安排，这些年份的提醒暂按普通周一至周五安排，可能落在春节等假期内。请管理员在工作日历中补录（国务院办公厅通常在上一年 11 月前后发布）。`;
}
