import { validateDto } from '../common/validation';
import { ChangeDeadlinesDto, CreateRoundDto, RoundDeadlinesDto } from './rounds.dto';

const SIX_HAVES = {
  recommendation: '2023-12-08',
  selfAssessment: '2024-09-30',
  cityEvaluation: '2024-10-31',
  publication: '2024-11-30',
  promotion: '2024-12-31',
};
const fieldsOf = async (cls: new () => object, body: unknown) =>
  [...new Set((await validateDto(cls, body)).issues.map((i) => i.path))].sort();

describe('round dates', () => {
  it('accepts dates and instants, with the optional dates left out', async () => {
    expect(await fieldsOf(RoundDeadlinesDto, SIX_HAVES)).toEqual([]);
    expect(await fieldsOf(RoundDeadlinesDto, { ...SIX_HAVES, filing: '2024-01-15T10:00:00+08:00' })).toEqual([]);
  });

  it('refuses what is not a date, and a missing required date', async () => {
    expect(await fieldsOf(RoundDeadlinesDto, { ...SIX_HAVES, filing: '15/01/2024', publication: undefined })).toEqual([
      'filing',
      'publication',
    ]);
  });

  it('lets a star-rating round name its own steps instead of the six-haves ones', async () => {
    const star = {
      registration: '2024-03-31',
      selfScore: '2024-06-30',
      cityRating: '2024-10-31',
      publication: '2024-11-30',
      promotion: '2024-12-31',
    };
    expect(await fieldsOf(RoundDeadlinesDto, star)).toEqual([]);
    expect(await fieldsOf(RoundDeadlinesDto, { ...star, selfScore: undefined })).toEqual(['selfAssessment']);
  });

  it('takes any subset of dates with a reason when they change', async () => {
    expect(await fieldsOf(ChangeDeadlinesDto, { selfAssessment: '2024-10-15', reason: '国庆顺延' })).toEqual([]);
    expect(await fieldsOf(ChangeDeadlinesDto, { selfAssessment: 'soon' })).toEqual(['reason', 'selfAssessment']);
  });

  it('refuses years outside 2000–2099, in dates and instants, when created and when changed', async () => {
    expect(await fieldsOf(RoundDeadlinesDto, { ...SIX_HAVES, recommendation: '0000-12-08', promotion: '9999-12-31' })).toEqual([
      'promotion',
      'recommendation',
    ]);
    expect(await fieldsOf(RoundDeadlinesDto, { ...SIX_HAVES, filing: '2100-01-01T00:00:00+08:00' })).toEqual(['filing']);
    expect(await fieldsOf(ChangeDeadlinesDto, { promotion: '9999-12-31', reason: '修复' })).toEqual(['promotion']);
    const { issues } = await validateDto(ChangeDeadlinesDto, { promotion: '9999-12-31', reason: '修复' });
    expect(issues[0].message).toBe('年份应在 2000–2099 之间：“9999-12-31”');
  });

  it('refuses impossible calendar dates, and a service cut-off that is no real date in those years', async () => {
    expect(await fieldsOf(RoundDeadlinesDto, { ...SIX_HAVES, publication: '2024-02-30' })).toEqual(['publication']);
    const round = {
      code: 'r',
      name: '批次',
      programme: 'six-haves',
      deadlines: SIX_HAVES,
      cityContacts: [{ name: '市', email: 'c@example.org' }],
    };
    expect(await fieldsOf(CreateRoundDto, { ...round, serviceCutoff: '2023-10-31' })).toEqual([]);
    for (const serviceCutoff of ['2024-02-30', '1999-10-31', '2023-10-31T00:00:00Z']) {
      expect(await fieldsOf(CreateRoundDto, { ...round, serviceCutoff })).toEqual(['serviceCutoff']);
    }
  });
});
