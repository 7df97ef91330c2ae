import { composeDigests, OwingStation } from '../reminders/digest';
import { PROGRAMME_CALENDARS } from '../rounds/round-calendar';
import { stagesOwing } from '../stations/stages';
import { HANGZHOU_2024 } from '../star-rating/hangzhou-2024';
import { PROGRAMME_TEMPLATES, programmeTemplates } from './programmes';

const row = (t: (typeof PROGRAMME_TEMPLATES)['six-haves']) =>
  t.steps.map((s) => [s.stage, s.actors.join('+'), s.deadline, s.reminded, s.actions.join(',')]);

describe('programme templates', () => {
  it('ships six-haves and star-rating', () => {
    expect(programmeTemplates().map((p) => [p.key, p.city])).toEqual([
      ['six-haves', '重庆市'],
      ['star-rating', '杭州市'],
    ]);
  });

  // DOMAIN.md: the Chongqing timeline and "Who is reminded", as the existing machinery runs it.
  it('describes the six-haves timeline the station workflow runs', () => {
    expect(row(PROGRAMME_TEMPLATES['six-haves'])).toEqual([
      // the paperwork's steps beside the main one: editing a draft, sending back, the mid-term review
      ['application', 'station+district', 'recommendation', 'district', 'submit,edit_application'],
      ['recommendation', 'district', 'recommendation', 'district', 'recommend,return'],
      ['filing', 'city', 'filing', 'city', 'file,return'],
      ['cultivation', 'district+station', 'selfAssessment', 'district', 'self_assess,mid_term_review'],
      ['self_assessment', 'station+district', 'selfAssessment', 'district', 'self_assess'],
      ['city_evaluation', 'city', 'cityEvaluation', 'city', 'evaluate'],
      ['publication', 'city', 'publication', 'city', 'publish'],
      ['promotion', 'city', 'promotion', 'city', 'promote'],
    ]);
    expect(PROGRAMME_TEMPLATES['six-haves'].evaluation).toMatchObject({ kind: 'six-haves' });
    expect(PROGRAMME_TEMPLATES['six-haves'].eligibility).toBe('chongqing-2023');
  });

  it('describes the star-rating steps: district for registration, self-score and re-score, city for rating', () => {
    expect(row(PROGRAMME_TEMPLATES['star-rating'])).toEqual([
      ['registration', 'district+station', 'registration', 'district', 'submit'],
      ['self_score', 'station+district', 'selfScore', 'district', 'self_score'],
      ['district_review', 'district', 'districtReview', 'district', 'district_review'],
      ['city_rating', 'city', 'cityRating', 'city', 'city_rate'],
      ['publication', 'city', 'publication', 'city', 'publish'],
      ['promotion', 'city', 'promotion', 'city', 'promote'],
    ]);
    expect(PROGRAMME_TEMPLATES['star-rating'].evaluation).toMatchObject({
      kind: 'star-rating',
      rubric: { id: HANGZHOU_2024.id, version: HANGZHOU_2024.version },
      exitAfterYears: 3,
    });
    expect(PROGRAMME_TEMPLATES['star-rating'].eligibility).toBeNull();
  });

  it('names each programme’s own offices (DOMAIN.md: who is named in mails)', () => {
    expect(programmeTemplates().map((p) => [p.key, p.offices])).toEqual([
      ['six-haves', { city: '市协调劳动关系三方办公室', districtSuffix: '协调劳动关系三方办公室' }],
      ['star-rating', { city: '市总工会劳动关系部', districtSuffix: '总工会' }],
    ]);
  });

  it('lists each programme’s round dates with labels, requiredness and the contract aliases', () => {
    expect(PROGRAMME_TEMPLATES['six-haves'].dates.map((d) => [d.key, d.required])).toEqual([
      ['recommendation', true],
      ['filing', false],
      ['selfAssessmentOpens', false],
      ['selfAssessment', true],
      ['cityEvaluation', true],
      ['publication', true],
      ['promotion', true],
    ]);
    expect(PROGRAMME_TEMPLATES['star-rating'].dates.map((d) => [d.key, d.label, d.required, d.aliases])).toEqual([
      ['registration', '服务站登记', true, ['recommendation']],
      ['selfScore', '星级自评', true, ['selfAssessment']],
      ['districtReview', '区县复评', false, []],
      ['cityRating', '星级评定', true, ['cityEvaluation']],
      ['publication', '名单发布', true, []],
      ['promotion', '总结推广', true, []],
    ]);
  });

  it('gives every step with a deadline a date of its own programme', () => {
    for (const t of programmeTemplates()) {
      for (const step of t.steps) if (step.deadline) expect(PROGRAMME_CALENDARS[t.key].dates).toContain(step.deadline);
    }
  });

  describe('reminders of the star-rating steps go to the office that owes them', () => {
    const districts = [{ code: '330106', name: '西湖区', contacts: [{ name: '西湖区总工会', email: 'xh@example.org' }] }];
    const round = {
      roundId: 'r',
      name: '杭州2024星级评定',
      programme: 'star-rating' as const,
      cityContacts: [{ name: '市总工会', email: 'city@example.org' }],
    };
    const deadline = new Date('2024-09-30T15:59:59.000Z');

    it.each(PROGRAMME_TEMPLATES['star-rating'].steps.filter((s) => s.deadline).map((s) => [s.stage, s.deadline!, s.reminded!]))(
      'a station in %s owing %s: the %s office is reminded',
      (stage, key, office) => {
        expect(stagesOwing(key)).toEqual([stage]);
        const owing: OwingStation[] = [{ id: 's', name: '西溪服务站', districtCode: '330106', stage, contactEmail: 'station@example.org' }];
        const [digest] = composeDigests({
          round,
          checkpoint: { deadlineKey: key, deadline, checkpoint: 'before:P7D', key: 'k' },
          owing,
          districts,
          now: new Date('2024-09-23T01:00:00Z'),
        });
        expect(digest.kind).toBe(office);
        expect(digest.to.map((c) => c.email)).toEqual([office === 'city' ? 'city@example.org' : 'xh@example.org']);
        // the station is copied on its own self-score, as on a six-haves self-assessment
        expect(digest.cc).toEqual(key === 'selfScore' ? ['station@example.org'] : []);
      },
    );
  });
});
