import { CN_MAINLAND_WORK_CALENDAR as CN } from '../calendar/cn-mainland';
import { parseDeadline, shanghaiDate } from '../calendar/shanghai-time';
import { mergeWorkCalendars } from '../calendar/working-days';
import type { RoundCalendar } from '../rounds/round-calendar';
import { onPlainWeekdays, plainWeekdayWarning, plainWeekdayYears } from './calendar-coverage';
import { DEFAULT_REMINDER_POLICY, ReminderPolicy } from './policy';
import { RoundReminderSource, roundReminderPlan } from './schedule';

const iso = (d: string) => parseDeadline(d).toISOString();

function round(
  deadlines: RoundCalendar['deadlines'],
  createdAt: string,
  policy: ReminderPolicy = DEFAULT_REMINDER_POLICY,
): RoundReminderSource {
  return { calendar: { version: 1, deadlines }, changes: [], createdAt, reminderPolicy: policy };
}

// A round whose last steps fall in 2027, a year the shipped calendar does not cover yet.
const INTO_2027 = {
  recommendation: iso('2026-06-30'),
  selfAssessment: iso('2026-11-30'),
  cityEvaluation: iso('2026-12-31'),
  publication: iso('2027-02-10'), // inside the 2027 Spring Festival (2027-02-06 is New Year's Day of the lunar calendar)
  promotion: iso('2027-03-31'),
};
// 2027's Spring Festival as the State Council might announce it (made up for the test).
const WITH_2027 = mergeWorkCalendars(CN, {
  years: { '2027': { holidays: ['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'], adjustedWorkdays: [] } },
});

describe('years planned as plain Monday–Friday', () => {
  it('names a year the work calendar lacks, with its first checkpoint still to be sent', () => {
    const years = plainWeekdayYears(round(INTO_2027, '2026-03-01T00:00:00Z'), CN);
    expect(years.map((y) => y.year)).toEqual(['2027']);
    expect(shanghaiDate(years[0].first.sendAt).startsWith('2027-')).toBe(true);
    // Today such a checkpoint lands on a Spring Festival day: the reason it may not be silent.
    const feb10 = roundReminderPlan(round(INTO_2027, '2026-03-01T00:00:00Z'), CN).find(
      (c) => c.deadlineKey === 'publication' && c.checkpoint === 'on-the-day',
    )!;
    expect(shanghaiDate(feb10.sendAt)).toBe('2027-02-10');
    expect(onPlainWeekdays(feb10, DEFAULT_REMINDER_POLICY, CN)).toBe(true);
  });

  it('goes away once the year is in the calendar, and the reminders then avoid its holidays', () => {
    const r = round(INTO_2027, '2026-03-01T00:00:00Z');
    expect(plainWeekdayYears(r, WITH_2027)).toEqual([]);
    const publication = roundReminderPlan(r, WITH_2027).filter((c) => c.deadlineKey === 'publication');
    // before:P3D, before:P1D and on-the-day all move back to the last working day before the holiday
    expect(publication.map((c) => [c.checkpoint, shanghaiDate(c.sendAt)])).toContainEqual(['before:P3D', '2027-02-04']);
    expect(publication.some((c) => WITH_2027.years['2027'].holidays.includes(shanghaiDate(c.sendAt)))).toBe(false);
    expect(publication.some((c) => onPlainWeekdays(c, DEFAULT_REMINDER_POLICY, WITH_2027))).toBe(false);
  });

  it('says nothing for covered years, for a policy that ignores working days, or for checkpoints never sent', () => {
    expect(
      plainWeekdayYears(
        round(
          { ...INTO_2027, cityEvaluation: iso('2026-12-10'), publication: iso('2026-12-17'), promotion: iso('2026-12-24') },
          '2026-03-01T00:00:00Z',
        ),
        CN,
      ),
    ).toEqual([]);
    const anyDay = { ...DEFAULT_REMINDER_POLICY, workingDaysOnly: false };
    expect(plainWeekdayYears(round(INTO_2027, '2026-03-01T00:00:00Z', anyDay), CN)).toEqual([]);
    // Recorded after the fact: every 2027 checkpoint is already past, so nothing is planned in 2027.
    expect(plainWeekdayYears(round(INTO_2027, '2027-06-01T00:00:00Z'), CN)).toEqual([]);
  });

  it('lists several missing years in order', () => {
    const years = plainWeekdayYears(round({ ...INTO_2027, promotion: iso('2028-01-31') }, '2026-03-01T00:00:00Z'), CN);
    expect(years.map((y) => y.year)).toEqual(['2027', '2028']);
  });

  it('words the warning in zh-CN, naming each year', () => {
    expect(plainWeekdayWarning([])).toBeNull();
    expect(plainWeekdayWarning(['2027', '2028'])).toContain('2027 年、2028 年');
    expect(plainWeekdayWarning(['2027'])).toContain('周一至周五');
  });
});
