import { CN_MAINLAND_WORK_CALENDAR as CN } from '../calendar/cn-mainland';
import { parseDeadline, toShanghaiIso } from '../calendar/shanghai-time';
import { WorkCalendar } from '../calendar/working-days';
import { DomainError } from '../errors';
import {
  Checkpoint,
  checkpointKind,
  DeadlineKey,
  dueCheckpoints,
  nextCheckpoint,
  nextRepeatCheckpoint,
  planCheckpoints,
  repeatCheckpoints,
} from './plan';
import { DEFAULT_REMINDER_POLICY, ReminderPolicy, resolveReminderPolicy } from './policy';

const LONG_AGO = new Date('2000-01-01T00:00:00Z');
const policy: ReminderPolicy = resolveReminderPolicy();
const COMPRESSED: ReminderPolicy = {
  before: ['PT5S'],
  onTheDay: false,
  after: ['PT2S'],
  repeatAfter: null,
  workingDaysOnly: false,
  sendAt: null,
};

/** Label → send time in Shanghai wall-clock, the way an office would read the plan. */
function table(plan: Checkpoint[]): [string, string, string][] {
  return plan.map((c) => [c.deadlineKey, c.checkpoint, toShanghaiIso(c.sendAt)]);
}

function planOne(key: DeadlineKey, deadline: string, p: ReminderPolicy = policy, now = LONG_AGO, calendar: WorkCalendar = CN) {
  return planCheckpoints({ deadlines: { [key]: parseDeadline(deadline) }, policy: p, calendar, now });
}

describe('planCheckpoints with the default policy and the mainland calendar', () => {
  it('plans the 2024 self-assessment deadline around Mid-Autumn, an adjusted Sunday and National Day', () => {
    expect(table(planOne('selfAssessment', '2024-09-30'))).toEqual([
      // 2024-09-16 is Mid-Autumn (Sep 15–17 off): previous working day is Saturday 14 (调休上班)
      ['selfAssessment', 'before:P14D', '2024-09-14T09:00:00+08:00'],
      ['selfAssessment', 'before:P7D', '2024-09-23T09:00:00+08:00'],
      ['selfAssessment', 'before:P3D', '2024-09-27T09:00:00+08:00'],
      // Sunday 2024-09-29 is an adjusted working day
      ['selfAssessment', 'before:P1D', '2024-09-29T09:00:00+08:00'],
      ['selfAssessment', 'on-the-day', '2024-09-30T09:00:00+08:00'],
      // 2024-10-01 is National Day: the next working day is 10-08
      ['selfAssessment', 'after:P1D', '2024-10-08T09:00:00+08:00'],
    ]);
  });

  it('builds keys from deadline key, deadline instant and label', () => {
    const plan = planOne('selfAssessment', '2024-09-30');
    expect(plan[3].key).toBe('selfAssessment|2024-09-30T15:59:59.000Z|before:P1D');
    expect(new Set(plan.map((c) => c.key)).size).toBe(plan.length);
    expect(plan.every((c) => c.deadline.toISOString() === '2024-09-30T15:59:59.000Z')).toBe(true);
  });

  it('moves the checkpoints of a Saturday deadline to Friday and collapses the duplicates', () => {
    expect(table(planOne('publication', '2024-11-30'))).toEqual([
      ['publication', 'before:P14D', '2024-11-15T09:00:00+08:00'], // Sat 16 → Fri 15
      ['publication', 'before:P7D', '2024-11-22T09:00:00+08:00'], // Sat 23 → Fri 22
      ['publication', 'before:P3D', '2024-11-27T09:00:00+08:00'],
      // before:P1D is Friday 29; on-the-day (Sat 30 → Fri 29) lands on the same time and collapses into it
      ['publication', 'before:P1D', '2024-11-29T09:00:00+08:00'],
      ['publication', 'after:P1D', '2024-12-02T09:00:00+08:00'], // Sun 1 Dec → Mon 2
    ]);
  });

  it('keeps the earlier label when two before-checkpoints meet (Monday deadline)', () => {
    const labels = table(planOne('cityEvaluation', '2024-11-25'));
    expect(labels).toContainEqual(['cityEvaluation', 'before:P3D', '2024-11-22T09:00:00+08:00']);
    expect(labels.map((l) => l[1])).not.toContain('before:P1D'); // Sun 24 → Fri 22, collapsed
  });

  it('moves everything off a holiday deadline: before:P3D, P1D and on-the-day all land on the eve', () => {
    // 2025-10-03 is inside the National Day break (Oct 1–8); Oct 11 (Sat) is worked but lies later
    expect(table(planOne('recommendation', '2025-10-03'))).toEqual([
      ['recommendation', 'before:P14D', '2025-09-19T09:00:00+08:00'],
      ['recommendation', 'before:P7D', '2025-09-26T09:00:00+08:00'],
      ['recommendation', 'before:P3D', '2025-09-30T09:00:00+08:00'], // P1D and on-the-day collapse into it
      ['recommendation', 'after:P1D', '2025-10-09T09:00:00+08:00'],
    ]);
  });

  it('never sends a before or on-the-day reminder after the deadline (08:00 deadline, 09:00 sendAt)', () => {
    const p = { ...policy, before: ['PT1H'], after: [] };
    const deadline = parseDeadline('2024-10-31T08:00:00+08:00');
    const plan = planCheckpoints({ deadlines: { promotion: deadline }, policy: p, calendar: CN, now: LONG_AGO });
    // both would be 09:00 on the 31st, after the deadline: they move to the previous working day and collapse
    expect(table(plan)).toEqual([['promotion', 'before:PT1H', '2024-10-30T09:00:00+08:00']]);
    expect(plan.every((c) => c.sendAt <= deadline)).toBe(true);

    const onlyOnTheDay = planCheckpoints({
      deadlines: { promotion: deadline },
      policy: { ...p, before: [] },
      calendar: CN,
      now: LONG_AGO,
    });
    expect(table(onlyOnTheDay)).toEqual([['promotion', 'on-the-day', '2024-10-30T09:00:00+08:00']]);
  });

  it('never sends an after reminder before the deadline has passed', () => {
    const deadline = parseDeadline('2024-10-31T10:00:00+08:00');
    const plan = planCheckpoints({
      deadlines: { promotion: deadline },
      policy: { ...policy, before: [], onTheDay: false, after: ['PT1H'] },
      calendar: CN,
      now: LONG_AGO,
    });
    // 11:00 on the 31st has send time 09:00 on the 31st, before the deadline → next working day
    expect(table(plan)).toEqual([['promotion', 'after:PT1H', '2024-11-01T09:00:00+08:00']]);
    expect(checkpointKind(plan[0].checkpoint)).toBe('after');
  });

  it('uses plain Monday–Friday in a year the calendar does not cover', () => {
    const plan = planOne('promotion', '2027-10-01'); // a Friday; the 2027 notice is not out
    expect(table(plan)).toContainEqual(['promotion', 'on-the-day', '2027-10-01T09:00:00+08:00']);
    expect(table(plan)).toContainEqual(['promotion', 'after:P1D', '2027-10-04T09:00:00+08:00']);
  });

  it('ignores non-working days when workingDaysOnly is false', () => {
    const plan = planOne('selfAssessment', '2024-09-30', { ...policy, workingDaysOnly: false });
    expect(table(plan)).toContainEqual(['selfAssessment', 'before:P14D', '2024-09-16T09:00:00+08:00']);
    expect(table(plan)).toContainEqual(['selfAssessment', 'after:P1D', '2024-10-01T09:00:00+08:00']);
  });
});

describe('planCheckpoints: several deadlines', () => {
  const deadlines = {
    recommendation: parseDeadline('2023-12-08'),
    selfAssessment: parseDeadline('2024-09-30'),
    cityEvaluation: parseDeadline('2024-10-31'),
    publication: parseDeadline('2024-10-31'), // a city may set two steps on one day
    promotion: parseDeadline('2024-12-31'),
  };

  it('sorts by send time, then by deadline order', () => {
    const plan = planCheckpoints({ deadlines, policy, calendar: CN, now: LONG_AGO });
    for (let i = 1; i < plan.length; i++) {
      expect(plan[i - 1].sendAt.getTime()).toBeLessThanOrEqual(plan[i].sendAt.getTime());
    }
    const sameTime = plan.filter((c) => c.checkpoint === 'on-the-day' && c.deadline.getTime() === deadlines.publication.getTime());
    expect(sameTime.map((c) => c.deadlineKey)).toEqual(['cityEvaluation', 'publication']);
    expect(plan.some((c) => c.deadlineKey === 'filing')).toBe(false); // optional deadline absent
  });

  it('does not collapse checkpoints of different deadlines', () => {
    const plan = planCheckpoints({ deadlines, policy, calendar: CN, now: LONG_AGO });
    expect(plan.filter((c) => c.deadlineKey === 'cityEvaluation')).toHaveLength(plan.filter((c) => c.deadlineKey === 'publication').length);
  });

  it('ignores selfAssessmentOpens, which is a round date but not a reminder deadline', () => {
    const withOpens = { ...deadlines, selfAssessmentOpens: parseDeadline('2024-01-01') } as Record<string, Date>;
    const plan = planCheckpoints({ deadlines: withOpens, policy, calendar: CN, now: LONG_AGO });
    expect(plan).toEqual(planCheckpoints({ deadlines, policy, calendar: CN, now: LONG_AGO }));
  });

  it('marks everything skipped for a round recorded after the fact', () => {
    const plan = planCheckpoints({ deadlines, policy, calendar: CN, now: new Date('2025-03-01T00:00:00Z') });
    expect(plan.length).toBeGreaterThan(20);
    expect(plan.every((c) => c.skipped)).toBe(true);
    expect(nextCheckpoint(plan, new Date('2025-03-01T00:00:00Z'))).toBeNull();
    expect(dueCheckpoints(plan, new Date('2025-03-01T00:00:00Z'))).toEqual([]);
  });

  it('skips exactly the checkpoints before now', () => {
    const now = parseDeadline('2024-09-27T09:00:00+08:00');
    const plan = planCheckpoints({ deadlines: { selfAssessment: deadlines.selfAssessment }, policy, calendar: CN, now });
    expect(plan.map((c) => [c.checkpoint, c.skipped])).toEqual([
      ['before:P14D', true],
      ['before:P7D', true],
      ['before:P3D', false], // exactly now: still to send
      ['before:P1D', false],
      ['on-the-day', false],
      ['after:P1D', false],
    ]);
  });

  it('refuses an invalid deadline or now', () => {
    expect(() => planCheckpoints({ deadlines: { filing: new Date('nope') }, policy, calendar: CN, now: LONG_AGO })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(() => planCheckpoints({ deadlines: {}, policy, calendar: CN, now: new Date(NaN) })).toThrow(DomainError);
  });

  it('refuses a hand-built invalid policy', () => {
    expect(() => planCheckpoints({ deadlines, policy: { ...policy, before: ['P1M'] }, calendar: CN, now: LONG_AGO })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});

describe('a deadline moved after some reminders went out', () => {
  const oldDeadline = parseDeadline('2024-10-31');
  const newDeadline = parseDeadline('2024-10-15');
  const movedAt = parseDeadline('2024-10-09T12:00:00+08:00');

  it('gives new keys, skips the new checkpoints already past, and continues with the rest', () => {
    const oldPlan = planCheckpoints({ deadlines: { cityEvaluation: oldDeadline }, policy, calendar: CN, now: parseDeadline('2024-09-01') });
    const sent = new Set(oldPlan.filter((c) => c.sendAt <= movedAt).map((c) => c.key));

    const newPlan = planCheckpoints({ deadlines: { cityEvaluation: newDeadline }, policy, calendar: CN, now: movedAt });
    expect(newPlan.some((c) => sent.has(c.key))).toBe(false);
    expect(newPlan.map((c) => [c.checkpoint, toShanghaiIso(c.sendAt), c.skipped])).toEqual([
      ['before:P14D', '2024-09-30T09:00:00+08:00', true], // Oct 1 holiday → Sep 30, already past
      ['before:P7D', '2024-10-08T09:00:00+08:00', true],
      ['before:P3D', '2024-10-12T09:00:00+08:00', false], // Saturday, adjusted working day
      ['before:P1D', '2024-10-14T09:00:00+08:00', false],
      ['on-the-day', '2024-10-15T09:00:00+08:00', false],
      ['after:P1D', '2024-10-16T09:00:00+08:00', false],
    ]);
    expect(newPlan.every((c) => c.key.startsWith('cityEvaluation|2024-10-15T15:59:59.000Z|'))).toBe(true);
    expect(nextCheckpoint(newPlan, movedAt, sent)?.checkpoint).toBe('before:P3D');
  });

  it('keeps the keys of a deadline that did not move', () => {
    const before = planCheckpoints({
      deadlines: { cityEvaluation: oldDeadline, promotion: parseDeadline('2024-12-31') },
      policy,
      calendar: CN,
      now: LONG_AGO,
    });
    const after = planCheckpoints({
      deadlines: { cityEvaluation: newDeadline, promotion: parseDeadline('2024-12-31') },
      policy,
      calendar: CN,
      now: LONG_AGO,
    });
    const keys = (plan: Checkpoint[]) => plan.filter((c) => c.deadlineKey === 'promotion').map((c) => c.key);
    expect(keys(after)).toEqual(keys(before));
  });
});

describe('compressed policy (exact instants)', () => {
  const deadline = new Date('2030-01-05T00:00:10.000Z'); // a Saturday: must not matter
  const now = new Date('2030-01-05T00:00:00.000Z');

  it('puts checkpoints at deadline ± offset, to the millisecond', () => {
    const plan = planCheckpoints({ deadlines: { filing: deadline }, policy: COMPRESSED, calendar: CN, now });
    expect(plan.map((c) => [c.checkpoint, c.sendAt.toISOString(), c.skipped])).toEqual([
      ['before:PT5S', '2030-01-05T00:00:05.000Z', false],
      ['after:PT2S', '2030-01-05T00:00:12.000Z', false],
    ]);
  });

  it('puts on-the-day at the deadline instant itself when sendAt is null', () => {
    const plan = planCheckpoints({ deadlines: { filing: deadline }, policy: { ...COMPRESSED, onTheDay: true }, calendar: CN, now });
    expect(plan.map((c) => [c.checkpoint, c.sendAt.toISOString()])).toContainEqual(['on-the-day', '2030-01-05T00:00:10.000Z']);
  });

  it('keeps the time of day when moving an exact instant off a non-working day', () => {
    const plan = planCheckpoints({
      deadlines: { filing: parseDeadline('2024-10-01T15:30:00+08:00') },
      policy: { ...COMPRESSED, workingDaysOnly: true },
      calendar: CN,
      now: LONG_AGO,
    });
    expect(table(plan)).toEqual([
      ['filing', 'before:PT5S', '2024-09-30T15:29:55+08:00'],
      ['filing', 'after:PT2S', '2024-10-08T15:30:02+08:00'],
    ]);
  });

  it('marks past instants skipped', () => {
    const plan = planCheckpoints({
      deadlines: { filing: deadline },
      policy: COMPRESSED,
      calendar: CN,
      now: new Date('2030-01-05T00:00:06Z'),
    });
    expect(plan.map((c) => c.skipped)).toEqual([true, false]);
  });
});

describe('repeatCheckpoints', () => {
  const deadline = parseDeadline('2024-09-30');

  it('repeats weekly after the last after-offset, labelled by total offset, skipping one that meets after:P1D', () => {
    const repeats = repeatCheckpoints('selfAssessment', deadline, policy, CN, LONG_AGO, parseDeadline('2024-11-01'));
    // after:P8D lands on 2024-10-08 09:00, where after:P1D was moved: left out
    expect(table(repeats)).toEqual([
      ['selfAssessment', 'after:P15D', '2024-10-15T09:00:00+08:00'],
      ['selfAssessment', 'after:P22D', '2024-10-22T09:00:00+08:00'],
      ['selfAssessment', 'after:P29D', '2024-10-29T09:00:00+08:00'],
    ]);
    expect(repeats[0].key).toBe('selfAssessment|2024-09-30T15:59:59.000Z|after:P15D');
    expect(repeats.every((c) => !c.skipped && checkpointKind(c.checkpoint) === 'after')).toBe(true);
  });

  it('labels the first repeat after:P8D when nothing is in its way', () => {
    const repeats = repeatCheckpoints(
      'promotion',
      parseDeadline('2024-12-10'),
      policy,
      CN,
      LONG_AGO,
      parseDeadline('2024-12-25T09:00:00+08:00'),
    );
    // after:P15D would be 2024-12-25 09:00, which is `until` itself: excluded
    expect(table(repeats)).toEqual([['promotion', 'after:P8D', '2024-12-18T09:00:00+08:00']]);
  });

  it('starts from `from` and stops before `until`', () => {
    const repeats = repeatCheckpoints(
      'selfAssessment',
      deadline,
      policy,
      CN,
      parseDeadline('2024-10-16T00:00:00+08:00'),
      parseDeadline('2024-10-29T09:00:00+08:00'),
    );
    expect(repeats.map((c) => c.checkpoint)).toEqual(['after:P22D']);
  });

  it('moves a repeat that falls on a holiday to the next working day', () => {
    const repeats = repeatCheckpoints('recommendation', parseDeadline('2024-04-23'), policy, CN, LONG_AGO, parseDeadline('2024-05-10'));
    // after:P1D = Apr 24; after:P8D = May 1 (holiday) → May 6; after:P15D = May 8
    expect(table(repeats)).toEqual([
      ['recommendation', 'after:P8D', '2024-05-06T09:00:00+08:00'],
      ['recommendation', 'after:P15D', '2024-05-08T09:00:00+08:00'],
    ]);
  });

  it('gives compressed repeats at exact instants', () => {
    const d = new Date('2030-01-05T00:00:10.000Z');
    const p = { ...COMPRESSED, repeatAfter: 'PT7S' };
    const repeats = repeatCheckpoints('filing', d, p, CN, d, new Date('2030-01-05T00:00:30.000Z'));
    expect(repeats.map((c) => [c.checkpoint, c.sendAt.toISOString()])).toEqual([
      ['after:PT9S', '2030-01-05T00:00:19.000Z'],
      ['after:PT16S', '2030-01-05T00:00:26.000Z'],
    ]);
  });

  it('repeats from the deadline when the policy has no after-offsets', () => {
    const d = new Date('2030-01-05T00:00:10.000Z');
    const repeats = repeatCheckpoints(
      'filing',
      d,
      { ...COMPRESSED, after: [], repeatAfter: 'PT3S' },
      CN,
      d,
      new Date('2030-01-05T00:00:17Z'),
    );
    expect(repeats.map((c) => c.checkpoint)).toEqual(['after:PT3S', 'after:PT6S']);
  });

  it('is empty when repeatAfter is null', () => {
    expect(repeatCheckpoints('filing', deadline, { ...policy, repeatAfter: null }, CN, LONG_AGO, parseDeadline('2025-12-31'))).toEqual([]);
  });

  it('is fast far after the deadline', () => {
    const from = parseDeadline('2026-03-01');
    const repeats = repeatCheckpoints('selfAssessment', deadline, policy, CN, from, parseDeadline('2026-03-20'));
    expect(repeats.length).toBeGreaterThanOrEqual(2);
    expect(repeats.every((c) => c.sendAt >= from)).toBe(true);
  });

  it('refuses to enumerate an unbounded flood', () => {
    const d = new Date('2030-01-05T00:00:10.000Z');
    expect(() => repeatCheckpoints('filing', d, { ...COMPRESSED, repeatAfter: 'PT1S' }, CN, d, new Date('2030-02-05T00:00:00Z'))).toThrow(
      DomainError,
    );
  });
});

describe('nextRepeatCheckpoint', () => {
  const deadline = parseDeadline('2024-09-30');

  it('gives the first repeat strictly after the given time', () => {
    expect(nextRepeatCheckpoint('selfAssessment', deadline, policy, CN, parseDeadline('2024-10-08T09:00:00+08:00'))?.checkpoint).toBe(
      'after:P15D',
    );
    expect(nextRepeatCheckpoint('selfAssessment', deadline, policy, CN, parseDeadline('2024-10-15T09:00:00+08:00'))?.checkpoint).toBe(
      'after:P22D',
    );
    expect(nextRepeatCheckpoint('selfAssessment', deadline, policy, CN, LONG_AGO)?.checkpoint).toBe('after:P15D');
  });

  it('is null without repeats', () => {
    expect(nextRepeatCheckpoint('selfAssessment', deadline, COMPRESSED, CN, LONG_AGO)).toBeNull();
  });
});

describe('nextCheckpoint / dueCheckpoints', () => {
  const plan = planOne('selfAssessment', '2024-09-30', DEFAULT_REMINDER_POLICY);

  it('finds the next checkpoint to come, leaving out what was sent', () => {
    const now = parseDeadline('2024-09-24T00:00:00+08:00');
    expect(nextCheckpoint(plan, now)?.checkpoint).toBe('before:P3D');
    expect(nextCheckpoint(plan, now, new Set([plan[2].key]))?.checkpoint).toBe('before:P1D');
    expect(nextCheckpoint(plan, parseDeadline('2024-10-09'))).toBeNull();
  });

  it('lists what is due and not yet sent, for a workflow that woke late', () => {
    const now = parseDeadline('2024-09-27T09:00:05+08:00');
    expect(dueCheckpoints(plan, now, new Set([plan[0].key])).map((c) => c.checkpoint)).toEqual(['before:P7D', 'before:P3D']);
  });

  it('never returns a skipped checkpoint', () => {
    const recorded = planOne('selfAssessment', '2024-09-30', policy, parseDeadline('2024-09-28'));
    expect(dueCheckpoints(recorded, parseDeadline('2024-10-31')).map((c) => c.checkpoint)).toEqual([
      'before:P1D',
      'on-the-day',
      'after:P1D',
    ]);
  });
});

describe('checkpointKind', () => {
  it.each([
    ['before:P14D', 'before'],
    ['on-the-day', 'on-the-day'],
    ['after:P8D', 'after'],
  ])('%s → %s', (label, kind) => {
    expect(checkpointKind(label)).toBe(kind);
  });

  it('refuses an unknown label', () => {
    expect(() => checkpointKind('whenever')).toThrow(DomainError);
  });
});
