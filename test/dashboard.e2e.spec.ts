import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { defaultServiceCutoff, HAVE_KEYS, parseDeadline, SIX_HAVES } from '@app/domain';
import { applicationForm, RunningService } from './support/service';
import { addDays, shanghaiToday } from './support/dates';

jest.setTimeout(300_000);

/**
 * The office dashboard in headless Chromium against the real service: signing in per role, what
 * each role sees and may do, a station walked from application to the published list by clicking,
 * validation errors shown in place, and screenshots of each main page at desktop and phone width.
 */
const SHOTS = path.resolve(__dirname, '../test-output/dashboard');
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const UI_WAIT = 20_000;

describe('the office dashboard', () => {
  let svc: RunningService;
  let browser: BrowserContext;
  let profile: string;
  let roundId: string;
  const tokens: Record<'yz' | 'jb' | 'city', string> = { yz: '', jb: '', city: '' };
  const ids: Record<'B' | 'C', string> = { B: '', C: '' };
  let stationA = '';
  /** the round's service cut-off (YYYY-MM-DD), as the API chose it */
  let serviceCutoff = '';
  /** Console errors and page errors of every page (a CSP violation shows up here). */
  const problems: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    svc = new RunningService();
    await svc.start();
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-chromium-'));
    browser = await launchChromium(profile, { timezoneId: 'Europe/London' });

    // A round whose recommendation deadline passes during the test (so that one station turns
    // overdue), the other steps weeks and months ahead.
    const t0 = Date.now();
    const at = (s: number) => new Date(t0 + s * 1000).toISOString();
    const day = 86_400;
    const round = await svc.request('POST', '/api/rounds', {
      code: `dashboard-${t0}`,
      name: '2025年基层劳动关系公共服务站点培育',
      programme: 'six-haves',
      deadlines: {
        recommendation: at(45),
        filing: at(10 * day),
        selfAssessmentOpens: at(40 * day),
        selfAssessment: at(60 * day),
        cityEvaluation: at(80 * day),
        publication: at(95 * day),
        promotion: at(120 * day),
      },
      cityContacts: [{ name: '市三方办', email: 'city@example.org' }],
    });
    expect(round.status).toBe(201);
    roundId = round.body.id;
    serviceCutoff = round.body.serviceCutoff;
    const issue = async (role: string, label: string, extra: Record<string, string> = {}) => {
      const r = await svc.request('POST', '/api/tokens', { role, label, ...extra });
      expect(r.status).toBe(201);
      return r.body.token as string;
    };
    tokens.yz = await issue('district', '渝中区人社局', { districtCode: '500103' });
    tokens.jb = await issue('district', '江北区人社局', { districtCode: '500105' });
    tokens.city = await issue('city', '市三方办');
    const apply = async (district: string, token: string, name: string) => {
      const r = await svc.request('POST', `/api/rounds/${roundId}/applications`, applicationForm(district, name), token);
      expect(r.status).toBe(201);
      return r.body.id as string;
    };
    ids.B = await apply('500103', tokens.yz, '朝天门职工之家');
    ids.C = await apply('500105', tokens.jb, '观音桥调解工作室');
  });

  afterAll(async () => {
    await browser?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
    await svc?.cleanup();
  });

  async function openPage(): Promise<Page> {
    const page = await browser.newPage();
    page.on('console', (m) => {
      // Chromium logs every 4xx answer; the forms below provoke some on purpose.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    return page;
  }

  /** The token sign-in, under "使用访问令牌" below the people's user-name form. */
  async function signIn(page: Page, token: string): Promise<void> {
    await page.goto(`${svc.baseUrl}/`);
    await page.getByText('使用访问令牌').click();
    await page.fill('#token', token);
    await page.getByRole('button', { name: '用令牌登录' }).click();
    await page.getByTestId('who').waitFor();
  }

  /** A full-page screenshot at 1366×768 and at phone width. */
  async function shoot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(SHOTS, `${name}-desktop.png`), fullPage: true });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: path.join(SHOTS, `${name}-phone.png`), fullPage: true });
    await page.setViewportSize(DESKTOP);
  }

  const status = (page: Page) => page.getByTestId('station-status');
  const action = (page: Page, type: string) => page.locator(`form[data-form="${type}"]`);
  const field = (form: Locator, name: string) => form.locator(`[data-field="${name}"]`);
  async function open(page: Page, hash: string, ready: string): Promise<void> {
    await page.goto(`${svc.baseUrl}/#${hash}`);
    await page.locator(ready).first().waitFor({ timeout: UI_WAIT });
  }

  it('serves the page with a strict Content-Security-Policy and tells each token who it is', async () => {
    const res = await fetch(`${svc.baseUrl}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https:|http:/);
    expect((await fetch(`${svc.baseUrl}/assets/main.js`)).headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${svc.baseUrl}/assets/..%2Fdashboard.controller.js`)).status).toBe(404);

    expect((await svc.request('GET', '/api/me', undefined, tokens.yz)).body).toEqual({
      role: 'district',
      districtCode: '500103',
      label: '渝中区人社局',
      kind: 'token',
      userId: null,
    });
    expect((await svc.request('GET', '/api/me')).body).toEqual({ role: 'admin', label: '管理员', kind: 'token', userId: null });
    expect((await svc.request('GET', '/api/me', undefined, null)).status).toBe(401);
  });

  it('signs in with a token, refuses a bad one, and signs out', async () => {
    const page = await openPage();
    await page.goto(`${svc.baseUrl}/`);
    await page.locator('#username').waitFor();
    await shoot(page, '01-sign-in');
    await page.getByText('使用访问令牌').click();
    await page.fill('#token', 'st_not-a-token');
    await page.getByRole('button', { name: '用令牌登录' }).click();
    await expectText(page.locator('#token-error'), '令牌无效');
    expect(await page.evaluate('sessionStorage.length')).toBe(0);

    await signIn(page, tokens.yz);
    expect(await page.getByTestId('who').textContent()).toBe('渝中区人社局');
    await page.getByRole('button', { name: '退出' }).click();
    await page.locator('#username').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await page.close();
  });

  it('a district sees its own district only, offers no round management, and applies through the page', async () => {
    const page = await openPage();
    await signIn(page, tokens.yz);
    // The landing page is the district's to-do list: B waits for its recommendation.
    await expectText(page.getByTestId('tasks'), '朝天门职工之家');
    expect(await page.getByTestId('tasks').textContent()).not.toContain('观音桥调解工作室');
    await open(page, `/rounds/${roundId}`, '[data-testid="timeline"]');
    expect(await page.locator('.gantt-today-label').textContent()).toContain('今天');
    expect(await page.locator('.gantt-row').count()).toBe(7);
    const board = page.getByTestId('board');
    expect(await board.locator('tbody tr').count()).toBe(1);
    expect(await board.locator('tbody tr').getAttribute('data-district')).toBe('500103');
    expect(await board.textContent()).not.toContain('江北区');
    for (const hidden of ['批次管理', '发布名单', '调整截止日期', '邮件外发箱', '新建批次'])
      expect(await page.getByText(hidden).count()).toBe(0);
    await shoot(page, '02-round-district');

    // Another district's station does not exist for this district, neither by link nor in the list.
    await open(page, `/stations/${ids.C}`, '[data-testid="not-found"]');
    await open(page, `/rounds/${roundId}/stations`, '.station-link');
    expect(await page.locator('.station-link').allTextContents()).toEqual(['朝天门职工之家']);

    // The application form: required fields are asked for in place, an ineligible station is
    // refused with the API's reasons next to the field, and a good one becomes a station.
    await page.getByRole('link', { name: '新建申报' }).click();
    const form = action(page, 'application');
    await form.waitFor();
    await form.getByRole('button', { name: '提交申报' }).click();
    await expectText(field(form, 'stationName').locator('.field-error'), '请填写此项');
    // Thirty days of service at the round's cut-off: short of a year whatever rule chose the
    // cut-off, and neither after it nor in the future, on any day the spec runs.
    const recent = addDays(serviceCutoff, -30);
    await fillApplication(form, { establishedOn: recent, workerVisitsServed: '10' });
    await form.getByRole('button', { name: '提交申报' }).click();
    await expectText(field(form, 'workerVisitsServed').locator('.field-error'), '1000');
    expect(await field(form, 'stationName').locator('.field-error').isHidden()).toBe(true);
    await expectText(form.locator('.form-alert'), '不符合申报条件');
    await shoot(page, '03-application-errors');
    await form.locator('[data-field="establishedOn"] input').fill('2021-05-01');
    await form.locator('[data-field="workerVisitsServed"] input').fill('1500');
    await form.getByRole('button', { name: '提交申报' }).click();
    await page.locator('[data-station]').waitFor({ timeout: UI_WAIT });
    stationA = (await page.locator('[data-station]').getAttribute('data-station'))!;
    await expectText(status(page), '择优推荐');
    expect(await page.locator('h1').textContent()).toBe('解放碑劳动关系服务站');

    // The district recommends; filing is the city's, so the district is offered no filing form.
    expect(await action(page, 'file').count()).toBe(0);
    const recommend = action(page, 'recommend');
    await recommend.getByLabel('择优推荐').check();
    await recommend.getByLabel('说明').fill('材料齐全，推荐市级培育');
    await recommend.getByRole('button', { name: '提交推荐意见' }).click();
    await expectText(status(page), '备案');
    await expectText(page.getByTestId('waiting-for'), '市三方办：市级备案');
    expect(await action(page, 'recommend').count()).toBe(0);
    await page.close();
  });

  it('a district declines a station only with a reason and after confirming', async () => {
    const page = await openPage();
    await signIn(page, tokens.jb);
    await open(page, `/stations/${ids.C}`, 'form[data-form="recommend"]');
    const recommend = action(page, 'recommend');
    await recommend.getByLabel('不予推荐').check();
    await recommend.getByRole('button', { name: '提交推荐意见' }).click();
    await expectText(field(recommend, 'note').locator('.field-error'), '不予推荐须填写理由');
    await recommend.getByLabel('说明').fill('服务台账不完整，本批次不予推荐');
    await recommend.getByRole('button', { name: '提交推荐意见' }).click();
    await page.getByTestId('confirm').waitFor();
    await expectText(page.getByTestId('confirm'), '服务台账不完整');
    await shoot(page, '05a-confirm-not-recommended');
    await page.locator('[data-confirm="no"]').click();
    expect((await svc.request('GET', `/api/stations/${ids.C}`)).body.stage).toBe('recommendation');
    await recommend.getByRole('button', { name: '提交推荐意见' }).click();
    await page.locator('[data-confirm="yes"]').click();
    await expectText(status(page), '未获推荐');
    await page.close();
  });

  it('the city sees every district, follows an overdue count to the filtered list, and files the station', async () => {
    const page = await openPage();
    await signIn(page, tokens.city);
    await open(page, `/rounds/${roundId}`, '[data-testid="board"]');
    const board = page.getByTestId('board');
    expect(await board.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-district')))).toEqual([
      '500103',
      '500105',
    ]);
    // B is never recommended: once the recommendation deadline passes its cell turns overdue.
    const overdueCell = board.locator('tr[data-district="500103"] td[data-stage="recommendation"].is-overdue');
    for (let i = 0; (await overdueCell.count()) === 0; i++) {
      if (i > 90) throw new Error('the overdue station never showed on the board');
      await page.waitForTimeout(1000);
      await page.reload();
      await board.waitFor();
    }
    expect(await page.locator('[data-action="publication"]').count()).toBe(1);
    expect(await page.getByRole('link', { name: '邮件外发箱' }).count()).toBe(1);
    // The reminder plan: every checkpoint of the round with its send time.
    const plan = page.getByTestId('reminder-plan');
    await plan.locator('tbody tr').first().waitFor();
    expect(await plan.locator('tbody tr').count()).toBeGreaterThan(0);
    await expectText(plan.locator('tbody tr').first(), '截止');
    await shoot(page, '04-round-city');

    await overdueCell.getByRole('link', { name: '逾期 1' }).click();
    await page.locator('.station-link').first().waitFor();
    const query = new URLSearchParams(new URL(page.url()).hash.split('?')[1]);
    expect(Object.fromEntries(query)).toEqual({ districtCode: '500103', stage: 'recommendation', overdue: 'true' });
    expect(await page.locator('.station-link').allTextContents()).toEqual(['朝天门职工之家']);
    expect(await page.locator('tr.is-overdue').count()).toBe(1);
    await shoot(page, '05-stations-overdue');
    await page.locator('#filter-overdue').uncheck();
    await page.waitForURL((u) => !u.hash.includes('overdue'));
    await page.selectOption('#filter-stage', '');
    await page.locator('.station-link').nth(1).waitFor();
    expect((await page.locator('.station-link').allTextContents()).sort()).toEqual(['朝天门职工之家', '解放碑劳动关系服务站']);

    await open(page, `/stations/${stationA}`, '[data-station]');
    expect(await page.getByTestId('workflow').count()).toBe(0);
    expect(await action(page, 'recommend').count()).toBe(0);
    const file = action(page, 'file');
    await file.getByLabel('予以备案').check();
    await file.getByLabel('市级', { exact: true }).check();
    await file.getByRole('button', { name: '提交备案意见' }).click();
    await expectText(status(page), '培育');
    await expectText(status(page), '市级');
    await page.close();
  });

  it("the district self-assesses against the six haves, with the API's validation errors in place", async () => {
    const page = await openPage();
    await signIn(page, tokens.yz);
    // The to-do list: B's overdue recommendation first.
    await page.getByTestId('tasks-overdue').waitFor({ timeout: UI_WAIT });
    expect(await page.locator('[data-task]').first().getAttribute('data-task')).toBe(ids.B);
    await expectText(page.getByTestId('tasks-overdue'), '区县推荐：朝天门职工之家');
    await shoot(page, '05b-district-todo');
    await open(page, `/stations/${stationA}`, 'form[data-form="self_assess"]');
    const form = action(page, 'self_assess');
    for (const key of HAVE_KEYS) {
      await field(form, `sixHaves.${key}.status`).getByLabel('达到', { exact: true }).check();
      await field(form, `sixHaves.${key}.evidence`).locator('textarea').fill(`${key}：已达标，见台账`);
    }
    // Too long for the domain (2,000 characters): only the API knows, and says so at the field.
    await field(form, 'sixHaves.platform.evidence').locator('textarea').fill('场'.repeat(2001));
    await form.getByLabel('自评总结').fill('六有基本达标');
    await form.getByRole('button', { name: '提交自评' }).click();
    const platformLabel = SIX_HAVES.find((h) => h.key === 'platform')!.label;
    await expectText(field(form, 'sixHaves.platform.evidence').locator('.field-error'), `“${platformLabel}”的佐证说明不能超过 2000 字`);
    expect(await field(form, 'sixHaves.team.evidence').locator('.field-error').isHidden()).toBe(true);
    expect(await field(form, 'sixHaves.platform.evidence').locator('textarea').getAttribute('aria-invalid')).toBe('true');
    await expectText(status(page), '培育'); // nothing was recorded
    await shoot(page, '06-station-district-self-assessment');

    await field(form, 'sixHaves.platform.evidence').locator('textarea').fill('有固定办公场所 120 平方米');
    await form.getByRole('button', { name: '提交自评' }).click();
    await expectText(status(page), '培育评估');
    expect(await action(page, 'evaluate').count()).toBe(0);
    await page.close();
  });

  it('the city evaluates and publishes the list; the station is listed with its history', async () => {
    const page = await openPage();
    await signIn(page, tokens.city);
    await open(page, `/stations/${stationA}`, 'form[data-form="evaluate"]');
    const evaluate = action(page, 'evaluate');
    // each have as the city found it (the station's self-assessment is the starting point)
    for (const key of HAVE_KEYS) await field(evaluate, `sixHaves.${key}.evidence`).locator('textarea').fill('现场核实达标');
    await evaluate.getByLabel('通过', { exact: true }).check();
    await evaluate.getByLabel('评估意见').fill('六有达标，同意列入名单');
    await evaluate.getByRole('button', { name: '提交评估结论' }).click();
    await expectText(status(page), '名单发布');

    await open(page, `/rounds/${roundId}`, '[data-action="publication"]');
    await page.locator('[data-action="publication"] > summary').click();
    const publication = action(page, 'publication');
    await publication.getByLabel('发布文号').fill('渝人社〔2025〕100号');
    await publication.getByRole('button', { name: '确认发布名单' }).click();
    await expectText(page.locator('.page-head'), '名单已发布');
    expect(await page.locator('[data-action="publication"]').count()).toBe(0);
    expect(await page.locator('[data-action="promotion"]').count()).toBe(1);

    // The exports download with the sign-in, under the server's file names; the list prints.
    const save = async (testid: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-download="${testid}"]`).click()]);
      return { name: file.suggestedFilename(), text: fs.readFileSync((await file.path())!, 'utf8') };
    };
    const summary = await save('summary-csv');
    expect(summary.name).toMatch(/\.csv$/);
    expect(summary.text).toContain('解放碑劳动关系服务站');
    const listed = await save('published-csv');
    expect(listed.text).toContain('解放碑劳动关系服务站');
    expect(listed.text).not.toContain('观音桥调解工作室');
    await open(page, `/rounds/${roundId}/print/published`, '[data-print-kind="published"] table');
    expect(await page.locator('.print-group h2').allTextContents()).toEqual(['市级站点（1 个）']);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(SHOTS, '07a-published-list-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    await open(page, `/stations/${stationA}`, '[data-station]');
    await expectText(status(page), '已入选名单');
    await expectText(status(page), '市级');
    const history = await page
      .locator('table:has(caption:text("按时间先后")) tbody tr')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(1, 3).map((td) => td.textContent)));
    // (on a slow machine the system may have marked a step overdue in between)
    history.splice(0, history.length, ...history.filter(([, who]) => who !== '系统（系统）'));
    expect(history).toEqual([
      ['提交申报', '渝中区人社局（区县）'],
      ['区县推荐', '渝中区人社局（区县）'],
      ['市级备案', '市三方办（市三方办）'],
      ['提交自评', '渝中区人社局（区县）'],
      ['培育评估', '市三方办（市三方办）'],
      ['名单发布', '市三方办（市三方办）'],
    ]);
    await shoot(page, '07-station-city-listed');
    await page.close();
  });

  it('the city moves a deadline with a reason; a date out of order is refused at its field', async () => {
    const page = await openPage();
    await signIn(page, tokens.city);
    await open(page, `/rounds/${roundId}`, '[data-action="deadlines"]');
    await page.locator('[data-action="deadlines"] > summary').click();
    const form = action(page, 'deadlines');
    await form.getByRole('button', { name: '保存调整' }).click();
    await expectText(field(form, 'reason').locator('.field-error'), '请填写此项');

    const publication = await field(form, 'publication').locator('input').inputValue();
    await field(form, 'publication').locator('input').fill('2020-01-01');
    await field(form, 'reason').locator('textarea').fill('根据补充通知调整');
    await form.getByRole('button', { name: '保存调整' }).click();
    await expectText(field(form, 'publication').locator('.field-error'), '早于');
    await expectText(form.locator('.form-alert'), '截止日期无效');

    const later = new Date(Date.now() + 200 * 86_400_000);
    const shanghaiDate = new Date(later.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    await field(form, 'publication').locator('input').fill(publication);
    await field(form, 'promotion').locator('input').fill(shanghaiDate);
    await form.getByRole('button', { name: '保存调整' }).click();
    const changes = page.locator('section.card', { has: page.getByRole('heading', { name: '截止日期调整记录' }) });
    await expectText(changes, '根据补充通知调整');
    expect(await changes.textContent()).toContain(`总结推广：`);
    expect(await changes.textContent()).toContain(`${shanghaiDate} 23:59`);
    expect((await svc.request('GET', `/api/rounds/${roundId}`)).body.changes.at(-1).reason).toBe('根据补充通知调整');
    await page.close();
  });

  it('the city creates a round through the page', async () => {
    const page = await openPage();
    await signIn(page, tokens.city);
    await page.getByRole('link', { name: '新建批次' }).click();
    const form = action(page, 'new-round');
    await form.waitFor();
    // Today read once: the dates typed and the text expected back agree even across Shanghai midnight.
    const today = shanghaiToday();
    const shanghaiDate = (days: number) => addDays(today, days);
    await field(form, 'name').locator('input').fill('2026年站点培育（第二批）');
    await field(form, 'code').locator('input').fill(`dashboard-second-${Date.now()}`);
    const dates: Record<string, number> = {
      recommendation: 30,
      selfAssessment: 200,
      cityEvaluation: 230,
      publication: 260,
      promotion: 290,
    };
    for (const [key, days] of Object.entries(dates)) await field(form, `deadlines.${key}`).locator('input').fill(shanghaiDate(days));
    // the cut-off is pre-filled from the recommendation date, as the API would default it
    const cutoff = defaultServiceCutoff(parseDeadline(shanghaiDate(30)).toISOString());
    expect(await field(form, 'serviceCutoff').locator('input').inputValue()).toBe(cutoff);
    await field(form, 'cityContacts.0.name').locator('input').fill('市三方办');
    await field(form, 'cityContacts.0.email').locator('input').fill('not-an-email');
    await form.getByRole('button', { name: '创建批次' }).click();
    await expectText(field(form, 'cityContacts.0.email').locator('.field-error'), '电子邮箱');
    await field(form, 'cityContacts.0.email').locator('input').fill('city@example.org');
    await form.getByRole('button', { name: '创建批次' }).click();
    await page.getByRole('heading', { name: '2026年站点培育（第二批）' }).waitFor({ timeout: UI_WAIT });
    await expectText(page.getByTestId('service-cutoff'), `服务年限计至 ${cutoff}`);
    await expectText(page.getByTestId('timeline').locator('[data-step="promotion"]'), `截止 ${shanghaiDate(290)} 23:59`);
    expect(await page.getByText('本批次尚无申报站点').count()).toBe(1);
    expect(await page.locator('.picker option').count()).toBe(2);
    await page.close();
  });

  it('a station token sees its own station and round calendar, without the board or other stations', async () => {
    const issued = await svc.request('POST', '/api/tokens', { role: 'station', stationId: stationA, label: '解放碑劳动关系服务站' });
    const page = await openPage();
    await signIn(page, issued.body.token);
    await page.getByTestId('tasks').waitFor({ timeout: UI_WAIT });
    await page.getByRole('link', { name: '本站点', exact: true }).click();
    await page.locator(`[data-station="${stationA}"]`).waitFor({ timeout: UI_WAIT });
    expect(await page.getByRole('link', { name: '本站点' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: '站点列表' }).count()).toBe(0);
    expect(await page.locator('.action').count()).toBe(0);
    await page.getByRole('link', { name: '批次概览' }).click();
    await page.getByTestId('timeline').waitFor();
    expect(await page.getByTestId('board').count()).toBe(0);
    await open(page, `/stations/${ids.B}`, '[data-testid="not-found"]');
    await page.close();
  });

  it('an admin sees the workflow behind a station and a link into the Temporal UI', async () => {
    const page = await openPage();
    await signIn(page, svc.adminToken);
    await open(page, `/stations/${stationA}`, '[data-testid="temporal-ui"]');
    expect(await page.getByTestId('workflow-status').textContent()).toBe('RUNNING');
    const href = (await page.getByTestId('temporal-ui').getAttribute('href'))!;
    expect(href).toMatch(new RegExp(`^http://localhost:\\d+/namespaces/default/workflows/station-${stationA}$`));
    expect(await page.getByTestId('temporal-ui').getAttribute('rel')).toContain('noopener');
    await shoot(page, '08-station-admin-workflow');
    await page.goto(`${svc.baseUrl}/#/outbox`);
    await page.getByRole('heading', { name: '邮件外发箱' }).waitFor();
    await shoot(page, '09-outbox');
    await page.close();
  });

  it('the pages ran without script errors or Content-Security-Policy violations', () => {
    expect(problems).toEqual([]);
  });
});

async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: UI_WAIT });
}

async function fillApplication(form: Locator, overrides: { establishedOn: string; workerVisitsServed: string }): Promise<void> {
  const text: Record<string, string> = {
    stationName: '解放碑劳动关系服务站',
    hostUnit: '解放碑街道总工会',
    address: '重庆市渝中区解放碑街道民族路1号',
    'contact.name': '李四',
    'contact.phone': '023-63001234',
    'contact.email': 'lisi@example.org',
    establishedOn: overrides.establishedOn,
    workerVisitsServed: overrides.workerVisitsServed,
    services: '劳动法律宣传\n劳动争议调解',
    'cases.0.title': '调解欠薪纠纷',
    'cases.0.summary': '成功调解一起欠薪纠纷，涉及职工12人。',
  };
  for (const [name, value] of Object.entries(text)) await form.locator(`[data-field="${name}"]`).locator('input, textarea').fill(value);
  await form.locator('[data-field="incidentsInLastTwoYears"]').getByLabel('否').check();
}
