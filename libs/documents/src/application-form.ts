import { Paragraph } from 'docx';
import { formValue, valueAt } from './form-values';
import { type CellSpec, page, para, renderDocx, SIZE, table, textWidth } from './word';

/**
 * The application form (申请书), annex 2 of 渝人社〔2023〕474号, filled in from a station's
 * application as stored: the cover with the five names, the filling notes, and the form's table in
 * the notice's order (一 basic information … 六 the opinions of the four units, each a box to sign
 * and stamp). A field the application leaves empty stays an empty box, to be filled in by hand.
 */
export interface ApplicationFormInput {
  /** the station's name as the service knows it (the form's 申报站点名称 falls back to it) */
  stationName: string;
  /** the application form as submitted (apps/api/src/stations/application.dto.ts) */
  application: Record<string, unknown>;
  /** when the station applied (ISO instant): the cover's 年 月 */
  appliedAt: string;
}

export const APPLICATION_TITLE = ['基层劳动关系公共服务站点', '申请书'] as const;

/** 填写说明 of the notice, word for word. */
export const FILLING_NOTES = [
  '1．站点承担单位可以为各级协调劳动关系三方成员单位等；参加单位是参与站点创建的有关单位。',
  '2．业务指导单位可以为上一级协调劳动关系三方成员单位。',
  '3．站点培育单位可以为市、区县（自治县）协调劳动关系三方成员单位。',
  '4．本申请书一式4份，字迹工整清晰，可以打印。其中站点承担单位1份，业务指导单位1份、站点培育单位1份，市协调劳动关系三方办公室1份。',
];

/** 六、the four units whose opinions the form collects, with the application field of each opinion. */
export const OPINION_UNITS = [
  { label: '承担单位', path: 'opinions.host' },
  { label: '参加单位', path: 'opinions.participating' },
  { label: '业务指导单位', path: 'opinions.guidance' },
  { label: '培育单位', path: 'opinions.cultivating' },
] as const;

const PAIRED = [
  { value: 'national', label: '全国总工会对口联系' },
  { value: 'city', label: '市级总工会对口联系' },
  { value: 'no', label: '不是' },
] as const;

/** The notice prints six empty rows for the plan; a longer plan gets its own rows. */
const PLAN_ROWS = 6;

const CHECKED = '☑';
const UNCHECKED = '□';

/** The month the form is dated in, in Asia/Shanghai (the offices' calendar). */
function yearMonth(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月`;
}

const join = (...parts: string[]) => parts.filter(Boolean).join('，');

/** Everything the form's cells say, by the notice's labels (also what the tests read back). */
export function applicationFields(input: ApplicationFormInput) {
  const f = input.application;
  const v = (path: string) => formValue(f, path);
  const participating = ((valueAt(f, 'participatingUnits') as string[] | undefined) ?? []).join('、');
  const services = (valueAt(f, 'services') as string[] | undefined) ?? [];
  const cases = (valueAt(f, 'cases') as { title: string; summary: string }[] | undefined) ?? [];
  const visits = valueAt(f, 'workerVisitsServed');
  const work = [
    services.length ? `服务内容：${services.join('；')}` : '',
    visits !== undefined ? `累计服务职工：${String(visits)}人次` : '',
    ...cases.map((c, i) => `案例${i + 1}：${c.title}\n${c.summary}`),
  ].filter(Boolean);
  const incidents = valueAt(f, 'incidentsInLastTwoYears');
  return {
    stationName: v('stationName') || input.stationName,
    hostUnit: v('hostUnitInfo.name') || v('hostUnit'),
    participating,
    guidanceUnit: v('guidanceUnit'),
    cultivatingUnit: v('cultivatingUnit'),
    organisationCode: v('hostUnitInfo.organisationCode'),
    legalRepresentative: v('hostUnitInfo.legalRepresentative'),
    hostAddress: join(v('hostUnitInfo.address'), v('hostUnitInfo.postcode') ? `邮编${v('hostUnitInfo.postcode')}` : ''),
    businessLead: v('businessLead.name') || v('contact.name'),
    businessLeadPost: join(v('businessLead.unit'), v('businessLead.post')),
    phone: v('businessLead.phone') || v('contact.phone'),
    email: v('businessLead.email') || v('contact.email'),
    stationLead: join(v('stationLead.name'), v('stationLead.phone'), v('stationLead.email')),
    address: v('address'),
    paired: PAIRED.map((p) => `${v('pairedDistrict') === p.value ? CHECKED : UNCHECKED}${p.label}`).join('   '),
    businessScope: v('businessScope'),
    incidents: incidents === true ? '是' : incidents === false ? '否' : '',
    selfEvaluation: v('selfEvaluation'),
    currentState: v('currentState'),
    currentWork: work.join('\n'),
    expectedGoals: v('expectedGoals'),
    plan: ((valueAt(f, 'plan') as { time: string; content: string; responsible?: string; participating?: string }[] | undefined) ?? []).map(
      (s) => [s.time, s.content, [s.responsible, s.participating].filter(Boolean).join('；')],
    ),
    fundingUses: v('funding.uses'),
    fundingSources: v('funding.sources') || v('fundingSource'),
    opinions: OPINION_UNITS.map((u) => ({ label: u.label, text: v(u.path) })),
  };
}

export async function renderApplicationForm(input: ApplicationFormInput): Promise<Buffer> {
  const x = applicationFields(input);
  const width = textWidth(false);
  // four columns as the notice draws them: label, value, label, value
  const grid = [0.18, 0.32, 0.18, 0.32].map((r) => Math.round(width * r));
  const label = (text: string): CellSpec => ({ text, label: true });
  const section = (text: string): CellSpec => ({ text, span: 4, bold: true });
  const wide = (text: string): CellSpec => ({ text, span: 3 });
  const full = (text: string): CellSpec => ({ text, span: 4 });
  const opinion = (u: { label: string; text: string }): CellSpec => ({
    text: `${u.label}（盖章）：\n${u.text}\n\n负责人（签名）\n年    月    日`,
    span: 4,
  });
  const plan = x.plan.length ? x.plan : [];
  const planRows = [...plan, ...Array.from({ length: Math.max(0, PLAN_ROWS - plan.length) }, () => ['', '', ''])];
  const rows: CellSpec[][] = [
    [section('一、申请单位基本信息')],
    [label('单位名称\n（站点承担单位）'), { text: x.hostUnit }, label('组织机构\n代码'), { text: x.organisationCode }],
    [label('法定代表人\n（负责人）'), { text: x.legalRepresentative }, label('单位地址\n（含邮编）'), { text: x.hostAddress }],
    [label('业务负责人'), { text: x.businessLead }, label('工作单位及职务'), { text: x.businessLeadPost }],
    [label('联系电话'), { text: x.phone }, label('电子邮箱'), { text: x.email }],
    [label('申报站点\n名称'), { text: x.stationName }, label('站点负责人\n姓名、联系方式'), { text: x.stationLead }],
    [label('站点地址'), wide(x.address)],
    [label('所在地是否是“县级工会加强年”对口联系区县'), wide(x.paired)],
    [label('业务范围'), wide(x.businessScope)],
    [label('近两年内所在区域、行业是否发生较大劳动关系群体性事件、重大安全生产责任事故'), wide(x.incidents)],
    [label('基层劳动关系\n公共服务工作\n自我评价'), wide(x.selfEvaluation)],
    [section('二、承担站点的工作基础')],
    [label('现状及与\n站点“六有”要求\n符合性'), wide(x.currentState)],
    [label('目前基层劳动\n关系公共服务\n工作情况\n（附案例1-2个）'), wide(x.currentWork)],
    [section('三、站点预期实现培育目标（包括站点建立、运营及运营效果、服务品牌等）')],
    [full(x.expectedGoals)],
    [section('四、计划工作步骤、时间进度、阶段工作内容（包括提交申请、制定工作方案、开始培育、中期评估、验收评估、总结推广等）')],
    [label('时间'), { text: '阶段工作内容', label: true, span: 2 }, label('负责单位及参与单位')],
    ...planRows.map(([time, content, units]) => [{ text: time }, { text: content, span: 2 }, { text: units }]),
    [section('五、经费保障情况')],
    [full('1．经费主要投入方向')],
    [full(x.fundingUses)],
    [full('经费来源（包括当地政府、有关单位经费投入等）')],
    [full(x.fundingSources)],
    [section('六、站点承担单位、参加单位、业务指导单位及培育单位意见')],
    ...x.opinions.map((u) => [opinion(u)]),
  ];
  // boxes to write, sign and stamp in get room, as on the printed form
  const heights = rows.map((r) => (r[0].text.includes('（盖章）') ? 2200 : r[0].span === 4 && !r[0].bold ? 900 : undefined));

  const cover = [
    para('附件2', { face: 'heading', size: SIZE.sanHao }),
    new Paragraph({ spacing: { before: 2400 } }),
    para(APPLICATION_TITLE[0], { face: 'title', size: SIZE.erHao, align: 'center' }),
    para(APPLICATION_TITLE[1], { face: 'title', size: SIZE.erHao, align: 'center', spaceAfter: 1200 }),
    ...[
      ['站 点 名 称', x.stationName],
      ['站点承担单位', x.hostUnit],
      ['站点参加单位', x.participating],
      ['业务指导单位', x.guidanceUnit],
      ['站点培育单位', x.cultivatingUnit],
    ].map(([k, val]) => para(`${k}：${val}`, { size: SIZE.sanHao, indentChars: 2, spaceAfter: 240 })),
    new Paragraph({ spacing: { before: 960 } }),
    para(yearMonth(input.appliedAt), { size: SIZE.sanHao, align: 'center' }),
  ];
  const notes = [
    para('填 写 说 明', { face: 'heading', size: SIZE.sanHao, align: 'center', spaceAfter: 240 }),
    ...FILLING_NOTES.map((n) => para(n, { size: SIZE.sanHao, indentChars: 2, spaceAfter: 120 })),
  ];
  return renderDocx(`${x.stationName} ${APPLICATION_TITLE.join('')}`, [
    page(cover),
    page(notes),
    page([table(rows, grid, { size: SIZE.xiaoSi, heights })]),
  ]);
}
