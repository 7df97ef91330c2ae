import { createTestDatabase, TEST_DATABASE_KINDS, TestDatabase } from '@app/persistence/testing';
import { documentedRoutes, fillPath, Reply, send, SendOptions } from './support/http';
import { settled } from './support/eventually';
import { applicationForm, RunningService } from './support/service';
import { OWN_DISTRICT, SIX_HAVES, World } from './support/world';

jest.setTimeout(900_000);

const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';
const LONG = 'x'.repeat(300);
/** The JSON body limit is 256 kB (bootstrap.ts). */
const OVERSIZED = JSON.stringify({ padding: 'x'.repeat(300 * 1024) });

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A write route: its valid request against the fixtures, and the paths into the body that it
 * cannot do without (taken out or null, the request must be refused).
 */
interface WriteRoute {
  params: Record<string, string>;
  /** null: the route takes no body */
  valid: Json | null;
  required: string[];
  /** values the route must refuse beyond the generic ones: a path into `valid` → the bad values there */
  badValues?: Record<string, Json[]>;
  /** whole bodies the route must refuse with this status and code (a rule about other data, not the shape) */
  refused?: { label: string; json: Json; status: number; code: string }[];
}

/** A PDF upload with its purpose (multipart). */
function attachmentForm(): FormData {
  const form = new FormData();
  form.append('purpose', 'application');
  form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))], { type: 'application/pdf' }), '申请书.pdf');
  return form;
}

/** Text no single-line field takes: a line break (a fake log line), NUL, a lone surrogate. */
const NOT_SINGLE_LINE: Json[] = ['站点\n2024-01-01 [INFO] 伪造的日志行', '站点\u0000', '站点\uD800'];
/** Text no field at all takes. */
const NOT_TEXT: Json[] = ['说明\u0000', '说明\uDC00', '\u001B[31m说明'];

/** One bad request and what it must get: an exact status and code, or (unset) any 4xx with a stable code. */
interface BadRequest {
  label: string;
  method: string;
  path: string;
  opts: SendOptions;
  status?: number;
  code?: string;
}

const STABLE_CODE = /^[A-Z]+(_[A-Z]+)*(\.[A-Z]+(_[A-Z]+)*)?$/;

/** Values of another type than `v`, each of which a validator must refuse. */
function wrongTypes(v: Json): Json[] {
  if (typeof v === 'string') return [12345, ['text']];
  if (typeof v === 'number') return ['12', true];
  if (typeof v === 'boolean') return ['true', 0];
  if (Array.isArray(v)) return ['text', { 0: 'x' }];
  if (v && typeof v === 'object') return ['text', 42, []];
  return [];
}

/** Every path into a JSON value (objects' keys, arrays' first element), outermost first. */
function pathsOf(v: Json, prefix: string[] = []): string[][] {
  const children: [string, Json][] = Array.isArray(v)
    ? v.length
      ? [['0', v[0]]]
      : []
    : v && typeof v === 'object'
      ? Object.entries(v)
      : [];
  return children.flatMap(([k, child]) => [[...prefix, k], ...pathsOf(child, [...prefix, k])]);
}

/** A copy of `v` with the value at `path` replaced (`undefined`: removed). */
function withValue(v: Json, path: string[], value: Json | undefined): Json {
  const copy = structuredClone(v) as Record<string, Json>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, Json>;
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(at)) at.splice(Number(last), 1);
    else delete at[last];
  } else at[last] = value;
  return copy;
}

/** The bad bodies every write route with a body must refuse with 400/413 and change nothing. */
function badBodies(route: WriteRoute): { label: string; opts: SendOptions; status: number; code: string }[] {
  const valid = route.valid!;
  const invalid = (label: string, opts: SendOptions) => ({ label, opts, status: 400, code: 'VALIDATION_FAILED' });
  const bodies = [
    invalid('malformed JSON', { raw: '{"a": tru' }),
    invalid('a JSON array', { raw: '[]' }),
    invalid('a JSON string', { raw: '"text"' }),
    invalid('an unsupported content encoding', { raw: JSON.stringify(valid), headers: { 'content-encoding': 'x-unknown' } }),
    invalid('a body that does not gunzip', { raw: JSON.stringify(valid), headers: { 'content-encoding': 'gzip' } }),
    { label: 'a body over the limit', opts: { raw: OVERSIZED }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
    invalid('an unknown field', { json: { ...(valid as object), unexpected: true } }),
    invalid('__proto__ as a field', {
      raw: JSON.stringify(valid).replace(/^\{/, `{"__proto__":{"admin":true}${Object.keys(valid as object).length ? ',' : ''}`),
    }),
  ];
  // A body that is not JSON at all is no body: only a bad request where an empty body is one.
  if (route.required.length) bodies.push(invalid('JSON sent as text/plain', { raw: JSON.stringify(valid), contentType: 'text/plain' }));
  for (const path of pathsOf(valid)) {
    const at = path.join('.');
    const value = path.reduce<Json>((o, k) => (o as Record<string, Json>)[k], valid);
    if (value && typeof value === 'object' && !Array.isArray(value))
      bodies.push(invalid(`an unknown field in ${at}`, { json: withValue(valid, [...path, 'unexpected'], true) }));
    for (const wrong of wrongTypes(value))
      bodies.push(invalid(`${at} = ${JSON.stringify(wrong)}`, { json: withValue(valid, path, wrong) }));
  }
  for (const at of route.required) {
    const path = at.split('.');
    bodies.push(invalid(`without ${at}`, { json: withValue(valid, path, undefined) }));
    bodies.push(invalid(`${at} = null`, { json: withValue(valid, path, null) }));
  }
  for (const [at, values] of Object.entries(route.badValues ?? {})) {
    for (const value of values)
      bodies.push(invalid(`${at} = ${JSON.stringify(value).slice(0, 60)}`, { json: withValue(valid, at.split('.'), value) }));
  }
  for (const { label, json, status, code } of route.refused ?? []) bodies.push({ label, opts: { json }, status, code });
  return bodies;
}

/** Bad values of each kind of path parameter; the unknown id (well formed) must be 404. */
const BAD_PARAMS: Record<string, { value: string; status?: number; code?: string }[]> = {
  id: [
    { value: 'not-a-uuid' },
    { value: UNKNOWN_UUID, status: 404, code: 'NOT_FOUND' },
    { value: LONG },
    { value: '%E0%A4%A' },
    { value: "1' OR '1'='1" },
  ],
  code: [{ value: 'abc' }, { value: '000000', status: 404, code: 'NOT_FOUND' }, { value: LONG }],
  year: [{ value: 'abcd' }, { value: '20300' }, { value: '99' }],
  key: [{ value: 'no-such-programme', status: 404, code: 'NOT_FOUND' }, { value: LONG }],
  // the secret of a mailed link: whatever it is, an unknown one is gone
  token: [
    { value: 'short', status: 410, code: 'AUTH.LINK_INVALID' },
    { value: 'A'.repeat(43), status: 410, code: 'AUTH.LINK_INVALID' },
    { value: LONG, status: 410, code: 'AUTH.LINK_INVALID' },
    { value: '%E0%A4%A' },
  ],
  // a session of the caller's own (the admin token has none: refused whatever the id)
  sessionId: [{ value: 'not-a-session' }, { value: '0'.repeat(64) }, { value: LONG }, { value: '%E0%A4%A' }],
};

const BAD_LIMIT = ['0', '201', 'abc', '1.5', '-1'];
const BAD_CURSOR = ['!!!', 'AAAA', LONG];

/** Every list and download: each query parameter's bad values (plus an unknown and a repeated parameter). */
const BAD_QUERIES: Record<string, Record<string, string[]>> = {
  'GET /api/stations': {
    roundId: ['x', LONG],
    districtCode: ['12', 'abcdef'],
    stage: ['bogus'],
    overdue: ['maybe', '1'],
    limit: BAD_LIMIT,
    cursor: BAD_CURSOR,
  },
  'GET /api/reminders': { roundId: ['x'], districtCode: ['12'], stationId: ['x'], status: ['bogus'], limit: BAD_LIMIT, cursor: BAD_CURSOR },
  'GET /api/outbox': { limit: BAD_LIMIT, cursor: BAD_CURSOR },
  'GET /api/audit': { targetId: ['has space', LONG], action: ['', LONG], limit: BAD_LIMIT, cursor: BAD_CURSOR },
  'GET /api/rounds/{id}/exports/summary': { format: ['pdf'], districtCode: ['12'], include: ['some'] },
  'GET /api/rounds/{id}/exports/star-summary': { format: ['pdf'], districtCode: ['12'] },
  'GET /api/rounds/{id}/exports/published': { format: ['pdf'] },
  'GET /api/rounds/{id}/imports/template': { format: ['pdf'], districtCode: ['12'] },
};

/**
 * Bad input to every write route, every path parameter and every list query, on the real service:
 * each is refused with 4xx and a stable `code` in the contract's error shape, never 5xx, and
 * nothing changes (stations, rounds, districts, tokens, work calendar and the audit log are
 * compared before and after).
 */
describe.each(TEST_DATABASE_KINDS)('bad input on %s', (kind) => {
  let db: TestDatabase;
  let svc: RunningService;
  let w: World;
  let routes: string[];
  let WRITES: Record<string, WriteRoute>;
  let baseline: unknown;
  let starRoundId: string;

  /** Everything a bad request could have changed. */
  const state = async () => ({
    rounds: (await w.ok('GET', '/api/rounds')).map((r: Record<string, unknown>) => [
      r.id,
      r.status,
      r.updatedAt,
      r.deadlines,
      r.changes,
      r.publication,
    ]),
    stations: (await w.ok('GET', '/api/stations?limit=200')).items.map((s: Record<string, unknown>) => [
      s.id,
      s.stage,
      s.version,
      s.updatedAt,
    ]),
    districts: (await w.ok('GET', '/api/districts')).map((d: Record<string, unknown>) => [d.code, d.contacts, d.updatedAt]),
    tokens: (await w.ok('GET', '/api/tokens')).map((t: Record<string, unknown>) => [t.id, t.revokedAt]),
    workCalendar: await w.ok('GET', '/api/work-calendar'),
    audit: await w.latestAuditId(),
  });

  /** The state once the setup's own work has reached the projection. */
  const settledState = () => settled(state);

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    svc = new RunningService({ databaseUrl: db.url, env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    await svc.start();
    w = new World(svc);
    const roundId = await w.round();
    const at = (stage: Parameters<World['station']>[1]) => w.station(roundId, stage);
    const [draft, recommendation, filing, cultivation, evaluation] = [
      await at('application'),
      await at('recommendation'),
      await at('filing'),
      await at('cultivation'),
      await at('city_evaluation'),
    ];
    const spareToken = (await w.token('city')).id;
    const attachment = await send(svc, 'POST', `/api/stations/${draft}/attachments`, {
      form: attachmentForm(),
      authorization: `Bearer ${svc.adminToken}`,
    });
    if (attachment.status !== 201) throw new Error(`attachment not uploaded: ${attachment.status}`);
    starRoundId = await w.starRound();
    const starStation = await w.starStation(starRoundId, 'district_review');
    const later = new Date(Date.now() + 420 * 86_400_000).toISOString();
    const person = (name: string) => ({
      username: `bad-input-${name}-${kind}`,
      displayName: '坏输入用户',
      email: `${name}@people.example`,
      role: 'district',
      districtCode: OWN_DISTRICT,
    });
    const spareUser = (await w.ok('POST', '/api/users', person('spare'))).id;
    const linkToken = 'A'.repeat(43);
    const password = { password: '一句足够长的 测试密码 2024' };
    WRITES = {
      'POST /api/tokens': {
        params: {},
        valid: { role: 'district', districtCode: OWN_DISTRICT, label: '区县令牌' },
        required: ['role', 'label', 'districtCode'],
        badValues: { label: NOT_SINGLE_LINE, constructor: [{ admin: true }], prototype: [{ admin: true }] },
        refused: [
          {
            label: 'an unknown district',
            json: { role: 'district', districtCode: '599999', label: '区县令牌' },
            status: 422,
            code: 'DISTRICT.UNKNOWN',
          },
          {
            label: 'an unknown station',
            json: { role: 'station', stationId: UNKNOWN_UUID, label: '站点令牌' },
            status: 422,
            code: 'STATION.UNKNOWN',
          },
        ],
      },
      'DELETE /api/tokens/{id}': { params: { id: spareToken }, valid: null, required: [] },
      'POST /api/districts': {
        params: {},
        valid: { code: '598888', name: '测试区', contacts: [{ name: '联系人', email: 'contact@example.org' }] },
        required: ['code', 'name', 'contacts', 'contacts.0.name', 'contacts.0.email'],
        badValues: { name: NOT_SINGLE_LINE, 'contacts.0.name': NOT_SINGLE_LINE },
      },
      'PUT /api/districts/{code}/contacts': {
        params: { code: OWN_DISTRICT },
        valid: { contacts: [{ name: '联系人', email: 'contact@example.org' }] },
        required: ['contacts', 'contacts.0.name', 'contacts.0.email'],
        badValues: { 'contacts.0.name': NOT_SINGLE_LINE },
      },
      'POST /api/rounds': {
        params: {},
        valid: w.roundBody({
          serviceCutoff: '2024-10-31',
          reminders: { before: ['P7D'], onTheDay: true, after: ['P1D'], repeatAfter: 'P7D', workingDaysOnly: true, sendAt: '09:00' },
        }) as Json,
        required: [
          'code',
          'name',
          'programme',
          'deadlines',
          ...['recommendation', 'selfAssessment', 'cityEvaluation', 'publication', 'promotion'].map((k) => `deadlines.${k}`),
          'cityContacts',
        ],
        badValues: {
          // dates no workflow can serve, and impossible dates
          'deadlines.recommendation': ['0000-12-08', '1999-12-31'],
          'deadlines.promotion': ['9999-12-31', '2100-01-01T00:00:00+08:00', '2030-02-30'],
          serviceCutoff: ['2024-02-30', '0000-10-31', '2024-10-31T00:00:00Z'],
          'reminders.before': [['P9999999D'], ['P7D', 'P367D']],
          'reminders.after': [['P53W']],
          'reminders.repeatAfter': ['P400D'],
          name: NOT_SINGLE_LINE,
          'cityContacts.0.name': NOT_SINGLE_LINE,
          'reminders.constructor': [{}],
        },
      },
      'PATCH /api/rounds/{id}/deadlines': {
        params: { id: roundId },
        valid: { promotion: later, reason: '重新发文' },
        required: ['reason'],
        badValues: { promotion: ['9999-12-31', '0000-01-01T00:00:00Z', '2031-02-29'], reason: NOT_TEXT },
      },
      'POST /api/rounds/{id}/publication': {
        params: { id: roundId },
        valid: { documentNo: '渝人社〔2030〕1号' },
        required: [],
        badValues: { documentNo: NOT_SINGLE_LINE },
      },
      'POST /api/rounds/{id}/promotion': { params: { id: roundId }, valid: { summary: '总结' }, required: ['summary'] },
      'POST /api/rounds/{id}/applications': {
        params: { id: roundId },
        valid: applicationForm(OWN_DISTRICT, '坏输入测试站', {
          hostUnitInfo: { name: '承担单位', postcode: '400010' },
          stationLead: { name: '李四', phone: '13800000000' },
          plan: [{ time: '2024年', content: '建设' }],
        }),
        required: [
          ...['stationName', 'districtCode', 'hostUnit', 'address', 'contact', 'contact.name', 'contact.phone', 'establishedOn'],
          ...['workerVisitsServed', 'incidentsInLastTwoYears', 'services', 'cases', 'cases.0', 'cases.0.title', 'cases.0.summary'],
        ],
        badValues: {
          ...Object.fromEntries(
            [
              'stationName',
              'hostUnit',
              'address',
              'contact.name',
              'services.0',
              'cases.0.title',
              'stationLead.name',
              'hostUnitInfo.name',
            ].map((at) => [at, NOT_SINGLE_LINE]),
          ),
          'cases.0.summary': NOT_TEXT,
          establishedOn: ['2023-02-29', '2021-13-01'],
        },
      },
      'POST /api/rounds/{id}/registrations': {
        params: { id: starRoundId },
        valid: { ...w.registrationForm(OWN_DISTRICT, '坏输入登记站'), area: 120.5, priorRatings: [{ year: 2023, stars: 3 }] },
        required: ['stationName', 'districtCode', 'address', 'contact', 'contact.name', 'contact.phone', 'services'],
        badValues: { stationName: NOT_SINGLE_LINE, address: NOT_SINGLE_LINE },
      },
      'POST /api/stations/{id}/district-review': {
        params: { id: starStation },
        valid: {
          items: { signage: true, disputesMediated: 12 },
          facts: { arbitrationTribunal: true, disputesHandledThisYear: 30 },
          note: '复评',
        },
        required: ['items'],
        badValues: { 'items.constructor': [1, true], 'items.prototype': [1], 'facts.constructor': [true], note: NOT_TEXT },
      },
      // multipart: see the bulk-import case below
      'POST /api/rounds/{id}/imports/applications': { params: { id: roundId }, valid: null, required: [] },
      'POST /api/stations/{id}/submission': { params: { id: draft }, valid: {}, required: [] },
      'POST /api/stations/{id}/recommendation': {
        params: { id: recommendation },
        valid: { recommended: true, note: '推荐' },
        required: ['recommended'],
      },
      'POST /api/stations/{id}/filing': {
        params: { id: filing },
        valid: { filed: true, level: 'city', note: '备案' },
        required: ['filed', 'level'],
      },
      'POST /api/stations/{id}/self-assessment': {
        params: { id: cultivation },
        valid: { sixHaves: SIX_HAVES, summary: '自评' } as Json,
        required: ['sixHaves', 'sixHaves.platform', 'sixHaves.platform.status', 'sixHaves.platform.evidence', 'summary'],
        badValues: {
          'sixHaves.constructor': [SIX_HAVES.platform as Json],
          'sixHaves.prototype': [{}],
          'sixHaves.platform.evidence': NOT_TEXT,
          summary: NOT_TEXT,
        },
      },
      'POST /api/stations/{id}/evaluation': { params: { id: evaluation }, valid: { passed: true, comments: '通过' }, required: ['passed'] },
      'POST /api/stations/{id}/withdrawal': {
        params: { id: filing },
        valid: { reason: '撤回' },
        required: ['reason'],
        badValues: { reason: NOT_TEXT },
      },
      // multipart: the paperwork spec (test/paperwork.e2e.spec.ts) refuses its bad uploads
      'POST /api/stations/{id}/attachments': { params: { id: draft }, valid: null, required: [] },
      'DELETE /api/attachments/{id}': { params: { id: attachment.body.id }, valid: null, required: [] },
      'PATCH /api/stations/{id}/application': {
        params: { id: draft },
        valid: { hostUnit: '新的承担单位', contact: { name: '李四', phone: '023-87654321' } },
        required: ['contact.name', 'contact.phone'],
        badValues: { hostUnit: NOT_SINGLE_LINE, 'contact.name': NOT_SINGLE_LINE, 'contact.phone': ['call me'] },
      },
      'POST /api/stations/{id}/return': {
        params: { id: recommendation },
        valid: { reason: '材料不全' },
        required: ['reason'],
        badValues: { reason: NOT_TEXT },
      },
      'POST /api/stations/{id}/comments': {
        params: { id: recommendation },
        valid: { text: '请补充材料' },
        required: ['text'],
        badValues: { text: [...NOT_TEXT, '   '] },
      },
      'POST /api/stations/{id}/mid-term-review': {
        params: { id: cultivation },
        valid: { sixHaves: SIX_HAVES, summary: '中期评估' } as Json,
        required: ['sixHaves', 'sixHaves.platform', 'sixHaves.platform.status', 'sixHaves.platform.evidence', 'summary'],
        badValues: { 'sixHaves.constructor': [SIX_HAVES.platform as Json], summary: NOT_TEXT },
      },
      'PUT /api/rounds/{id}/panel': {
        params: { id: roundId },
        valid: { experts: ['expert-1'], perStation: 2, excludeSameDistrict: true },
        required: ['experts', 'perStation', 'excludeSameDistrict'],
        badValues: { 'experts.0': ['a|b', ''], perStation: [0, 21, 1.5] },
      },
      'POST /api/rounds/{id}/panel/assign': { params: { id: roundId }, valid: null, required: [] },
      'PUT /api/stations/{id}/experts': {
        params: { id: filing },
        valid: { experts: ['expert-1'] },
        required: ['experts'],
        badValues: { 'experts.0': ['a|b', ''] },
      },
      'POST /api/stations/{id}/reviews': {
        params: { id: filing },
        valid: { recommendation: 'pass', comments: '意见' },
        required: [],
        badValues: { recommendation: ['maybe'], comments: ['长'.repeat(2001)] },
      },
      'PUT /api/work-calendar/{year}': {
        params: { year: '2042' },
        valid: { holidays: ['2042-01-01'], adjustedWorkdays: ['2042-01-04'], source: '测试' },
        required: ['holidays', 'adjustedWorkdays'],
        badValues: { 'holidays.0': ['2042-02-30'], source: NOT_SINGLE_LINE },
      },
      'POST /api/admin/reconcile': { params: {}, valid: { roundId, dryRun: true }, required: [] },
      'POST /api/admin/files/sweep': { params: {}, valid: { dryRun: true }, required: [] },
      'POST /api/users': {
        params: {},
        valid: person('new'),
        required: ['username', 'displayName', 'email', 'role', 'districtCode'],
        badValues: {
          username: ['ab', 'has space', 'x'.repeat(65), '张三'],
          displayName: NOT_SINGLE_LINE,
          email: ['not-an-email', 'a@'],
          role: ['system', 'root'],
          districtCode: ['12'],
        },
        refused: [
          { label: 'an unknown district', json: { ...person('new'), districtCode: '599999' }, status: 422, code: 'DISTRICT.UNKNOWN' },
          { label: 'a name taken', json: person('spare'), status: 409, code: 'USER.USERNAME_TAKEN' },
        ],
      },
      'PATCH /api/users/{id}': {
        params: { id: spareUser },
        valid: { displayName: '改名' },
        required: [],
        badValues: { displayName: NOT_SINGLE_LINE, email: ['not-an-email'] },
      },
      'POST /api/auth/login': {
        params: {},
        valid: { username: `nobody-${kind}`, password: 'not the password' },
        required: ['username', 'password'],
        refused: [
          {
            label: 'an unknown user',
            json: { username: `nobody-${kind}`, password: 'not the password' },
            status: 401,
            code: 'AUTH.INVALID_CREDENTIALS',
          },
        ],
      },
      'POST /api/auth/logout': { params: {}, valid: null, required: [] },
      'POST /api/auth/password': { params: {}, valid: { current: 'a', next: 'b' }, required: ['current', 'next'] },
      'POST /api/auth/password-reset': { params: {}, valid: { username: 'nobody' }, required: ['username'] },
      'POST /api/auth/password-reset/{token}': { params: { token: linkToken }, valid: password, required: ['password'] },
      'POST /api/auth/invitations/{token}': { params: { token: linkToken }, valid: password, required: ['password'] },
      'POST /api/auth/totp': { params: {}, valid: null, required: [] },
      'POST /api/auth/totp/confirm': { params: {}, valid: { otp: '123456' }, required: ['otp'] },
      'DELETE /api/auth/sessions/{sessionId}': { params: { sessionId: '0'.repeat(64) }, valid: null, required: [] },
    };
    routes = await documentedRoutes(svc);
    baseline = await settledState();
  });
  afterAll(async () => {
    await svc?.cleanup();
    await db?.drop();
  });

  /** Sends each request; returns what was wrong with the answers, and whether anything changed. */
  async function check(requests: BadRequest[]): Promise<string[]> {
    const problems: string[] = [];
    for (const r of requests) {
      const reply: Reply = await send(svc, r.method, r.path, { authorization: `Bearer ${svc.adminToken}`, ...r.opts });
      const body = reply.body ?? {};
      const wellFormed =
        body.statusCode === reply.status &&
        STABLE_CODE.test(body.code ?? '') &&
        typeof body.message === 'string' &&
        body.message.length > 0;
      const expected =
        reply.status >= 400 &&
        reply.status < 500 &&
        (r.status === undefined || reply.status === r.status) &&
        (r.code === undefined || body.code === r.code);
      if (!wellFormed || !expected) {
        problems.push(
          `${r.method} ${r.path.slice(0, 120)} with ${r.label}: expected ${r.status ?? '4xx'} ${r.code ?? ''}, got ${reply.status} ${JSON.stringify(body).slice(0, 200)}`,
        );
      }
    }
    const now = await state();
    if (JSON.stringify(now) !== JSON.stringify(baseline)) {
      const before = baseline as typeof now;
      const changed = (Object.keys(now) as (keyof typeof now)[]).filter((k) => JSON.stringify(now[k]) !== JSON.stringify(before[k]));
      const detail = changed
        .map((k) => `${k}: ${JSON.stringify(before[k]).slice(0, 300)} → ${JSON.stringify(now[k]).slice(0, 300)}`)
        .join('; ');
      problems.push(`state changed by a bad request to ${requests[0]?.method} ${requests[0]?.path} (${detail})`);
      baseline = now; // reported once: the next routes are checked against what is there now
    }
    return problems;
  }

  it('covers every write route of the API document', () => {
    expect(Object.keys(WRITES).sort()).toEqual(routes.filter((r) => !r.startsWith('GET ')));
  });

  it('refuses malformed, oversized, ill-typed, incomplete and over-complete bodies on every write route', async () => {
    const problems: string[] = [];
    for (const [route, spec] of Object.entries(WRITES)) {
      if (spec.valid === null) continue;
      const [method, template] = route.split(' ');
      const path = fillPath(template, spec.params);
      problems.push(...(await check(badBodies(spec).map((b) => ({ ...b, method, path })))));
    }
    expect(problems).toEqual([]);
  });

  it('refuses bad ids in every path, reads and writes alike', async () => {
    const problems: string[] = [];
    for (const route of routes) {
      const [method, template] = route.split(' ');
      const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      if (names.length === 0) continue;
      const spec = WRITES[route];
      const body: SendOptions = spec?.valid ? { json: spec.valid } : {};
      const requests = names.flatMap((name) =>
        BAD_PARAMS[name].map(({ value, status, code }) => ({
          label: `${name} = ${value.slice(0, 20)}`,
          method,
          path: fillPath(template, { ...spec?.params, [name]: value }, false),
          opts: route.includes('/imports/applications')
            ? { form: w.importForm(OWN_DISTRICT, '坏编号导入站') }
            : route === 'POST /api/stations/{id}/attachments'
              ? { form: attachmentForm() }
              : body,
          status,
          code,
        })),
      );
      problems.push(...(await check(requests)));
    }
    expect(problems).toEqual([]);
  });

  it('refuses bad query parameters of every list and download', async () => {
    const { id: roundId } = WRITES['POST /api/rounds/{id}/promotion'].params;
    expect(Object.keys(BAD_QUERIES).every((r) => routes.includes(r))).toBe(true);
    const problems: string[] = [];
    for (const [route, params] of Object.entries(BAD_QUERIES)) {
      const path = fillPath(route.slice(4), { id: route.includes('star-summary') ? starRoundId : roundId });
      const query = (q: string) => ({ label: q.slice(0, 40), method: 'GET', path: `${path}?${q}`, opts: {}, status: 400 });
      const requests = Object.entries(params).flatMap(([name, values]) =>
        values.map((v) => ({ ...query(`${name}=${encodeURIComponent(v)}`), code: 'VALIDATION_FAILED' })),
      );
      const first = Object.keys(params)[0];
      requests.push({ ...query('unexpected=1'), code: 'VALIDATION_FAILED' });
      requests.push({ ...query('constructor=1'), code: 'VALIDATION_FAILED' });
      requests.push({ ...query(`${first}=${encodeURIComponent('a\u0000b')}`), code: 'VALIDATION_FAILED' });
      requests.push({ ...query(`${first}=a&${first}=b`), code: 'VALIDATION_FAILED' });
      problems.push(...(await check(requests)));
    }
    expect(problems).toEqual([]);
  });

  it('refuses uploads to the bulk import that are no spreadsheet, too large, or in the wrong field', async () => {
    const path = fillPath('/api/rounds/{id}/imports/applications', WRITES['POST /api/rounds/{id}/imports/applications'].params);
    const upload = (name: string, bytes: Buffer, field = 'file') => {
      const form = new FormData();
      form.append(field, new Blob([new Uint8Array(bytes)]), name);
      return { form };
    };
    const request = (label: string, opts: SendOptions, status: number, code: string, query = '') => ({
      label,
      method: 'POST',
      path: `${path}${query}`,
      opts,
      status,
      code,
    });
    const problems = await check([
      request('no file (a JSON body)', { json: {} }, 400, 'IMPORT.BAD_FILE'),
      request(
        'random bytes',
        upload('data.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))),
        400,
        'IMPORT.BAD_FILE',
      ),
      request('a broken xlsx', upload('broken.xlsx', Buffer.from('PK\u0003\u0004 not really a zip')), 400, 'IMPORT.BAD_FILE'),
      request(
        'a CSV without the required columns',
        upload('wrong.csv', Buffer.from('\uFEFF推荐站点名称,备注\r\n某站,无\r\n')),
        400,
        'IMPORT.MISSING_COLUMNS',
      ),
      request('the file in another field', upload('import.csv', Buffer.from('a,b\r\n'), 'attachment'), 400, 'IMPORT.BAD_FILE'),
      request('a file over 5 MB', upload('big.csv', Buffer.alloc(6 * 1024 * 1024, 0x41)), 413, 'PAYLOAD_TOO_LARGE'),
      request(
        'a malformed multipart body',
        { raw: '--xyz\r\ngarbage', contentType: 'multipart/form-data; boundary=xyz' },
        400,
        'IMPORT.BAD_FILE',
      ),
      request('dryRun=maybe', { form: w.importForm(OWN_DISTRICT, '试运行站') }, 400, 'VALIDATION_FAILED', '?dryRun=maybe'),
    ]);
    expect(problems).toEqual([]);
  });
});
