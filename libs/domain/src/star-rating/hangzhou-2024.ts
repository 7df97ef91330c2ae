/**
 * Hangzhou's star-rating rubric for union labour-relations service stations
 * (杭州工会和谐劳动关系综合服务站星级评分表), 杭总工办〔2023〕30号 附件2, as data.
 *
 * Scored three times with the same rubric: self-score (自评) → district re-score (复评) → city
 * rating (评定). The source has flaws; each one is met by an explicit `decision` below and listed
 * in `notes`. A city that corrects the table publishes a new version rather than editing this one.
 */
import type { AwardLevel, Rubric } from './rubric';

const AWARD_POINTS: Readonly<Record<AwardLevel, number>> = { national: 3, provincial: 2, city: 1 };

const MEDIATION_ROOM = { label: '劳动争议调解室', source: { item: 'mediationRoom' } } as const;
const ARBITRATION_TRIBUNAL = { label: '劳动人事争议仲裁派出庭', source: { fact: 'arbitrationTribunal' } } as const;
const SHARED_COURT = { label: '共享法庭', source: { item: 'sharedCourt' } } as const;
const disputesHandled = (min: number) =>
  ({ label: `每年处理劳动争议${min}件以上`, source: { fact: 'disputesHandledThisYear' }, min }) as const;

// 以上 includes the number itself (《民法典》第一千二百五十九条), so "3人以上" is ≥ 3 and "10件以上" ≥ 10.
export const HANGZHOU_2024: Rubric = {
  id: 'hangzhou-star-rating',
  version: '2024.1',
  name: '杭州工会和谐劳动关系综合服务站星级评分表',
  source: '杭总工办〔2023〕30号《工会和谐劳动关系综合服务站建设三年行动计划(2023-2025年)》附件2',
  sections: [
    {
      key: 'hardware',
      name: '硬件配备',
      max: 10,
      items: [
        { key: 'signage', label: '标识标牌', kind: 'fixed', points: 2, criterion: '正式挂牌得2分。' },
        {
          key: 'premises',
          label: '固定场所',
          kind: 'fixed',
          points: 1,
          partial: true,
          criterion: '设在建筑物地面首层方便职工进站的,得1分,其他楼层酌情扣分。',
        },
        { key: 'mediationRoom', label: '使用面积:劳动争议调解室', kind: 'fixed', points: 1, criterion: '有劳动争议调解室的得1分。' },
        { key: 'sharedCourt', label: '使用面积:共享法庭', kind: 'fixed', points: 1, criterion: '有共享法庭的得1分。' },
        { key: 'activitySpace', label: '使用面积:固定活动场地', kind: 'fixed', points: 1, criterion: '有固定的活动场地的得1分。' },
        {
          key: 'officeFacilities',
          label: '办公设施',
          kind: 'fixed',
          points: 1,
          criterion: '有桌椅、电脑、资料柜等设施,场所卫生整洁、管理有序,得1分。',
        },
        {
          key: 'studyMaterials',
          label: '学习资料(种类数)',
          kind: 'bands',
          bands: [
            { min: 0, max: 2, points: 0 },
            { min: 3, points: 1 },
          ],
          criterion: '学习资料丰富的(不少于3种)得1分,少于3种的不得分。',
        },
        {
          key: 'noticeWall',
          label: '公示墙面',
          kind: 'fixed',
          points: 1,
          partial: true,
          criterion: '将人员信息、工作流程等规范上墙的得1分,未上墙的不得分,上墙不全面的酌情扣分。',
        },
        {
          key: 'displayWindow',
          label: '宣传橱窗',
          kind: 'fixed',
          points: 1,
          partial: true,
          criterion: '工作制度、活动安排、活动成果在橱窗进行展示的得1分,未展示的不得分,展示不全面的酌情扣分。',
        },
        { key: 'personInCharge', label: '负责人', kind: 'fixed', points: 2, criterion: '有服务站负责人的,得2分。' },
      ],
    },
    {
      key: 'work',
      name: '工作开展',
      max: 80,
      items: [
        {
          key: 'managementRules',
          label: '制度机制',
          kind: 'fixed',
          points: 5,
          partial: true,
          criterion: '有服务站管理制度的,得5分;制度不完善的酌情扣分。',
        },
        {
          key: 'mediationLedger',
          label: '档案台账:劳动争议调解案件台账',
          kind: 'fixed',
          points: 3,
          criterion: '有劳动争议调解案件台账的得3分。',
        },
        {
          key: 'legalAidFiles',
          label: '档案台账:法律援助案卷、台账',
          kind: 'fixed',
          points: 3,
          criterion: '有法律援助案件的案卷、台账等资料的得3分。',
        },
        { key: 'annualPlan', label: '档案台账:年度工作计划', kind: 'fixed', points: 3, criterion: '有服务站年度工作计划的得3分。' },
        { key: 'otherLedgers', label: '档案台账:其他工作台账', kind: 'fixed', points: 2, criterion: '有其他工作台账的得2分。' },
        { key: 'funding', label: '经费保障', kind: 'fixed', points: 2, criterion: '日常工作经费有保障的得2分。' },
        {
          key: 'disputesMediated',
          label: '争议调处(件)',
          kind: 'per-unit',
          perUnit: 0.2,
          cap: 10,
          unit: '件',
          criterion: '积极开展劳动争议调处,每调处一件劳动争议得0.2分,10分为上限。',
        },
        {
          key: 'legalAidCases',
          label: '法律援助(立案件数)',
          kind: 'per-unit',
          perUnit: 0.2,
          cap: 5,
          unit: '件',
          criterion: '开展工会法律援助工作,每立案一件得0.2分,5分为上限。(与调处的案件不得重复赋分)',
          decision: 'A case counted under disputesMediated must not be counted here again; the evaluator enforces this, the score cannot.',
        },
        {
          key: 'legalConsultations',
          label: '法律咨询(次)',
          kind: 'per-unit',
          perUnit: 0.2,
          cap: 5,
          unit: '次',
          criterion: '定期开展法律咨询活动,每次得0.2分,5分为上限。',
        },
        {
          key: 'lectures',
          label: '讲座交流(次)',
          kind: 'per-unit',
          perUnit: 0.2,
          cap: 5,
          unit: '次',
          criterion: '定期组织普法讲座,每次得0.2分,5分为上限。',
        },
        {
          key: 'publicityDrives',
          label: '普法宣传(次)',
          kind: 'per-unit',
          perUnit: 0.2,
          cap: 5,
          unit: '次',
          criterion: '发放普法宣传资料,开展1次得0.2分,5分为上限。',
        },
        {
          key: 'bargainingGuidance',
          label: '集体协商指导(签订集体合同的企业数)',
          kind: 'per-unit',
          perUnit: 0.2,
          cap: 5,
          unit: '家',
          criterion: '指导1家企业开展集体协商工作,签订集体合同的得0.2分,5分为上限。',
        },
        {
          key: 'monitoringReports',
          label: '劳动关系监测(上报次数)',
          kind: 'per-unit',
          perUnit: 0.2,
          cap: 5,
          unit: '次',
          criterion: '向上级工会上报劳动关系监测信息的,1次得0.2分,5分为上限。',
        },
        {
          key: 'legalCheckups',
          label: '劳动用工法律体检(企业数)',
          kind: 'per-unit',
          perUnit: 0.2,
          cap: 5,
          unit: '家',
          criterion: '协助企业进行劳动用工法律体检的,开展1家得0.2分,5分为上限。',
        },
        {
          key: 'mediators',
          label: '争议调解员(人数)',
          kind: 'bands',
          bands: [
            { min: 0, max: 0, points: 0 },
            { min: 1, max: 2, points: 2 },
            { min: 3, points: 5 },
          ],
          criterion: '有调解员3人及以上的,得5分;调解员少于3人的,得2分;没有调解员的不得分。',
        },
        {
          key: 'partTimeArbitrators',
          label: '兼职仲裁员(人数)',
          kind: 'bands',
          bands: [
            { min: 0, max: 0, points: 0 },
            { min: 1, max: 1, points: 2 },
            {
              min: 2,
              max: 2,
              points: 2,
              decision: 'The source scores "more than 2" (5), "1" (2) and "none" (0) but not exactly 2: 2 points, as for 1.',
            },
            { min: 3, points: 5 },
          ],
          criterion: '兼职仲裁员多于2名的,得5分;有1名兼职仲裁员的得2分;没有兼职仲裁员的不得分。',
          decision: 'Exactly 2 part-time arbitrators is not covered by the source: it scores 2 points (the band of 1), not 5.',
        },
        {
          key: 'bargainingInstructors',
          label: '集体协商指导员(人数)',
          kind: 'bands',
          bands: [
            { min: 0, max: 0, points: 0 },
            { min: 1, max: 2, points: 2 },
            { min: 3, points: 5 },
          ],
          criterion: '有集体协商指导员3人以上的,得5分;少于3人的,得2分;没有的不得分。',
          decision: '"3人以上" includes 3 (民法典 第一千二百五十九条), consistent with "少于3人 → 2".',
        },
      ],
    },
    {
      key: 'impact',
      name: '社会影响',
      max: 10,
      items: [
        {
          key: 'suggestionsCollected',
          label: '收集意见建议(件/年)',
          kind: 'deficit',
          full: 2,
          perMissing: 0.5,
          target: 12,
          criterion: '每年接待服务职工群众过程中,收集意见建议不少于12件,得2分,每少1条扣0.5分。',
          decision: 'The deduction stops at 0: 8 or fewer suggestions score 0, never a negative.',
        },
        {
          key: 'closeToWorkers',
          label: '联系职工群众作用突出',
          kind: 'discretionary',
          max: 1,
          basis: 'free-text',
          criterion: '……上得1分,50%以下不得分。(原文此行缺失,无法得知所计比例)',
          decision:
            "The source row is garbled (what must reach 50% is lost). Kept with max 1, scored at the evaluator's discretion with a written basis.",
        },
        {
          key: 'leadersVisit',
          label: '领导干部带头进站',
          kind: 'fixed',
          points: 1,
          criterion: '主动协调领导干部带头进站开展活动,作用发挥明显,得1分。',
        },
        {
          key: 'economicDevelopment',
          label: '服务经济发展效果突出',
          kind: 'fixed',
          points: 5,
          criterion:
            '围绕中心,组织开展各种服务职工、服务企业的活动,在助推当地经济社会发展中作用发挥明显……推动构建和谐稳定的新时代和谐劳动关系上取得积极成效,得5分。',
        },
      ],
    },
    {
      key: 'bonus',
      name: '加分项',
      max: 10,
      bonus: true,
      items: [
        {
          key: 'innovation',
          label: '创新工作',
          kind: 'levels',
          levels: AWARD_POINTS,
          cap: 5,
          criterion:
            '善于总结创新举措或特色做法,形成了相关材料,在有关会议上进行经验交流,酌情加分(国家级3分、省级2分、市级1分),可累计,5分为上限。',
        },
        {
          key: 'deedsForThePeople',
          label: '为民办实事',
          kind: 'levels',
          levels: AWARD_POINTS,
          cap: 5,
          oncePerRef: true,
          criterion: '……在相关媒体进行宣传,酌情加分(国家级3分、省级2分、市级1分),同一事项只加一次分,不累计;不同事项可累计加分,5分为上限。',
          decision: 'Give one entry per deed with a `ref`; entries sharing a ref count once, at their highest level.',
        },
      ],
    },
  ],
  facts: [
    { key: 'arbitrationTribunal', label: '劳动人事争议仲裁派出庭', type: 'boolean', requiredAtRating: true },
    { key: 'disputesHandledThisYear', label: '本年度处理劳动争议件数', type: 'count', defaultFromItem: 'disputesMediated' },
  ],
  // 备注1: 90分及以上五星级; 85-89分四星级; 80-84分三星级. 备注2: the prerequisites (原则上).
  stars: [
    { stars: 5, minTotal: 90, prerequisites: [MEDIATION_ROOM, ARBITRATION_TRIBUNAL, SHARED_COURT, disputesHandled(50)] },
    { stars: 4, minTotal: 85, prerequisites: [MEDIATION_ROOM, ARBITRATION_TRIBUNAL, disputesHandled(20)] },
    { stars: 3, minTotal: 80, prerequisites: [MEDIATION_ROOM, disputesHandled(10)] },
  ],
  notes: [
    '百分制量化评定, plus a 10-point bonus section (加分项): total = capped main sections (≤ 100) + capped bonus (≤ 10).',
    'Decision: each section is capped at its stated maximum. The hardware items add up to 12 for a 10-point section; the work items to 78 for an 80-point section (80 is unreachable there); the social-impact items to 9 for 10.',
    'Decision: exactly 2 part-time arbitrators (not covered by the source) scores 2 points.',
    'Decision: the garbled "联系职工群众作用突出" row is kept with max 1 and a free-text basis.',
    'Decision: stars use the total including the bonus; "85-89分" means 85 ≤ total < 90 (likewise 80-84), so 89.9 is four stars.',
    'Decision: the prerequisites are checked per star from the highest down; a station is awarded the highest star whose threshold and prerequisites it meets (92 points without a shared court: four stars).',
    'Prerequisite inputs: mediation room and shared court are the hardware items of the same name; the arbitration branch tribunal and the number of disputes handled this year are facts (StationScoreValues.facts).',
    'Decision: the facts are stated by the city at its rating: the arbitration branch tribunal must be given there; the disputes handled this year default to the disputes mediated (the disputesMediated item). Since the notice sets the prerequisites only 原则上, the city may grant a star that a missing prerequisite withholds, with a written reason.',
  ],
};
