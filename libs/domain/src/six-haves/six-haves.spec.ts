import { DomainError } from '../errors';
import { HAVE_KEYS, SIX_HAVES, SixHavesAssessment, summariseSixHaves, validateSixHavesAssessment } from './six-haves';

type Input = Record<string, Record<string, unknown>>;

function complete(): Input {
  return {
    platform: { status: 'met', evidence: '街道综合服务中心一楼设有固定办公室和调解室', attachments: ['平面图.pdf'] },
    team: { status: 'met', evidence: '配备劳动关系协调员3名、调解员5名' },
    rules: { status: 'partly', evidence: '已制定年度计划，长期规划在编' },
    funding: { status: 'met', evidence: '街道财政每年安排专项经费' },
    standards: { status: 'not_met', evidence: '服务清单尚未公布' },
    results: { status: 'partly', evidence: '2024年调解劳动纠纷42件' },
  };
}

function issuesOf(input: unknown): { field: string; message: string }[] {
  try {
    validateSixHavesAssessment(input);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('VALIDATION_FAILED');
    return (e as DomainError).details as { field: string; message: string }[];
  }
  throw new Error('expected validateSixHavesAssessment to throw');
}

describe('SIX_HAVES', () => {
  it('lists the six haves of 渝人社〔2023〕474号 in order', () => {
    expect(SIX_HAVES.map((h) => [h.key, h.label])).toEqual([
      ['platform', '有平台'],
      ['team', '有队伍'],
      ['rules', '有制度'],
      ['funding', '有保障'],
      ['standards', '有标准'],
      ['results', '有成效'],
    ]);
    expect(SIX_HAVES.map((h) => h.key)).toEqual([...HAVE_KEYS]);
  });

  it('has a zh requirement for each have', () => {
    for (const have of SIX_HAVES) expect(have.requirement).toMatch(/[\u4e00-\u9fff]{10,}/);
    expect(SIX_HAVES.find((h) => h.key === 'funding')?.requirement).toContain('经费保障');
  });

  it('is frozen', () => {
    expect(() => ((SIX_HAVES[0] as { label: string }).label = 'x')).toThrow(TypeError);
  });
});

describe('validateSixHavesAssessment', () => {
  it('accepts a complete assessment and trims evidence', () => {
    const input = complete();
    input.team.evidence = '  配备调解员5名  ';
    const result = validateSixHavesAssessment(input);
    expect(result.team).toEqual({ status: 'met', evidence: '配备调解员5名' });
    expect(result.platform.attachments).toEqual(['平面图.pdf']);
    expect(Object.keys(result)).toEqual([...HAVE_KEYS]);
  });

  it('accepts evidence of exactly 2000 characters, counting 汉字 as one each', () => {
    const input = complete();
    input.results.evidence = '效'.repeat(2000);
    expect(validateSixHavesAssessment(input).results.evidence).toHaveLength(2000);
    input.results.evidence = '😀'.repeat(2000); // 4000 UTF-16 units, 2000 characters
    expect(() => validateSixHavesAssessment(input)).not.toThrow();
  });

  it('accepts 10 attachments of 500 characters', () => {
    const input = complete();
    input.rules.attachments = Array.from({ length: 10 }, () => 'a'.repeat(500));
    expect(validateSixHavesAssessment(input).rules.attachments).toHaveLength(10);
  });

  it.each<[string, (a: Input) => void, string[]]>([
    ['a missing have', (a) => delete a.funding, ['funding']],
    ['an unknown have', (a) => (a.publicity = { status: 'met', evidence: 'x' }), ['publicity']],
    ['an invalid status', (a) => (a.team.status = 'done'), ['team.status']],
    ['no status', (a) => delete a.team.status, ['team.status']],
    ['empty evidence', (a) => (a.rules.evidence = ''), ['rules.evidence']],
    ['blank evidence', (a) => (a.rules.evidence = '   '), ['rules.evidence']],
    ['evidence not a string', (a) => (a.rules.evidence = 42), ['rules.evidence']],
    ['evidence of 2001 characters', (a) => (a.rules.evidence = '字'.repeat(2001)), ['rules.evidence']],
    ['attachments not a list', (a) => (a.platform.attachments = 'a.pdf'), ['platform.attachments']],
    ['11 attachments', (a) => (a.platform.attachments = Array(11).fill('a.pdf')), ['platform.attachments']],
    ['an attachment of 501 characters', (a) => (a.platform.attachments = ['ok', 'a'.repeat(501)]), ['platform.attachments.1']],
    ['an empty attachment', (a) => (a.platform.attachments = ['']), ['platform.attachments.0']],
    ['an unknown field in a have', (a) => (a.team.score = 5), ['team.score']],
    ['a have that is not an object', (a) => ((a as Record<string, unknown>).team = 'met'), ['team']],
  ])('refuses %s', (_description, spoil, fields) => {
    const input = complete();
    spoil(input);
    expect(issuesOf(input).map((i) => i.field)).toEqual(fields);
  });

  it('names every bad field at once, with zh messages', () => {
    const input = complete();
    delete input.results;
    input.team.status = 'ok';
    input.rules.evidence = '';
    const issues = issuesOf(input);
    expect(issues.map((i) => i.field)).toEqual(['team.status', 'rules.evidence', 'results']);
    expect(issues[2].message).toContain('有成效');
  });

  it.each([null, [], 'met', 1])('refuses %p', (input) => {
    expect(issuesOf(input)).toEqual([expect.objectContaining({ field: 'sixHaves' })]);
  });
});

describe('summariseSixHaves', () => {
  it('counts the haves per status', () => {
    const assessment = validateSixHavesAssessment(complete());
    expect(summariseSixHaves(assessment)).toEqual({ met: 3, partly: 2, not_met: 1 });
  });

  it('counts all six', () => {
    const allMet = Object.fromEntries(HAVE_KEYS.map((k) => [k, { status: 'met', evidence: '已达到' }])) as SixHavesAssessment;
    expect(summariseSixHaves(allMet)).toEqual({ met: 6, partly: 0, not_met: 0 });
  });
});
