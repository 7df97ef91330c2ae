import { CreateTokenDto } from '../auth/tokens.controller';
import { CreateDistrictDto } from '../districts/districts.dto';
import { WorkCalendarYearDto } from '../reminders/reminders.dto';
import { CreateRoundDto, PublicationDto } from '../rounds/rounds.dto';
import { ApplicationDto, SelfAssessmentDto, StationListQuery } from '../stations/application.dto';
import { RegistrationDto } from '../stations/star-rating.dto';
import { ApiError } from './error-codes';
import { inputIssues, RequestValidationPipe, validateDto } from './validation';

const APPLICATION = {
  stationName: '解放碑劳动关系服务站',
  districtCode: '500103',
  hostUnit: '解放碑街道',
  address: '重庆市渝中区解放碑街道1号',
  contact: { name: '张三', phone: '023-12345678' },
  establishedOn: '2021-05-01',
  workerVisitsServed: 1500,
  incidentsInLastTwoYears: false,
  services: ['劳动法律宣传'],
  cases: [{ title: '调解欠薪纠纷', summary: '成功调解一起欠薪纠纷。\n涉及职工12人。' }],
};

/** The refused paths of `body` (with `value` put at `path`) and their constraints. */
async function refused(cls: new () => object, body: object, path?: string, value?: unknown): Promise<string[]> {
  const copy = structuredClone(body) as Record<string, unknown>;
  if (path) {
    const keys = path.split('.');
    let at = copy;
    for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
    at[keys[keys.length - 1]] = value;
  }
  return (await validateDto(cls, copy)).issues.map((i) => `${i.path} ${i.constraint}`);
}

describe('reserved keys', () => {
  it.each(['constructor', 'prototype', '__proto__'])('refuses %s at any depth, also inside free-form maps', (key) => {
    const body = JSON.parse(`{"summary": "s", "items": {"${key}": 1, "signage": true}, "facts": {"a": {"${key}": {}}}}`);
    expect(inputIssues(body).map((i) => i.path)).toEqual([`items.${key}`, `facts.a.${key}`]);
  });

  it('refuses them through validateDto, where class-transformer skipped or crashed on them', async () => {
    expect(await refused(CreateTokenDto, { role: 'city', label: '市', constructor: { admin: true } })).toEqual(['constructor key']);
    expect(await refused(SelfAssessmentDto, { summary: '自评', items: { constructor: 1 } })).toEqual(['items.constructor key']);
    expect(await refused(SelfAssessmentDto, { summary: '自评', sixHaves: { constructor: { status: 'met' } } })).toEqual([
      'sixHaves.constructor key',
    ]);
  });

  it('refuses them in a query through the global pipe', async () => {
    const pipe = new RequestValidationPipe();
    await expect(pipe.transform({ constructor: 'x' }, { type: 'query', metatype: StationListQuery })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(pipe.transform({ stage: 'filing' }, { type: 'query', metatype: StationListQuery })).resolves.toMatchObject({
      stage: 'filing',
    });
  });
});

describe('text in any string', () => {
  it('refuses NUL, other controls and lone surrogates in strings and keys anywhere, multi-line text keeping its line breaks', () => {
    const body = { summary: '第一行\n第二行\t', note: 'a\u0000b', sixHaves: { platform: { evidence: '场所\uD800' } }, ['k\u0007']: 1 };
    expect(inputIssues(body)).toEqual([
      { path: 'k\\u0007', constraint: 'key', message: '不能含有控制字符 U+0007' },
      { path: 'note', constraint: 'text', message: '不能含有控制字符 U+0000' },
      { path: 'sixHaves.platform.evidence', constraint: 'text', message: '含有无效字符（不成对的 UTF-16 代理项）' },
    ]);
  });

  it('refuses nesting deeper than any body of the API, without recursion', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inputIssues({ items: deep })).toEqual([
      { path: 'items.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0', constraint: 'depth', message: '嵌套过深（最多 16 层）' },
    ]);
  });
});

describe('single-line fields', () => {
  // the label, the DTO, a valid body, the path of the field (an array's item is reported on the array)
  const cases: [string, new () => object, object, string][] = [
    ['station name', ApplicationDto, APPLICATION, 'stationName'],
    ['host unit', ApplicationDto, APPLICATION, 'hostUnit'],
    ['address', ApplicationDto, APPLICATION, 'address'],
    ['contact name', ApplicationDto, APPLICATION, 'contact.name'],
    ['a service', ApplicationDto, APPLICATION, 'services.0'],
    ['a case title', ApplicationDto, APPLICATION, 'cases.0.title'],
    [
      'registered station name',
      RegistrationDto,
      { stationName: '站', districtCode: '330102', address: '地址', contact: { name: '张三', phone: '13800000000' }, services: ['调解'] },
      'stationName',
    ],
    [
      'round name',
      CreateRoundDto,
      { code: 'r', name: '批次', programme: 'six-haves', deadlines: {}, cityContacts: [{ name: '市', email: 'c@example.org' }] },
      'name',
    ],
    [
      'round contact name',
      CreateRoundDto,
      { code: 'r', name: '批次', programme: 'six-haves', deadlines: {}, cityContacts: [{ name: '市', email: 'c@example.org' }] },
      'cityContacts.0.name',
    ],
    ['document number', PublicationDto, { documentNo: '渝人社〔2024〕1号' }, 'documentNo'],
    ['district name', CreateDistrictDto, { code: '500199', name: '区', contacts: [] }, 'name'],
    ['token label', CreateTokenDto, { role: 'city', label: '市' }, 'label'],
  ];

  it.each(cases)('refuse a line break and a lone surrogate: %s', async (_label, cls, body, path) => {
    const reported = path.replace(/\.0$/, '');
    const singleLine = (await refused(cls, body, path, '站点\n2024-01-01 [INFO] 伪造')).filter((i) => i.startsWith(`${reported} `));
    expect(singleLine).toEqual([`${reported} singleLine`]);
    expect((await refused(cls, body, path, '站点\uDC00')).filter((i) => i.startsWith(`${path} `))).toEqual([`${path} text`]);
  });

  it('leave line breaks to multi-line text (a case summary) and take the valid form as it is', async () => {
    expect(await refused(ApplicationDto, APPLICATION)).toEqual([]);
  });

  it('say why in zh-CN through the global pipe', async () => {
    const pipe = new RequestValidationPipe();
    const error = await pipe
      .transform({ ...APPLICATION, stationName: '站\n伪造' }, { type: 'body', metatype: ApplicationDto })
      .catch((e: ApiError) => e);
    expect((error as ApiError).details).toEqual(['stationName: 不能换行（应为单行文本）']);
  });
});

describe('date-only values', () => {
  it('refuse impossible calendar dates', async () => {
    expect(await refused(ApplicationDto, APPLICATION, 'establishedOn', '2023-02-29')).toEqual(['establishedOn dateOnly']);
    expect(await refused(ApplicationDto, APPLICATION, 'establishedOn', '2024-02-29')).toEqual([]);
    expect(await refused(WorkCalendarYearDto, { holidays: ['2024-02-30'], adjustedWorkdays: ['2024-13-01'] })).toEqual([
      'holidays dateOnly',
      'adjustedWorkdays dateOnly',
    ]);
  });
});
