import { CN_MAINLAND_WORK_CALENDAR as CN } from '../calendar/cn-mainland';
import { parseDeadline, toShanghaiIso } from '../calendar/shanghai-time';
import type { DeadlineChange, RoundCalendar } from '../rounds/round-calendar';
import { DEFAULT_REMINDER_POLICY, ReminderPolicy } from './policy';
import {
  deadlineOf,
  deadlineSetAt,
  reminderSchedule,
  resolvesDeadline,
  resolvesDeadlineWithSupplementaryLists,
  RoundReminderSource,
  roundReminderPlan,
} from './schedule';

const iso = (d: string) => parseDeadline(d).toISOString();

function round(
  deadlines: RoundCalendar['deadlines'],
  createdAt: string,
  changes: DeadlineChange[] = [],
  policy: ReminderPolicy = DEFAULT_REMINDER_POLICY,
): RoundReminderSource {
  return { calendar: { version: changes.length, deadlines }, changes, createdAt, reminderPolicy: policy };
}

const SELF_2024 = {
  recommendation: iso('2023-12-08'),
  selfAssessment: iso('2024-09-30'),
  cityEvaluation: iso('2024-10-31'),
  publication: iso('2024-11-30'),
  promotion: iso('2024-12-31'),
};

describe('roundReminderPlan', () => {
  it('skips the checkpoints before the round was created (a round recorded after the fact)', () => {
    const plan = roundReminderPlan(round(SELF_2024, '2024-09-20T00:00:00Z'), CN);
    const self = plan.filter((c) => c.deadlineKey === 'selfAssessment');
    expect(self.map((c) => [c.checkpoint, c.skipped])).toEqual([
      ['before:P14D', true],
      ['before:P7D', false],
      ['before:P3D', false],
      ['before:P1D', false],
      ['on-the-day', false],
      ['after:P1D', false],
    ]);
    expect(plan.filter((c) => c.deadlineKey === 'recommendation').every((c) => c.skipped)).toBe(true);
  });

  it('sends nothing, not even weekly repeats, for a deadline already past when the round was recorded', () => {
    const recorded = round(SELF_2024, '2025-03-01T00:00:00Z');
    expect(reminderSchedule(recorded, CN, new Date('2025-03-10T00:00:00Z'), new Set(), new Set())).toEqual({ due: [], next: null });
  });

  it('orders the whole round by send time', () => {
    const plan = roundReminderPlan(round(SELF_2024, '2023-11-01T00:00:00Z'), CN);
    const times = plan.map((c) => c.sendAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(plan[0].deadlineKey).toBe('recommendation');
  });
});

describe('a deadline moved after some reminders went out', () => {
  const created = '2024-08-01T00:00:00.000Z';
  const moved: DeadlineChange = {
    version: 1,
    at: '2024-09-24T02:00:00.000Z', // 2024-09-24 10:00 Shanghai, after before:P7D (09-23) went out
    by: '市三方办',
    reason: '国庆前工作安排调整',
    changed: { selfAssessment: { from: iso('2024-09-30'), to: iso('2024-10-15') } },
  };
  const after = round({ ...SELF_2024, selfAssessment: iso('2024-10-15') }, created, [moved]);

  it('plans the new date from the moment of the change: earlier checkpoints of the new date are skipped, none is sent late', () => {
    expect(deadlineSetAt(after, 'selfAssessment').toISOString()).toBe(moved.at);
    expect(deadlineSetAt(after, 'cityEvaluation').toISOString()).toBe(created); // untouched deadlines keep theirs
    const self = roundReminderPlan(after, CN).filter((c) => c.deadlineKey === 'selfAssessment');
    expect(self.map((c) => [c.checkpoint, toShanghaiIso(c.sendAt), c.skipped])).toEqual([
      // 10-01 is National Day: P14D moves back to the last working day before it, 09-30 (still ahead)
      ['before:P14D', '2024-09-30T09:00:00+08:00', false],
      ['before:P7D', '2024-10-08T09:00:00+08:00', false],
      ['before:P3D', '2024-10-12T09:00:00+08:00', false], // Saturday 10-12 is an adjusted working day
      ['before:P1D', '2024-10-14T09:00:00+08:00', false],
      ['on-the-day', '2024-10-15T09:00:00+08:00', false],
      ['after:P1D', '2024-10-16T09:00:00+08:00', false],
    ]);
  });

  it('never resends what went out for the old date, and sends the new date under new keys', () => {
    const before = round(SELF_2024, created);
    const sentForOldDate = reminderSchedule(before, CN, new Date('2024-09-24T01:00:00Z'), new Set(), new Set()).due;
    expect(sentForOldDate.filter((c) => c.deadlineKey === 'selfAssessment').map((c) => c.checkpoint)).toEqual([
      'before:P14D',
      'before:P7D',
    ]);
    const done = new Set(sentForOldDate.map((c) => c.key));
    const now = reminderSchedule(after, CN, new Date('2024-09-24T03:00:00Z'), done, new Set());
    expect(now.due).toEqual([]);
    expect(now.next?.checkpoint).toBe('before:P14D');
    expect(now.next?.key).toBe(`selfAssessment|${iso('2024-10-15')}|before:P14D`);
  });
});

describe('reminderSchedule', () => {
  const compressed: ReminderPolicy = {
    before: ['PT10S'],
    onTheDay: false,
    after: ['PT2S'],
    repeatAfter: 'PT5S',
    workingDaysOnly: false,
    sendAt: null,
  };
  const t0 = Date.parse('2026-03-02T00:00:00Z');
  const at = (s: number) => new Date(t0 + s * 1000);
  // Only the recommendation deadline matters here; the others lie far beyond the test's clock.
  const far = at(1e7).toISOString();
  const r = round(
    { recommendation: at(60).toISOString(), selfAssessment: far, cityEvaluation: far, publication: far, promotion: far },
    at(0).toISOString(),
    [],
    compressed,
  );

  it('sends what is due, waits for the next one, then repeats while the step is owed', () => {
    expect(reminderSchedule(r, CN, at(10), new Set(), new Set())).toEqual({
      due: [],
      next: expect.objectContaining({ checkpoint: 'before:PT10S', sendAt: at(50) }),
    });
    const first = reminderSchedule(r, CN, at(50), new Set(), new Set());
    expect(first.due.map((c) => c.checkpoint)).toEqual(['before:PT10S']);
    const done = new Set(first.due.map((c) => c.key));
    expect(reminderSchedule(r, CN, at(50), done, new Set()).next?.checkpoint).toBe('after:PT2S');
    done.add(reminderSchedule(r, CN, at(62), done, new Set()).due[0].key);
    expect(reminderSchedule(r, CN, at(62), done, new Set()).next).toMatchObject({ checkpoint: 'after:PT7S', sendAt: at(67) });
  });

  it('after a long outage sends the latest missed repeat only, not every one', () => {
    const done = new Set(roundReminderPlan(r, CN).map((c) => c.key));
    const due = reminderSchedule(r, CN, at(100), done, new Set()).due;
    expect(due.map((c) => c.checkpoint)).toEqual(['after:PT37S']);
  });

  it('stops repeating once an overdue checkpoint found nobody owing', () => {
    const overdue = roundReminderPlan(r, CN).find((c) => c.checkpoint === 'after:PT2S')!;
    expect(resolvesDeadline(overdue, 0)).toBe(true);
    expect(resolvesDeadline(overdue, 3)).toBe(false);
    expect(resolvesDeadline(roundReminderPlan(r, CN)[0], 0)).toBe(false); // a before checkpoint resolves nothing
    const done = new Set(roundReminderPlan(r, CN).map((c) => c.key));
    const resolved = new Set([deadlineOf(overdue)]);
    const { due, next } = reminderSchedule(r, CN, at(100), done, resolved);
    expect(due).toEqual([]);
    expect(next?.deadlineKey).not.toBe('recommendation'); // only the far deadlines' own checkpoints remain
  });

  it('keeps chasing the publication step with supplementary lists: a station evaluated late may still reach it', () => {
    const publication = roundReminderPlan(round(SELF_2024, '2023-11-01T00:00:00Z'), CN).find(
      (c) => c.deadlineKey === 'publication' && c.checkpoint === 'after:P1D',
    )!;
    const recommendation = roundReminderPlan(round(SELF_2024, '2023-11-01T00:00:00Z'), CN).find(
      (c) => c.deadlineKey === 'recommendation' && c.checkpoint === 'after:P1D',
    )!;
    expect(resolvesDeadline(publication, 0)).toBe(true); // before supplementary lists: the weekly repeats stopped for good
    expect(resolvesDeadlineWithSupplementaryLists(publication, 0)).toBe(false);
    expect(resolvesDeadlineWithSupplementaryLists(recommendation, 0)).toBe(true);
    expect(resolvesDeadlineWithSupplementaryLists(recommendation, 2)).toBe(false);
    // Not resolved, the publication deadline keeps its weekly repeats after the first list.
    const plan = roundReminderPlan(round(SELF_2024, '2023-11-01T00:00:00Z'), CN);
    const done = new Set(plan.map((c) => c.key));
    const othersResolved = new Set(plan.filter((c) => c.deadlineKey !== 'publication').map(deadlineOf));
    const { next } = reminderSchedule(round(SELF_2024, '2023-11-01T00:00:00Z'), CN, new Date('2024-12-05T00:00:00Z'), done, othersResolved);
    expect([next?.deadlineKey, next?.checkpoint]).toEqual(['publication', 'after:P8D']);
  });
});
