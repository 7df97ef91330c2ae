import { DomainError } from '../errors';
import { DEFAULT_REMINDER_POLICY, resolveReminderPolicy } from './policy';

function issuesOf(input: unknown): { field: string; message: string }[] {
  try {
    resolveReminderPolicy(input);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('VALIDATION_FAILED');
    return (e as DomainError).details as { field: string; message: string }[];
  }
  throw new Error('expected resolveReminderPolicy to throw');
}

describe('DEFAULT_REMINDER_POLICY', () => {
  it('is the one DOMAIN.md and API.md describe', () => {
    expect(DEFAULT_REMINDER_POLICY).toEqual({
      before: ['P14D', 'P7D', 'P3D', 'P1D'],
      onTheDay: true,
      after: ['P1D'],
      repeatAfter: 'P7D',
      workingDaysOnly: true,
      sendAt: '09:00',
    });
  });

  it('cannot be changed by a careless caller', () => {
    expect(() => (DEFAULT_REMINDER_POLICY.before as string[]).push('P30D')).toThrow(TypeError);
  });
});

describe('resolveReminderPolicy', () => {
  it.each([undefined, null, {}])('gives the defaults for %p', (input) => {
    expect(resolveReminderPolicy(input)).toEqual(DEFAULT_REMINDER_POLICY);
  });

  it('returns a copy the caller may modify', () => {
    const policy = resolveReminderPolicy();
    policy.before.push('P30D');
    expect(DEFAULT_REMINDER_POLICY.before).toHaveLength(4);
  });

  it('fills only what is missing', () => {
    expect(resolveReminderPolicy({ sendAt: '08:30', after: ['P2D'] })).toEqual({
      ...DEFAULT_REMINDER_POLICY,
      sendAt: '08:30',
      after: ['P2D'],
    });
  });

  it('takes an explicit null as "none"', () => {
    const policy = resolveReminderPolicy({ repeatAfter: null, sendAt: null });
    expect(policy.repeatAfter).toBeNull();
    expect(policy.sendAt).toBeNull();
  });

  it('accepts the compressed test policy of API.md', () => {
    const compressed = {
      before: ['PT5S'],
      onTheDay: false,
      after: ['PT2S'],
      repeatAfter: null,
      workingDaysOnly: false,
      sendAt: null,
    };
    expect(resolveReminderPolicy(compressed)).toEqual(compressed);
  });

  it('canonicalises spelling and order so that labels are stable', () => {
    const policy = resolveReminderPolicy({ before: ['PT24H', 'P2W', 'P3D'], after: ['P2D', 'PT36H'], repeatAfter: 'P1W' });
    expect(policy.before).toEqual(['P14D', 'P3D', 'P1D']);
    expect(policy.after).toEqual(['P1DT12H', 'P2D']);
    expect(policy.repeatAfter).toBe('P7D');
  });

  it('allows empty lists', () => {
    expect(resolveReminderPolicy({ before: [], after: [] })).toMatchObject({ before: [], after: [] });
  });

  it('names every bad field at once', () => {
    const issues = issuesOf({
      before: ['P7D', 'P1M', 'PT168H', 'P0D'],
      onTheDay: 'yes',
      after: 'P1D',
      repeatAfter: 'PT0.5S',
      workingDaysOnly: 1,
      sendAt: '9:00',
      extra: true,
    });
    expect(issues.map((i) => i.field)).toEqual(
      expect.arrayContaining([
        'extra',
        'before.1', // months refused
        'before.2', // same as P7D
        'before.3', // zero
        'after',
        'onTheDay',
        'workingDaysOnly',
        'repeatAfter', // shorter than a second
        'sendAt',
      ]),
    );
    expect(issues).toHaveLength(9);
    expect(issues.every((i) => typeof i.message === 'string' && i.message.length > 0)).toBe(true);
  });

  it.each(['24:00', '09:60', '0900', 900, ''])('refuses sendAt %p', (sendAt) => {
    expect(issuesOf({ sendAt }).map((i) => i.field)).toEqual(['sendAt']);
  });

  it.each(['x', 1, [], true])('refuses a non-object %p', (input) => {
    expect(issuesOf(input)).toEqual([expect.objectContaining({ field: 'reminders' })]);
  });
});

describe('reminder offsets at the door', () => {
  const capped = (input: unknown) => () => resolveReminderPolicy(input, { capOffsets: true });

  it('takes offsets up to a year, leap day included', () => {
    expect(
      resolveReminderPolicy({ before: ['P366D', 'P52W'], after: ['P366D'], repeatAfter: 'P366D' }, { capOffsets: true }),
    ).toMatchObject({
      before: ['P366D', 'P364D'],
      after: ['P366D'],
      repeatAfter: 'P366D',
    });
  });

  it('refuses an offset over a year before, after or as the repeat, naming each field', () => {
    let error: DomainError | undefined;
    try {
      capped({ before: ['P7D', 'P9999999D'], after: ['P367D'], repeatAfter: 'P53W' })();
    } catch (e) {
      error = e as DomainError;
    }
    expect(error?.code).toBe('VALIDATION_FAILED');
    expect((error?.details as { field: string }[]).map((i) => i.field)).toEqual(['before.1', 'after.0', 'repeatAfter']);
    expect(error?.message).toContain('before.1 时长“P9999999D”超过一年（最长 P366D）');
  });

  it('leaves a stored policy as it was read before the cap, so that an older round keeps running', () => {
    expect(resolveReminderPolicy({ before: ['P400D'] }).before).toEqual(['P400D']);
  });
});
