/**
 * The programmes a city can run, as data: each names its steps (the stages a station waits in),
 * who acts in each, which round dates it has and who is reminded of them, and how a station is
 * evaluated. Two ship: Chongqing's six haves (渝人社〔2023〕474号) and Hangzhou's star rating
 * (杭总工办〔2023〕30号). The templates are read from the tables the machinery runs on (stage →
 * deadline, who is reminded, which action a stage takes, the calendar shapes), so what the API and
 * the dashboard are told is what the workflows do.
 */
import { HAVE_STATUSES, HaveDefinition, SIX_HAVES } from '../six-haves';
import { DEADLINE_LABELS, RESPONSIBLE_OFFICE } from '../reminders/digest';
import { DeadlineKey, PROGRAMME_CALENDARS, RoundDateKey } from '../rounds/round-calendar';
import { Programme, PROGRAMMES } from '../rounds/round-state';
import { ACTION_LABELS, ACTION_STAGES } from '../stations/actions';
import { Stage, STAGE_DEADLINE, STAGE_LABELS } from '../stations/stages';
import { CURRENT_STAR_RUBRIC, RUBRICS, rubricRef, RubricRef } from '../star-rating/registry';
import { DEFAULT_EXIT_AFTER_YEARS } from '../star-rating/settings';
import { STAR_RATING_ACTION_STAGES } from '../star-rating/station-flow';

/** Who acts in a step (DOMAIN.md "Who is who"). */
export type Party = 'station' | 'district' | 'city';

export interface ProgrammeStep {
  stage: Stage;
  label: string;
  /** who does the work of the step */
  actors: readonly Party[];
  /** the round date the step must be done by; null: none */
  deadline: DeadlineKey | null;
  /** whose contacts are reminded of that date */
  reminded: 'district' | 'city' | null;
  /** the actions (station workflow Updates) that end the step; withdrawal is open in every step */
  actions: string[];
}

export interface ProgrammeDate {
  key: RoundDateKey;
  label: string;
  required: boolean;
  /** other names a round may give this date under (the contract's six-haves keys) */
  aliases: RoundDateKey[];
}

export type ProgrammeEvaluation =
  | { kind: 'six-haves'; criteria: readonly HaveDefinition[]; statuses: readonly string[] }
  | {
      kind: 'star-rating';
      /** the version a new round rates with, and every published one */
      rubric: RubricRef;
      rubrics: RubricRef[];
      /** the three scorings, in order: who scores at each */
      scorings: { action: string; label: string; by: Party }[];
      /** the exit rule's default (a round setting) */
      exitAfterYears: number;
    };

/**
 * The offices a programme's mails, exports and pages name (DOMAIN.md decision "Who is named in
 * mails"): the city office that files or rates, publishes and is escalated to, and the district
 * office reminded of its stations' steps (its name follows the district's).
 */
export interface ProgrammeOffices {
  city: string;
  /** appended to a district's name, e.g. 渝中区 + 协调劳动关系三方办公室 */
  districtSuffix: string;
}

/**
 * Who publishes a round's list of stations and to whom (the published list's notice draft): the
 * offices that sign it jointly, and the offices it is addressed to (主送).
 */
export interface ProgrammePublishing {
  issuers: readonly string[];
  addressees: string;
}

export interface ProgrammeTemplate {
  key: Programme;
  name: string;
  city: string;
  source: string;
  offices: ProgrammeOffices;
  publishing: ProgrammePublishing;
  steps: ProgrammeStep[];
  dates: ProgrammeDate[];
  evaluation: ProgrammeEvaluation;
  /** which eligibility rules an application must pass (none for the star rating's registration) */
  eligibility: 'chongqing-2023' | null;
}

/** The stages a programme goes through, with who acts in each (closed is no step). */
const STEPS: Readonly<Record<Programme, readonly [Stage, readonly Party[]][]>> = {
  'six-haves': [
    ['application', ['station', 'district']],
    ['recommendation', ['district']],
    ['filing', ['city']],
    ['cultivation', ['district', 'station']],
    ['self_assessment', ['station', 'district']],
    ['city_evaluation', ['city']],
    ['publication', ['city']],
    ['promotion', ['city']],
  ],
  'star-rating': [
    ['registration', ['district', 'station']],
    ['self_score', ['station', 'district']],
    ['district_review', ['district']],
    ['city_rating', ['city']],
    ['publication', ['city']],
    ['promotion', ['city']],
  ],
};

const STAGE_TABLES: Readonly<Record<Programme, Readonly<Record<string, readonly Stage[]>>>> = {
  'six-haves': ACTION_STAGES,
  'star-rating': STAR_RATING_ACTION_STAGES,
};

function steps(programme: Programme): ProgrammeStep[] {
  const table = STAGE_TABLES[programme];
  return STEPS[programme].map(([stage, actors]) => {
    const deadline = STAGE_DEADLINE[stage];
    return {
      stage,
      label: STAGE_LABELS[stage],
      actors,
      deadline,
      reminded: deadline ? RESPONSIBLE_OFFICE[deadline] : null,
      actions: Object.keys(table).filter((type) => type !== 'withdraw' && table[type].includes(stage)),
    };
  });
}

function dates(programme: Programme): ProgrammeDate[] {
  const shape = PROGRAMME_CALENDARS[programme];
  const aliases = Object.entries(shape.aliases) as [RoundDateKey, RoundDateKey][];
  return shape.dates.map((key) => ({
    key,
    label: key === 'selfAssessmentOpens' ? ACTION_LABELS.self_assessment_opened : DEADLINE_LABELS[key],
    required: !shape.optional.includes(key),
    aliases: aliases.filter(([, target]) => target === key).map(([alias]) => alias),
  }));
}

export const PROGRAMME_TEMPLATES: Readonly<Record<Programme, ProgrammeTemplate>> = {
  'six-haves': {
    key: 'six-haves',
    name: '“六有”站点培育',
    city: '重庆市',
    source: '渝人社〔2023〕474号《关于培育推树“渝你同行”基层劳动关系公共服务站点的通知》',
    // §四(三) "经市协调劳动关系三方办公室备案"; each district's tripartite recommends (§四(二)).
    offices: { city: '市协调劳动关系三方办公室', districtSuffix: '协调劳动关系三方办公室' },
    // §四(四) "市协调劳动关系三方成员单位联合发布": the four offices that signed the notice, to their district counterparts.
    publishing: {
      issuers: ['重庆市人力资源和社会保障局', '重庆市总工会', '重庆市企业联合会（企业家协会）', '重庆市工商业联合会'],
      addressees: '各区县（自治县）人力社保局、总工会、企业联合会（企业家协会）、工商业联合会',
    },
    steps: steps('six-haves'),
    dates: dates('six-haves'),
    evaluation: { kind: 'six-haves', criteria: SIX_HAVES, statuses: HAVE_STATUSES },
    eligibility: 'chongqing-2023',
  },
  'star-rating': {
    key: 'star-rating',
    name: '服务站星级评定',
    city: '杭州市',
    source: '杭总工办〔2023〕30号《工会和谐劳动关系综合服务站建设三年行动计划(2023-2025年)》',
    // The city union's labour-relations department runs the rating; 区县(市)总工会 re-score (§六(二)).
    offices: { city: '市总工会劳动关系部', districtSuffix: '总工会' },
    // The city union rates and names the stations, to the unions it addressed the plan to.
    publishing: { issuers: ['杭州市总工会'], addressees: '各区、县（市）总工会，各产业工会' },
    steps: steps('star-rating'),
    dates: dates('star-rating'),
    evaluation: {
      kind: 'star-rating',
      rubric: CURRENT_STAR_RUBRIC,
      rubrics: RUBRICS.map(rubricRef),
      scorings: [
        { action: 'self_score', label: ACTION_LABELS.self_score, by: 'station' },
        { action: 'district_review', label: ACTION_LABELS.district_review, by: 'district' },
        { action: 'city_rate', label: ACTION_LABELS.city_rate, by: 'city' },
      ],
      exitAfterYears: DEFAULT_EXIT_AFTER_YEARS,
    },
    eligibility: null,
  },
};

/** Who publishes a round's list and to whom; an unknown programme (none ships) gets Chongqing's. */
export function programmePublishing(programme: Programme): ProgrammePublishing {
  return (PROGRAMME_TEMPLATES[programme] ?? PROGRAMME_TEMPLATES['six-haves']).publishing;
}

/** The offices a round of `programme` names; an unknown programme (none ships) gets Chongqing's. */
export function programmeOffices(programme: Programme): ProgrammeOffices {
  return (PROGRAMME_TEMPLATES[programme] ?? PROGRAMME_TEMPLATES['six-haves']).offices;
}

export function programmeTemplates(): ProgrammeTemplate[] {
  return PROGRAMMES.map((p) => PROGRAMME_TEMPLATES[p]);
}
