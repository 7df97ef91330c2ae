import { createTestDatabase, TEST_DATABASE_KINDS, TestDatabase } from '@app/persistence/testing';
import { eventually } from './support/eventually';
import { bearer, documentedRoutes, fillPath, Reply, send } from './support/http';
import { applicationForm, RunningService } from './support/service';
import { OTHER_DISTRICT, OWN_DISTRICT, ReachableStage, SIX_HAVES, World } from './support/world';

jest.setTimeout(900_000);

const CALLERS = ['admin', 'city', 'district', 'otherDistrict', 'station', 'otherStation', 'revoked', 'none', 'malformed'] as const;
type Caller = (typeof CALLERS)[number];

/**
 * Who gets what, route by route (shared/API.md, "Auth" and the resource table). The callers:
 *
 * - admin, city: the built-in admin token and a city-office token;
 * - district: a token of OWN_DISTRICT, the district of the station (and district) the route aims at;
 * - otherDistrict: a token of another district: another district's station is 404 on read, 403 on write;
 * - station: the token of the station the route aims at; otherStation: the token of another station;
 * - revoked: a revoked token; none: no Authorization header; malformed: the admin's own secret in a
 *   header that is not `Bearer <token>`.
 *
 * Every route of the API document must have a row, so a new route fails this spec until someone
 * decides who may call it. Lists and downloads are asked for OWN_DISTRICT (`?districtCode=`), so a
 * district token of another district is refused there (403) rather than given its own empty list.
 * Star-rating routes (registration, district re-score, star summary) aim at a star-rating round.
 */
// prettier-ignore
const MATRIX: Record<string, readonly number[]> = {
  //                                                admin city dist oDist stat oStat revok none malf
  'GET /api/health':                                [200, 200, 200, 200, 200, 200, 200, 200, 200],
  'GET /api/me':                                    [200, 200, 200, 200, 200, 200, 401, 401, 401],
  'GET /api/programmes':                            [200, 200, 200, 200, 200, 200, 401, 401, 401],
  'GET /api/programmes/{key}':                      [200, 200, 200, 200, 200, 200, 401, 401, 401],
  'POST /api/tokens':                               [201, 403, 403, 403, 403, 403, 401, 401, 401],
  'GET /api/tokens':                                [200, 403, 403, 403, 403, 403, 401, 401, 401],
  'DELETE /api/tokens/{id}':                        [204, 403, 403, 403, 403, 403, 401, 401, 401],
  'POST /api/districts':                            [201, 201, 403, 403, 403, 403, 401, 401, 401],
  'GET /api/districts':                             [200, 200, 200, 200, 200, 200, 401, 401, 401],
  'PUT /api/districts/{code}/contacts':             [200, 200, 200, 403, 403, 403, 401, 401, 401],
  'POST /api/rounds':                               [201, 201, 403, 403, 403, 403, 401, 401, 401],
  'GET /api/rounds':                                [200, 200, 200, 200, 200, 200, 401, 401, 401],
  'GET /api/rounds/{id}':                           [200, 200, 200, 200, 200, 200, 401, 401, 401],
  'GET /api/rounds/{id}/workflow':                  [200, 403, 403, 403, 403, 403, 401, 401, 401],
  'PATCH /api/rounds/{id}/deadlines':               [200, 200, 403, 403, 403, 403, 401, 401, 401],
  'POST /api/rounds/{id}/publication':              [201, 201, 403, 403, 403, 403, 401, 401, 401],
  'POST /api/rounds/{id}/promotion':                [201, 201, 403, 403, 403, 403, 401, 401, 401],
  'POST /api/rounds/{id}/applications':             [201, 201, 201, 403, 403, 403, 401, 401, 401],
  'POST /api/rounds/{id}/registrations':            [201, 201, 201, 403, 403, 403, 401, 401, 401],
  'GET /api/rounds/{id}/reminder-plan':             [200, 200, 200, 200, 200, 200, 401, 401, 401],
  'GET /api/rounds/{id}/exports/summary':           [200, 200, 200, 403, 403, 403, 401, 401, 401],
  'GET /api/rounds/{id}/exports/star-summary':      [200, 200, 200, 403, 403, 403, 401, 401, 401],
  'GET /api/rounds/{id}/exports/published':         [200, 200, 200, 200, 200, 200, 401, 401, 401],
  // another district's token may upload, but its rows of OWN_DISTRICT are each refused (nothing is created)
  'POST /api/rounds/{id}/imports/applications':     [200, 200, 200, 200, 403, 403, 401, 401, 401],
  'GET /api/rounds/{id}/imports/template':          [200, 200, 200, 403, 403, 403, 401, 401, 401],
  // a station token lists its own station only (the district filter is its own district's)
  'GET /api/stations':                              [200, 200, 200, 403, 200, 200, 401, 401, 401],
  'GET /api/stations/{id}':                         [200, 200, 200, 404, 200, 404, 401, 401, 401],
  // the application form (申请书) in Word: scoped like the station itself
  'GET /api/stations/{id}/documents/application.docx': [200, 200, 200, 404, 200, 404, 401, 401, 401],
  'GET /api/stations/{id}/workflow':                [200, 403, 403, 403, 403, 403, 401, 401, 401],
  'POST /api/stations/{id}/submission':             [200, 200, 200, 403, 200, 403, 401, 401, 401],
  'POST /api/stations/{id}/recommendation':         [200, 403, 200, 403, 403, 403, 401, 401, 401],
  'POST /api/stations/{id}/filing':                 [200, 200, 403, 403, 403, 403, 401, 401, 401],
  'POST /api/stations/{id}/self-assessment':        [200, 403, 200, 403, 200, 403, 401, 401, 401],
  'POST /api/stations/{id}/district-review':        [200, 403, 200, 403, 403, 403, 401, 401, 401],
  'POST /api/stations/{id}/evaluation':             [200, 200, 403, 403, 403, 403, 401, 401, 401],
  'POST /api/stations/{id}/withdrawal':             [200, 200, 200, 403, 403, 403, 401, 401, 401],
  // the paperwork: files and comments follow their station (404 outside the scope on read, 403 on write)
  'POST /api/stations/{id}/attachments':            [201, 201, 201, 403, 403, 403, 401, 401, 401],
  'GET /api/stations/{id}/attachments':             [200, 200, 200, 404, 200, 404, 401, 401, 401],
  'GET /api/attachments/{id}':                      [200, 200, 200, 404, 200, 404, 401, 401, 401],
  // its uploader (the admin here) while the step is open, and admins
  'DELETE /api/attachments/{id}':                   [204, 403, 403, 404, 403, 404, 401, 401, 401],
  'PATCH /api/stations/{id}/application':           [200, 403, 200, 403, 200, 403, 401, 401, 401],
  'POST /api/stations/{id}/return':                 [200, 403, 200, 403, 403, 403, 401, 401, 401],
  'POST /api/stations/{id}/mid-term-review':        [200, 200, 200, 403, 403, 403, 401, 401, 401],
  'GET /api/stations/{id}/comments':                [200, 200, 200, 404, 200, 404, 401, 401, 401],
  'POST /api/stations/{id}/comments':               [201, 201, 201, 403, 201, 403, 401, 401, 401],
  'GET /api/me/tasks':                              [200, 200, 200, 200, 200, 200, 401, 401, 401],
  'GET /api/reminders':                             [200, 200, 200, 403, 200, 200, 401, 401, 401],
  'GET /api/outbox':                                [200, 200, 403, 403, 403, 403, 401, 401, 401],
  'GET /api/outbox/{id}/html':                      [200, 200, 403, 403, 403, 403, 401, 401, 401],
  'GET /api/work-calendar':                         [200, 200, 200, 200, 200, 200, 401, 401, 401],
  'PUT /api/work-calendar/{year}':                  [200, 403, 403, 403, 403, 403, 401, 401, 401],
  'POST /api/admin/reconcile':                      [200, 403, 403, 403, 403, 403, 401, 401, 401],
  'POST /api/admin/files/sweep':                    [200, 403, 403, 403, 403, 403, 401, 401, 401],
  'GET /api/audit':                                 [200, 200, 403, 403, 403, 403, 401, 401, 401],
  // the city office creates, sees and changes district, station and expert people (here a district one)
  // the expert panel: the city's; the expert routes refuse every other role (experts: test/panel.e2e.spec.ts)
  'PUT /api/rounds/{id}/panel':                     [200, 200, 403, 403, 403, 403, 401, 401, 401],
  'GET /api/rounds/{id}/panel':                     [200, 200, 403, 403, 403, 403, 401, 401, 401],
  'POST /api/rounds/{id}/panel/assign':             [200, 200, 403, 403, 403, 403, 401, 401, 401],
  'PUT /api/stations/{id}/experts':                 [200, 200, 403, 403, 403, 403, 401, 401, 401],
  'GET /api/me/reviews':                            [403, 403, 403, 403, 403, 403, 401, 401, 401],
  'POST /api/stations/{id}/reviews':                [403, 403, 403, 403, 403, 403, 401, 401, 401],
  'GET /api/stations/{id}/reviews':                 [200, 200, 403, 403, 403, 403, 401, 401, 401],
  'POST /api/users':                                [201, 201, 403, 403, 403, 403, 401, 401, 401],
  'GET /api/users':                                 [200, 200, 403, 403, 403, 403, 401, 401, 401],
  'PATCH /api/users/{id}':                          [200, 200, 403, 403, 403, 403, 401, 401, 401],
};

/**
 * The routes of people's own accounts (sign-in, password, links, two-factor, sessions, single
 * sign-on): their callers are people with a session cookie or no one, not the tokens of this matrix,
 * so test/accounts.e2e.spec.ts and test/oidc.e2e.spec.ts check them route by route.
 */
const PERSON_ROUTES = [
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /api/auth/password',
  'POST /api/auth/password-reset',
  'POST /api/auth/password-reset/{token}',
  'POST /api/auth/invitations/{token}',
  'POST /api/auth/totp',
  'POST /api/auth/totp/confirm',
  'GET /api/auth/sessions',
  'DELETE /api/auth/sessions/{sessionId}',
  'GET /api/auth/oidc',
  'GET /api/auth/oidc/login',
  'GET /api/auth/oidc/callback',
];

/** Served beside the API document: the dashboard (its page holds no data) and the document itself. Public. */
// prettier-ignore
const UNDOCUMENTED: Record<string, readonly number[]> = {
  'GET /':                                          [200, 200, 200, 200, 200, 200, 200, 200, 200],
  'GET /assets/main.js':                            [200, 200, 200, 200, 200, 200, 200, 200, 200],
  'GET /assets/vocabulary.js':                      [200, 200, 200, 200, 200, 200, 200, 200, 200],
  'GET /api/docs':                                  [200, 200, 200, 200, 200, 200, 200, 200, 200],
  'GET /api/docs-json':                             [200, 200, 200, 200, 200, 200, 200, 200, 200],
};

const CODE_OF_STATUS: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' };

/** What the audit log must say of an authorised write. */
interface ExpectedAudit {
  action: string;
  targetId: string;
  fromStage?: string | null;
  toStage?: string | null;
}

/** One attempt at a write route by one caller. */
interface Attempt {
  path: string;
  json?: unknown;
  form?: FormData;
  /** another token than the caller's (the station token of a station made for this attempt) */
  as?: { authorization: string; tokenId: string };
  /** state the attempt must leave as it was: every refused attempt has one */
  observe?: () => Promise<unknown>;
  /** for an authorised attempt: the line it must add to the audit log */
  audit?: (reply: Reply) => ExpectedAudit;
}

/** A district person's account, with a name of its own. */
let people = 0;
function personBody() {
  const username = `matrix-${Date.now().toString(36)}-${++people}`;
  return { username, displayName: `矩阵用户${people}`, email: `${username}@people.example`, role: 'district', districtCode: OWN_DISTRICT };
}

describe.each(TEST_DATABASE_KINDS)('authorisation matrix on %s', (kind) => {
  let db: TestDatabase;
  let svc: RunningService;
  let w: World;
  /** the Authorization header of each caller, and the token id the audit log names */
  const auth = {} as Record<Caller, string | null>;
  const tokenIds = {} as Record<Caller, string>;
  const secrets: string[] = [];
  /** the targets "in scope": a round, a station of OWN_DISTRICT (A) and one of OTHER_DISTRICT (B) */
  const fx = {
    roundId: '',
    stationA: '',
    stationB: '',
    outboxId: '',
    spareTokenId: '',
    starRoundId: '',
    starStation: '',
    remindedStations: [] as string[],
    spareUserId: '',
    attachmentA: '',
    expertId: '',
  };
  /** A PDF upload (multipart) for the attachment routes. */
  const pdfForm = () => {
    const form = new FormData();
    form.append('purpose', 'application');
    form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))], { type: 'application/pdf' }), '申请书.pdf');
    return form;
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    // Many requests in little time from one address and a few tokens: a limit far above the default.
    svc = new RunningService({ databaseUrl: db.url, env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    await svc.start();
    w = new World(svc);

    // The embedded outbox needs one message: a round whose first reminder falls 15 s from now, time
    // enough for two stations of one district to owe it (one digest that lists both).
    await w.ok('PUT', `/api/districts/${OWN_DISTRICT}/contacts`, {
      contacts: [{ name: '渝中区联系人', email: 'yuzhong@district.example' }],
    });
    const soon = new Date(Date.now() + 25_000).toISOString();
    const remindedRound = await w.round({
      deadlines: { ...w.roundBody().deadlines, recommendation: soon },
      reminders: { before: ['PT10S'], onTheDay: false, after: ['PT1H'], repeatAfter: null, workingDaysOnly: false, sendAt: null },
    });
    fx.remindedStations = [await w.station(remindedRound, 'recommendation'), await w.station(remindedRound, 'recommendation')];

    fx.roundId = await w.round();
    fx.stationA = await w.station(fx.roundId, 'recommendation', OWN_DISTRICT);
    fx.stationB = await w.station(fx.roundId, 'recommendation', OTHER_DISTRICT);
    fx.spareTokenId = (await w.token('city')).id;
    const uploaded = await send(svc, 'POST', `/api/stations/${fx.stationA}/attachments`, {
      form: pdfForm(),
      authorization: bearer(svc.adminToken),
    });
    if (uploaded.status !== 201) throw new Error(`attachment not uploaded: ${uploaded.status} ${JSON.stringify(uploaded.body)}`);
    fx.attachmentA = uploaded.body.id;
    fx.expertId = (await w.token('expert')).id;
    await w.ok('PUT', `/api/rounds/${fx.roundId}/panel`, { experts: [fx.expertId], perStation: 1, excludeSameDistrict: true });
    fx.starRoundId = await w.starRound();
    fx.starStation = await w.starStation(fx.starRoundId, 'district_review');
    fx.spareUserId = (await w.ok('POST', '/api/users', personBody())).id;

    const issued: Partial<Record<Caller, { id: string; token: string }>> = {
      city: await w.token('city'),
      district: await w.token('district', { districtCode: OWN_DISTRICT }),
      otherDistrict: await w.token('district', { districtCode: OTHER_DISTRICT }),
      station: await w.token('station', { stationId: fx.stationA }),
      otherStation: await w.token('station', { stationId: fx.stationB }),
      revoked: await w.token('district', { districtCode: OWN_DISTRICT }),
    };
    await w.ok('DELETE', `/api/tokens/${issued.revoked!.id}`);
    for (const [caller, t] of Object.entries(issued)) {
      auth[caller as Caller] = bearer(t.token);
      tokenIds[caller as Caller] = t.id;
      secrets.push(t.token);
    }
    auth.admin = bearer(svc.adminToken);
    tokenIds.admin = 'admin';
    auth.none = null;
    auth.malformed = `Bearer ${svc.adminToken} trailing-words`;
    secrets.push(svc.adminToken);

    const outbox = await eventually(
      () => w.ok('GET', '/api/outbox?limit=20'),
      (page) => page.items.some((m: { reminderId: string | null }) => m.reminderId),
      60_000,
    );
    // a reminder, not the invitation of the spare user (account mails are the admin's alone)
    fx.outboxId = outbox.items.find((m: { reminderId: string | null }) => m.reminderId).id;
  });
  afterAll(async () => {
    await svc?.cleanup();
    await db?.drop();
  });

  it("shows a station its own id in the reminders that concern it, never another station's id", async () => {
    const [own, other] = fx.remindedStations;
    const digest = await eventually(
      () => w.ok('GET', `/api/reminders?stationId=${own}`),
      (page) => page.items.some((r: { stationIds: string[] }) => r.stationIds.length === 2),
      60_000,
    );
    const listed = digest.items.find((r: { stationIds: string[] }) => r.stationIds.length === 2);
    expect([...listed.stationIds].sort()).toEqual([own, other].sort());
    const token = await w.token('station', { stationId: own });
    const seen = await send(svc, 'GET', '/api/reminders', { authorization: bearer(token.token) });
    expect(seen.status).toBe(200);
    const mine = seen.body.items.find((r: { id: string }) => r.id === listed.id);
    expect(mine.stationIds).toEqual([own]);
    expect(seen.body.items.every((r: { stationIds: string[] }) => r.stationIds.length === 1 && r.stationIds[0] === own)).toBe(true);
    expect(mine.recipients).toEqual(['yuzhong@district.example']);
  });

  const expected = (route: string, caller: Caller) => MATRIX[route][CALLERS.indexOf(caller)];
  const isWrite = (route: string) => !route.startsWith('GET ');

  /** A reply that differs from the matrix, described; null when it matches. */
  function mismatch(route: string, caller: Caller, want: number, got: Reply): string | null {
    const code = CODE_OF_STATUS[want];
    if (got.status === want && (!code || got.body?.code === code)) return null;
    return `${route} as ${caller}: expected ${want}${code ? ` ${code}` : ''}, got ${got.status} ${JSON.stringify(got.body).slice(0, 200)}`;
  }

  it('has a row for every route of the API document, and no other', async () => {
    expect(await documentedRoutes(svc)).toEqual([...Object.keys(MATRIX), ...PERSON_ROUTES].sort());
  });

  it('answers every read as the matrix says', async () => {
    const readPath: Record<string, string> = {
      'GET /api/stations': `/api/stations?districtCode=${OWN_DISTRICT}`,
      'GET /api/reminders': `/api/reminders?districtCode=${OWN_DISTRICT}`,
      'GET /api/rounds/{id}/exports/summary': `/api/rounds/${fx.roundId}/exports/summary?districtCode=${OWN_DISTRICT}&format=csv`,
      'GET /api/rounds/{id}/exports/star-summary': `/api/rounds/${fx.starRoundId}/exports/star-summary?districtCode=${OWN_DISTRICT}&format=csv`,
      'GET /api/rounds/{id}/exports/published': `/api/rounds/${fx.roundId}/exports/published?format=csv`,
      'GET /api/rounds/{id}/imports/template': `/api/rounds/${fx.roundId}/imports/template?districtCode=${OWN_DISTRICT}&format=csv`,
    };
    const idOf = (route: string) =>
      route.includes('/stations/')
        ? fx.stationA
        : route.includes('/outbox/')
          ? fx.outboxId
          : route.includes('/attachments/')
            ? fx.attachmentA
            : fx.roundId;
    const reads = Object.entries({ ...MATRIX, ...UNDOCUMENTED }).filter(([route]) => !isWrite(route));
    const problems: string[] = [];
    for (const [route] of reads) {
      const path = readPath[route] ?? fillPath(route.slice(4), { id: idOf(route), key: 'star-rating' });
      for (const caller of CALLERS) {
        const want = (MATRIX[route] ?? UNDOCUMENTED[route])[CALLERS.indexOf(caller)];
        const problem = mismatch(route, caller, want, await send(svc, 'GET', path, { authorization: auth[caller] }));
        if (problem) problems.push(problem);
      }
    }
    expect(problems).toEqual([]);
    // The station token's list holds its own station only.
    const own = await send(svc, 'GET', `/api/stations?roundId=${fx.roundId}`, { authorization: auth.station });
    expect(own.body.items.map((s: { id: string }) => s.id)).toEqual([fx.stationA]);
  });

  /**
   * Each write route: how an attempt by one caller is made. An attempt the matrix expects to succeed
   * gets a target of its own in the right state (a new station in the stage the action needs, a new
   * round, token or district); a refused one aims at the shared targets and says what it must leave
   * unchanged.
   */
  function writes(): Record<string, (caller: Caller, allowed: boolean) => Promise<Attempt>> {
    const roundState = () => w.roundState(fx.roundId);
    const roundStations = () => w.roundStations(fx.roundId);
    const tokenList = () => w.ok('GET', '/api/tokens');
    const stationAction =
      (path: string, stage: ReachableStage, body: unknown, action: string, toStage: string) =>
      async (caller: Caller, allowed: boolean): Promise<Attempt> => {
        if (!allowed) return { path: `/api/stations/${fx.stationA}/${path}`, json: body, observe: () => w.stationState(fx.stationA) };
        const id = await w.station(fx.roundId, stage);
        const own = caller === 'station' ? await w.token('station', { stationId: id }) : null;
        return {
          path: `/api/stations/${id}/${path}`,
          json: body,
          as: own ? { authorization: bearer(own.token), tokenId: own.id } : undefined,
          audit: () => ({ action: `station.${action}`, targetId: id, fromStage: stage, toStage }),
        };
      };
    const roundAction =
      (path: string, body: unknown, action: string, publishFirst = false) =>
      async (_caller: Caller, allowed: boolean): Promise<Attempt> => {
        if (!allowed) return { path: `/api/rounds/${fx.roundId}/${path}`, json: body, observe: roundState };
        const id = await w.round();
        if (publishFirst) await w.ok('POST', `/api/rounds/${id}/publication`, {});
        return { path: `/api/rounds/${id}/${path}`, json: body, audit: () => ({ action, targetId: id }) };
      };
    const later = new Date(Date.now() + 400 * 86_400_000).toISOString();
    const userList = () => w.ok('GET', '/api/users');
    const panelOf = (roundId: string) => () => w.ok('GET', `/api/rounds/${roundId}/panel`);

    return {
      'POST /api/tokens': async (_c, allowed) =>
        allowed
          ? {
              path: '/api/tokens',
              json: { role: 'city', label: w.unique('新令牌') },
              audit: (r) => ({ action: 'token.create', targetId: r.body.id }),
            }
          : { path: '/api/tokens', json: { role: 'admin', label: '越权签发' }, observe: tokenList },
      'DELETE /api/tokens/{id}': async (_c, allowed) => {
        if (!allowed) return { path: `/api/tokens/${fx.spareTokenId}`, observe: tokenList };
        const { id } = await w.token('city');
        return { path: `/api/tokens/${id}`, audit: () => ({ action: 'token.revoke', targetId: id }) };
      },
      'POST /api/districts': async (_c, allowed) => {
        const code = `59${String(Date.now() + Math.floor(Math.random() * 1e6)).slice(-4)}`;
        const body = { code, name: `测试区${code}`, contacts: [] };
        if (!allowed) return { path: '/api/districts', json: body, observe: () => w.ok('GET', '/api/districts') };
        return { path: '/api/districts', json: body, audit: () => ({ action: 'district.create', targetId: code }) };
      },
      'PUT /api/districts/{code}/contacts': async (caller, allowed) => ({
        path: `/api/districts/${OWN_DISTRICT}/contacts`,
        json: {
          contacts: [{ name: allowed ? `${caller}写入` : '越权写入', email: allowed ? 'yuzhong@district.example' : 'refused@example.org' }],
        },
        ...(allowed
          ? { audit: () => ({ action: 'district.contacts_change', targetId: OWN_DISTRICT }) }
          : { observe: async () => (await w.ok('GET', '/api/districts')).find((d: { code: string }) => d.code === OWN_DISTRICT) }),
      }),
      'POST /api/rounds': async (_c, allowed) =>
        allowed
          ? { path: '/api/rounds', json: w.roundBody(), audit: (r) => ({ action: 'round.create', targetId: r.body.id }) }
          : {
              path: '/api/rounds',
              json: w.roundBody(),
              observe: async () => (await w.ok('GET', '/api/rounds')).map((r: { id: string }) => r.id),
            },
      'PATCH /api/rounds/{id}/deadlines': roundAction('deadlines', { promotion: later, reason: '市里重新发文' }, 'round.deadlines_change'),
      'POST /api/rounds/{id}/publication': roundAction('publication', { documentNo: '渝人社〔2030〕1号' }, 'round.publish'),
      'POST /api/rounds/{id}/promotion': roundAction('promotion', { summary: '总结推广经验' }, 'round.promote', true),
      'POST /api/rounds/{id}/applications': async (_c, allowed) => {
        const json = applicationForm(OWN_DISTRICT, w.unique(allowed ? '新申报站点' : '越权申报站点'));
        if (!allowed) return { path: `/api/rounds/${fx.roundId}/applications`, json, observe: roundStations };
        return {
          path: `/api/rounds/${fx.roundId}/applications`,
          json,
          audit: (r) => ({ action: 'station.apply', targetId: r.body.id, fromStage: null, toStage: 'recommendation' }),
        };
      },
      'POST /api/rounds/{id}/registrations': async (_c, allowed) => {
        const json = w.registrationForm(OWN_DISTRICT, w.unique(allowed ? '新登记站点' : '越权登记站点'));
        if (!allowed) return { path: `/api/rounds/${fx.starRoundId}/registrations`, json, observe: () => w.roundStations(fx.starRoundId) };
        return {
          path: `/api/rounds/${fx.starRoundId}/registrations`,
          json,
          audit: (r) => ({ action: 'station.apply', targetId: r.body.id, fromStage: null, toStage: 'self_score' }),
        };
      },
      'POST /api/stations/{id}/district-review': async (_c, allowed) => {
        const json = { items: { signage: true, mediationRoom: true }, note: '复评' };
        if (!allowed)
          return { path: `/api/stations/${fx.starStation}/district-review`, json, observe: () => w.stationState(fx.starStation) };
        const id = await w.starStation(fx.starRoundId, 'district_review');
        return {
          path: `/api/stations/${id}/district-review`,
          json,
          audit: () => ({ action: 'station.district_review', targetId: id, fromStage: 'district_review', toStage: 'city_rating' }),
        };
      },
      'POST /api/rounds/{id}/imports/applications': async (caller, allowed) => ({
        path: `/api/rounds/${fx.roundId}/imports/applications`,
        form: w.importForm(OWN_DISTRICT, w.unique('导入站点')),
        // a district token's rows of another district are refused one by one: nothing is created
        observe: !allowed || caller === 'otherDistrict' ? roundStations : undefined,
        audit: allowed ? () => ({ action: 'round.import_applications', targetId: fx.roundId }) : undefined,
      }),
      'POST /api/stations/{id}/submission': stationAction('submission', 'application', {}, 'submit', 'recommendation'),
      'POST /api/stations/{id}/recommendation': stationAction(
        'recommendation',
        'recommendation',
        { recommended: true },
        'recommend',
        'filing',
      ),
      'POST /api/stations/{id}/filing': stationAction('filing', 'filing', { filed: true, level: 'district' }, 'file', 'cultivation'),
      'POST /api/stations/{id}/self-assessment': stationAction(
        'self-assessment',
        'cultivation',
        { sixHaves: SIX_HAVES, summary: '自评' },
        'self_assess',
        'city_evaluation',
      ),
      'POST /api/stations/{id}/evaluation': stationAction('evaluation', 'city_evaluation', { passed: true }, 'evaluate', 'publication'),
      'POST /api/stations/{id}/withdrawal': stationAction('withdrawal', 'filing', { reason: '主动撤回' }, 'withdraw', 'closed'),
      'POST /api/stations/{id}/attachments': async (_c, allowed) => ({
        path: `/api/stations/${fx.stationA}/attachments`,
        form: pdfForm(),
        ...(allowed
          ? { audit: () => ({ action: 'attachment.upload', targetId: fx.stationA }) }
          : { observe: () => w.ok('GET', `/api/stations/${fx.stationA}/attachments`) }),
      }),
      'DELETE /api/attachments/{id}': async (_c, allowed) => {
        if (!allowed)
          return { path: `/api/attachments/${fx.attachmentA}`, observe: () => w.ok('GET', `/api/stations/${fx.stationA}/attachments`) };
        const own = await send(svc, 'POST', `/api/stations/${fx.stationA}/attachments`, {
          form: pdfForm(),
          authorization: bearer(svc.adminToken),
        });
        return { path: `/api/attachments/${own.body.id}`, audit: () => ({ action: 'attachment.delete', targetId: own.body.id }) };
      },
      'PATCH /api/stations/{id}/application': stationAction(
        'application',
        'application',
        { hostUnit: '修改后的承担单位' },
        'edit_application',
        'application',
      ),
      'POST /api/stations/{id}/return': stationAction(
        'return',
        'recommendation',
        { reason: '材料不全，退回修改' },
        'return',
        'application',
      ),
      'POST /api/stations/{id}/mid-term-review': stationAction(
        'mid-term-review',
        'cultivation',
        { sixHaves: SIX_HAVES, summary: '中期评估' },
        'mid_term_review',
        'cultivation',
      ),
      'POST /api/stations/{id}/comments': async (_c, allowed) => ({
        path: `/api/stations/${fx.stationA}/comments`,
        json: { text: allowed ? '请补充材料' : '越权留言' },
        ...(allowed
          ? { audit: () => ({ action: 'station.comment', targetId: fx.stationA }) }
          : { observe: () => w.ok('GET', `/api/stations/${fx.stationA}/comments`) }),
      }),
      'PUT /api/work-calendar/{year}': async (_c, allowed) => {
        const year = allowed ? '2040' : '2041';
        const json = { holidays: [`${year}-01-01`], adjustedWorkdays: [], source: '端到端测试' };
        if (!allowed) return { path: `/api/work-calendar/${year}`, json, observe: () => w.ok('GET', '/api/work-calendar') };
        return { path: `/api/work-calendar/${year}`, json, audit: () => ({ action: 'work_calendar.change', targetId: year }) };
      },
      'PUT /api/rounds/{id}/panel': async (_c, allowed) => {
        const json = { experts: [fx.expertId], perStation: 1, excludeSameDistrict: true };
        if (!allowed) return { path: `/api/rounds/${fx.roundId}/panel`, json: { ...json, perStation: 2 }, observe: panelOf(fx.roundId) };
        const id = await w.round();
        return { path: `/api/rounds/${id}/panel`, json, audit: () => ({ action: 'round.panel_set', targetId: id }) };
      },
      'POST /api/rounds/{id}/panel/assign': async (_c, allowed) => {
        if (!allowed) return { path: `/api/rounds/${fx.roundId}/panel/assign`, observe: panelOf(fx.roundId) };
        const id = await w.round();
        await w.ok('PUT', `/api/rounds/${id}/panel`, { experts: [fx.expertId], perStation: 1, excludeSameDistrict: true });
        return { path: `/api/rounds/${id}/panel/assign`, audit: () => ({ action: 'round.panel_assign', targetId: id }) };
      },
      'PUT /api/stations/{id}/experts': async (_c, allowed) => {
        const json = { experts: [fx.expertId] };
        if (!allowed) return { path: `/api/stations/${fx.stationA}/experts`, json, observe: () => w.stationState(fx.stationA) };
        const id = await w.station(fx.roundId, 'recommendation');
        return { path: `/api/stations/${id}/experts`, json, audit: () => ({ action: 'station.assign_experts', targetId: id }) };
      },
      'POST /api/stations/{id}/reviews': async () => ({
        path: `/api/stations/${fx.stationA}/reviews`,
        json: { sixHaves: SIX_HAVES, recommendation: 'pass' },
        observe: () => w.stationState(fx.stationA),
      }),
      'POST /api/users': async (_c, allowed) =>
        allowed
          ? { path: '/api/users', json: personBody(), audit: (r) => ({ action: 'user.create', targetId: r.body.id }) }
          : { path: '/api/users', json: personBody(), observe: userList },
      'PATCH /api/users/{id}': async (caller, allowed) => {
        if (!allowed) return { path: `/api/users/${fx.spareUserId}`, json: { displayName: '越权改名' }, observe: userList };
        const { id } = await w.ok('POST', '/api/users', personBody());
        return { path: `/api/users/${id}`, json: { displayName: `${caller}改名` }, audit: () => ({ action: 'user.update', targetId: id }) };
      },
      'POST /api/admin/reconcile': async (_c, allowed) => ({
        path: '/api/admin/reconcile',
        json: { roundId: fx.roundId, dryRun: true },
        ...(allowed ? { audit: () => ({ action: 'projection.reconcile', targetId: fx.roundId }) } : { observe: roundState }),
      }),
      'POST /api/admin/files/sweep': async (_c, allowed) => ({
        path: '/api/admin/files/sweep',
        json: { dryRun: true },
        ...(allowed ? { audit: () => ({ action: 'files.sweep', targetId: 'file-store' }) } : { observe: roundState }),
      }),
    };
  }

  it('lets authorised callers write, and audits it; a refused write changes nothing and is not audited', async () => {
    const cases = writes();
    expect(Object.keys(cases).sort()).toEqual(Object.keys(MATRIX).filter(isWrite).sort());
    const problems: string[] = [];
    for (const [route, attemptBy] of Object.entries(cases)) {
      const method = route.slice(0, route.indexOf(' '));
      for (const caller of CALLERS) {
        const want = expected(route, caller);
        const allowed = want < 300;
        const attempt = await attemptBy(caller, allowed);
        if (!allowed && !attempt.observe) throw new Error(`${route}: a refused attempt must say what it leaves unchanged`);
        const before = await attempt.observe?.();
        const auditBefore = await w.latestAuditId();
        const reply = await send(svc, method, attempt.path, {
          authorization: attempt.as?.authorization ?? auth[caller],
          json: attempt.json,
          form: attempt.form,
        });
        const problem = mismatch(route, caller, want, reply);
        if (problem) {
          problems.push(problem);
          continue;
        }
        if (attempt.observe) {
          const after = await attempt.observe();
          if (JSON.stringify(after) !== JSON.stringify(before))
            problems.push(`${route} as ${caller} (${reply.status}) changed ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
        }
        if (!allowed) {
          if ((await w.latestAuditId()) !== auditBefore) problems.push(`${route} as ${caller}: a refused attempt was audited`);
          continue;
        }
        const audit = attempt.audit!(reply);
        const line = (await w.ok('GET', `/api/audit?targetId=${encodeURIComponent(audit.targetId)}&limit=1`)).items[0];
        const wantLine = {
          tokenId: attempt.as?.tokenId ?? tokenIds[caller],
          role: caller === 'otherDistrict' ? 'district' : caller,
          ...audit,
        };
        const got = line && Object.fromEntries(Object.keys(wantLine).map((k) => [k, line[k]]));
        if (!line || line.id === auditBefore || JSON.stringify(got) !== JSON.stringify(wantLine)) {
          problems.push(
            `${route} as ${caller}: audit ${JSON.stringify(wantLine)} expected, newest line for the target is ${JSON.stringify(line)}`,
          );
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('logs every refusal with its route, the role and token id, and never a secret', async () => {
    await send(svc, 'POST', `/api/stations/${fx.stationA}/recommendation`, {
      authorization: auth.otherDistrict,
      json: { recommended: true },
    });
    await send(svc, 'GET', '/api/tokens', { authorization: auth.revoked });
    await send(svc, 'GET', '/api/tokens', { authorization: auth.malformed });
    const log = await eventually(
      async () => svc.output,
      (out) => out.includes(`caller revoked token ${tokenIds.revoked}`),
    );
    expect(log).toContain(
      `refused FORBIDDEN on POST /api/stations/:id/recommendation (/api/stations/${fx.stationA}/recommendation): caller district token ${tokenIds.otherDistrict}`,
    );
    expect(log).toContain(`refused FORBIDDEN on GET /api/tokens: caller city token ${tokenIds.city}`);
    expect(log).toContain('refused UNAUTHENTICATED on GET /api/tokens: caller an unknown or malformed token');
    expect(log).toContain('refused UNAUTHENTICATED on GET /api/me: caller no token');
    for (const secret of secrets) expect(log).not.toContain(secret);
  });

  it('lists the audit log newest first, by target and action, page by page', async () => {
    const all = await w.ok('GET', '/api/audit?limit=200');
    const ids = all.items.map((l: { id: number }) => l.id);
    expect(ids).toEqual([...ids].sort((a: number, b: number) => b - a));
    expect(all.items[0]).toEqual({
      id: expect.any(Number),
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      tokenId: expect.any(String),
      userId: null,
      actor: expect.any(String),
      role: expect.any(String),
      action: expect.any(String),
      targetType: expect.any(String),
      targetId: expect.anything(),
      fromStage: null,
      toStage: null,
      details: expect.anything(),
    });

    const recommendations = all.items.filter((l: { action: string }) => l.action === 'station.recommend');
    expect(recommendations.length).toBeGreaterThanOrEqual(2);
    const first = await w.ok('GET', '/api/audit?action=station.recommend&limit=1');
    expect(first.items).toEqual([recommendations[0]]);
    const second = await w.ok('GET', `/api/audit?action=station.recommend&limit=1&cursor=${first.nextCursor}`);
    expect(second.items).toEqual([recommendations[1]]);
    expect(recommendations[0]).toMatchObject({
      targetType: 'station',
      fromStage: 'recommendation',
      toStage: 'filing',
      details: { recommended: true },
    });

    // A station's lines: how it was applied for, by whom (the files and comments added to it have lines of their own).
    const stationLines = await w.ok('GET', `/api/audit?targetId=${fx.stationA}&limit=200`);
    expect(new Set(stationLines.items.map((l: { action: string }) => l.action))).toEqual(
      new Set(['station.apply', 'attachment.upload', 'station.comment']),
    );
    expect(stationLines.items.filter((l: { action: string }) => l.action === 'station.apply')).toEqual([
      expect.objectContaining({
        action: 'station.apply',
        tokenId: 'admin',
        role: 'admin',
        actor: '管理员',
        fromStage: null,
        toStage: 'recommendation',
      }),
    ]);
    // The token created for the city office is logged without its secret.
    const created = await w.ok('GET', `/api/audit?targetId=${tokenIds.city}`);
    expect(created.items).toEqual([
      expect.objectContaining({ action: 'token.create', details: expect.objectContaining({ role: 'city' }) }),
    ]);
    expect(JSON.stringify(all)).not.toMatch(/st_[A-Za-z0-9_-]{20,}/);
  });
});
