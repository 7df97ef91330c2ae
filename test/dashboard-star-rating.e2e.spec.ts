import * as path from 'node:path';
import { HANGZHOU_2024, HANGZHOU_DISTRICTS, scoreStation, StationScoreValues } from '@app/domain';
import { FIVE_STAR_SHEET, LOW_SHEET, NO_SHARED_COURT_SHEET, NO_TRIBUNAL_SHEET } from '@app/domain/testing';
import {
  dashboardStory,
  fieldOf as field,
  formOf as form,
  stationStatus as status,
  expectText,
  UI_WAIT,
  visibleEnglish,
} from './support/browser';
import { addDays, shanghaiToday } from './support/dates';
import { fillSheet } from './support/score-sheet';

jest.setTimeout(300_000);

const SHOTS = path.resolve(__dirname, '../test-output/dashboard-star-rating');
const XH = '330106'; // 西湖区
const BJ = '330108'; // 滨江区

/**
 * A Hangzhou star-rating round run through the dashboard alone, by the city union, two district
 * unions and a station: the round form with the programme's own dates, the registration form, the
 * three scorings computed live from the rubric, a star withheld and granted by the city with a
 * reason, a rating below three stars confirmed with a reason, publication, the exports as
 * authenticated downloads and the printed list. Screenshots under test-output/dashboard-star-rating.
 */
describe('a star-rating round through the dashboard', () => {
  const {
    svc,
    browser,
    who: offices,
  } = dashboardStory(SHOTS, {
    city: { role: 'city', label: '杭州市总工会劳动关系部' },
    xh: { role: 'district', districtCode: XH, label: '西湖区总工会' },
    bj: { role: 'district', districtCode: BJ, label: '滨江区总工会' },
  });
  // the station's own token is issued once it has applied
  const who = { ...offices, stationA: { token: '' } };
  let roundId = '';
  const ids = { A: '', B: '', C: '' };
  const today = shanghaiToday();

  const total = (values: StationScoreValues) => scoreStation(HANGZHOU_2024, values).total;

  it('the city creates a star-rating round with the programme’s own dates, not the six-haves ones', async () => {
    const page = await browser.page();
    await browser.signIn(page, who.city);
    await page.getByTestId('tasks').waitFor();
    await page.getByRole('link', { name: '新建批次' }).click();
    await page.getByTestId('programme-picker').getByLabel('服务站星级评定（杭州市）').check();
    const f = form(page, 'new-round');
    await field(f, 'deadlines.registration').waitFor();
    expect(await field(f, 'serviceCutoff').count()).toBe(0);
    expect(await field(f, 'deadlines.recommendation').count()).toBe(0);
    await field(f, 'name').locator('input').fill('2026年杭州市工会服务站星级评定');
    await field(f, 'code').locator('input').fill(`hz-star-${Date.now()}`);
    const dates = { registration: 20, selfScore: 40, districtReview: 55, cityRating: 70, publication: 80, promotion: 100 };
    for (const [key, days] of Object.entries(dates)) await field(f, `deadlines.${key}`).locator('input').fill(addDays(today, days));
    await field(f, 'cityContacts.0.name').locator('input').fill('市总工会劳动关系部');
    await field(f, 'cityContacts.0.email').locator('input').fill('city@hz.example.org');
    await browser.shoot(page, '01-new-star-round');
    await f.getByRole('button', { name: '创建批次' }).click();
    await page.getByRole('heading', { name: '2026年杭州市工会服务站星级评定' }).waitFor({ timeout: UI_WAIT });
    roundId = new URL(page.url()).hash.split('/')[2];
    const round = (await svc.request('GET', `/api/rounds/${roundId}`)).body;
    expect([round.programme, Object.keys(round.deadlines).sort(), round.starRating.exitAfterYears]).toEqual([
      'star-rating',
      ['cityRating', 'districtReview', 'promotion', 'publication', 'registration', 'selfScore'],
      3,
    ]);
    await expectText(page.getByTestId('timeline'), '登记');
    await page.close();
  });

  it('districts register their stations with the registration form (登记表), with earlier years for the exit rule', async () => {
    const page = await browser.page();
    await browser.signIn(page, who.xh);
    await browser.open(page, `/rounds/${roundId}`, '[data-testid="timeline"]');
    await page.getByRole('link', { name: '新建申报' }).click();
    const f = form(page, 'registration');
    await f.waitFor();
    // a district registers for its own district only; there is no six-haves eligibility or case
    expect(await field(f, 'districtCode').locator('option').allTextContents()).toEqual(['西湖区']);
    expect(await field(f, 'cases.0.title').count()).toBe(0);
    const register = async (name: string, prior: string[] = []) => {
      await field(f, 'stationName').locator('input').fill(name);
      await field(f, 'address').locator('input').fill('杭州市西湖区文三路1号');
      await field(f, 'contact.name').locator('input').fill('王五');
      await field(f, 'contact.phone').locator('input').fill('13800000000');
      await field(f, 'area').locator('input').fill('120');
      await field(f, 'services').locator('textarea').fill('劳动争议调解\n法律咨询');
      await field(f, 'rulesInPlace').locator('textarea').fill('调解工作制度、值班制度');
      for (const [i, stars] of prior.entries()) await field(f, `priorRatings.${i}.stars`).locator('select').selectOption({ label: stars });
      await f.getByRole('button', { name: '提交登记' }).click();
      await page.locator('[data-station]').waitFor({ timeout: UI_WAIT });
      await expectText(status(page), '星级自评');
      return (await page.locator('[data-station]').getAttribute('data-station'))!;
    };
    await browser.shoot(page, '02-registration-form');
    ids.A = await register('西溪劳动关系服务站');
    await browser.shoot(page, '03-station-registered');
    await browser.open(page, `/rounds/${roundId}/apply`, 'form[data-form="registration"]');
    ids.C = await register('留下调解工作室', ['未达星级', '未达星级']);
    expect((await svc.request('GET', `/api/stations/${ids.C}`)).body.starRating.priorRatings).toHaveLength(2);
    expect(await visibleEnglish(page)).toEqual([]);
    await page.close();

    const bj = await browser.page();
    await browser.signIn(bj, who.bj);
    await browser.open(bj, `/rounds/${roundId}/apply`, 'form[data-form="registration"]');
    const g = form(bj, 'registration');
    await field(g, 'stationName').locator('input').fill('滨江职工服务站');
    await field(g, 'address').locator('input').fill('杭州市滨江区江南大道1号');
    await field(g, 'contact.name').locator('input').fill('赵六');
    await field(g, 'contact.phone').locator('input').fill('13900000000');
    await field(g, 'services').locator('textarea').fill('劳动争议调解');
    await g.getByRole('button', { name: '提交登记' }).click();
    await bj.locator('[data-station]').waitFor({ timeout: UI_WAIT });
    ids.B = (await bj.locator('[data-station]').getAttribute('data-station'))!;
    await bj.close();

    // The city's district filter offers the round's city's districts, by code.
    const city = await browser.page();
    await browser.signIn(city, who.city);
    await browser.open(city, `/rounds/${roundId}/stations`, '.station-link');
    const options = await city.locator('#filter-district option').allTextContents();
    expect(options).toEqual(['全部区县', ...HANGZHOU_DISTRICTS.map((d) => d.name)]);
    await city.close();
  });

  it('the page scores a sheet exactly as the domain does', async () => {
    const page = await browser.page();
    await browser.signIn(page, who.xh);
    const sheets = [FIVE_STAR_SHEET, NO_TRIBUNAL_SHEET, NO_SHARED_COURT_SHEET, LOW_SHEET, { items: {} }];
    // the rubric as the page gets it, from the programmes endpoint
    const rubric = (await svc.request('GET', '/api/programmes/star-rating', undefined, who.xh.token)).body.evaluation.rubricDefinition;
    // (a string, so that the module is imported by the page, not compiled by the test runner)
    const page0 = (await page.evaluate(`import('/assets/rubric-score.js').then((m) => ${JSON.stringify(sheets)}.map((values) => {
      const r = m.scoreSheet(${JSON.stringify(rubric)}, values);
      return { total: r.total, stars: r.stars, sections: r.sections.map((s) => s.capped), blocked: r.blocked.map((b) => b.stars) };
    }))`)) as unknown[];
    expect(page0).toEqual(
      sheets.map((values) => {
        const r = scoreStation(HANGZHOU_2024, { ...values, facts: { ...values.facts } });
        return {
          total: r.total,
          stars: r.stars,
          sections: r.sections.map((s) => s.capped),
          blocked: (r.blockedStars ?? []).map((b) => b.stars),
        };
      }),
    );
    await page.close();
  });

  it('the station scores itself, the district re-scores, the city rates: each form scored live from the rubric', async () => {
    // The station's own account: its to-do list leads to its self-score.
    const issued = await svc.request('POST', '/api/tokens', { role: 'station', stationId: ids.A, label: '西溪劳动关系服务站' });
    who.stationA.token = issued.body.token;
    const page = await browser.page();
    await browser.signIn(page, who.stationA);
    await expectText(page.getByTestId('tasks'), '星级自评：西溪劳动关系服务站');
    await page.getByRole('link', { name: '星级自评：西溪劳动关系服务站' }).click();
    const self = form(page, 'self_score');
    await self.waitFor({ timeout: UI_WAIT });
    await fillSheet(self, FIVE_STAR_SHEET);
    await expectText(page.getByTestId('score-total'), `${total(FIVE_STAR_SHEET)} 分`);
    expect(await page.getByTestId('score-stars').getAttribute('data-stars')).toBe('5');
    // the hardware section is capped at its maximum, and says so
    await expectText(self.locator('[data-section-total="hardware"]'), '超过本部分上限');
    // a count that is not a whole number is refused in place, before anything is sent
    await self.locator('[data-item="lectures"] input').fill('2.5');
    await expectText(self.locator('[data-item="lectures"] .field-error'), '应为整数');
    await self.getByRole('button', { name: '提交自评' }).click();
    await expectText(self.locator('.form-alert'), '请更正');
    await self.locator('[data-item="lectures"] input').fill('25');
    await browser.shoot(page, '04-self-score-station');
    await self.getByRole('button', { name: '提交自评' }).click();
    await expectText(status(page), '区县复评');
    await page.close();

    const xh = await browser.page();
    await browser.signIn(xh, who.xh);
    await browser.open(xh, `/stations/${ids.A}`, 'form[data-form="district_review"]');
    const review = form(xh, 'district_review');
    // the re-score starts from the self-score
    await expectText(xh.getByTestId('score-total'), `${total(FIVE_STAR_SHEET)} 分`);
    await review.locator('[data-item="disputesMediated"] input').fill('40');
    const lower = { ...FIVE_STAR_SHEET, items: { ...FIVE_STAR_SHEET.items, disputesMediated: 40 } };
    await expectText(xh.getByTestId('score-total'), `${total(lower)} 分`);
    await review.getByLabel('复评意见').fill('经核实调处案件40件');
    await review.getByRole('button', { name: '提交复评' }).click();
    await expectText(status(xh), '星级评定');
    // C: the district scores a weak station for it and re-scores it
    await browser.open(xh, `/stations/${ids.C}`, 'form[data-form="self_score"]');
    await fillSheet(form(xh, 'self_score'), LOW_SHEET);
    await form(xh, 'self_score').getByRole('button', { name: '提交自评' }).click();
    await form(xh, 'district_review').waitFor({ timeout: UI_WAIT });
    await form(xh, 'district_review').getByRole('button', { name: '提交复评' }).click();
    await expectText(status(xh), '星级评定');
    await xh.close();

    const bj = await browser.page();
    await browser.signIn(bj, who.bj);
    await browser.open(bj, `/stations/${ids.B}`, 'form[data-form="self_score"]');
    await fillSheet(form(bj, 'self_score'), NO_TRIBUNAL_SHEET);
    await form(bj, 'self_score').getByRole('button', { name: '提交自评' }).click();
    await form(bj, 'district_review').waitFor({ timeout: UI_WAIT });
    await form(bj, 'district_review').getByRole('button', { name: '提交复评' }).click();
    await expectText(status(bj), '星级评定');
    await bj.close();
  });

  it('the city rates: the prerequisite it must state, a star granted with a reason, a rating below three stars confirmed', async () => {
    const page = await browser.page();
    await browser.signIn(page, who.city);
    // A: the arbitration tribunal must be stated at the rating
    await browser.open(page, `/stations/${ids.A}`, 'form[data-form="city_rate"]');
    const rate = form(page, 'city_rate');
    await rate.getByRole('button', { name: '提交评定' }).click();
    await expectText(field(rate, 'facts.arbitrationTribunal').locator('.field-error'), '评定时须确认此项');
    await field(rate, 'facts.arbitrationTribunal').locator('input[value="true"]').check();
    expect(await page.getByTestId('score-stars').getAttribute('data-stars')).toBe('5');
    await rate.getByRole('button', { name: '提交评定' }).click();
    await expectText(page.getByTestId('stars-awarded'), '五星级');
    await browser.shoot(page, '05-station-rated-five-stars');

    // B: 97 points but no tribunal: five and four stars withheld; the city grants four with a reason
    await browser.open(page, `/stations/${ids.B}`, 'form[data-form="city_rate"]');
    const b = form(page, 'city_rate');
    await field(b, 'facts.arbitrationTribunal').locator('input[value="false"]').check();
    await expectText(page.getByTestId('score-blocked'), '劳动人事争议仲裁派出庭');
    expect(await page.getByTestId('score-stars').getAttribute('data-stars')).toBe('3');
    await page.locator('#override-stars').selectOption('4');
    await b.getByRole('button', { name: '提交评定' }).click();
    await expectText(field(b, 'override.reason').locator('.field-error'), '理由');
    await page.locator('#override-reason').fill('仲裁派出庭已获批设立，正在挂牌');
    await browser.shoot(page, '06-city-rating-override');
    await b.getByRole('button', { name: '提交评定' }).click();
    await expectText(page.getByTestId('star-override'), '经书面说明认定为四星级');
    await expectText(page.getByTestId('stars-awarded'), '四星级');

    // C: below three stars closes the station: a reason, then a confirmation (cancelled once)
    await browser.open(page, `/stations/${ids.C}`, 'form[data-form="city_rate"]');
    const c = form(page, 'city_rate');
    await field(c, 'facts.arbitrationTribunal').locator('input[value="false"]').check();
    await c.getByRole('button', { name: '提交评定' }).click();
    await expectText(field(c, 'comments').locator('.field-error'), '评定意见');
    await page.locator('#score-city_rate-note').fill('得分未达三星级标准');
    await c.getByRole('button', { name: '提交评定' }).click();
    await page.getByTestId('confirm').waitFor();
    await browser.shoot(page, '07-confirm-below-three-stars');
    await page.locator('[data-confirm="no"]').click();
    expect((await svc.request('GET', `/api/stations/${ids.C}`)).body.stage).toBe('city_rating');
    await c.getByRole('button', { name: '提交评定' }).click();
    await page.locator('[data-confirm="yes"]').click();
    await expectText(status(page), '评估未通过');
    expect((await svc.request('GET', `/api/stations/${ids.C}`)).body.starRating.exitReview.flagged).toBe(true);
    expect(await visibleEnglish(page)).toEqual([]);
    await page.close();
  });

  it('the city publishes; the star summary and the list download with the sign-in, and print', async () => {
    const page = await browser.page();
    await browser.signIn(page, who.city);
    await browser.open(page, `/rounds/${roundId}`, '[data-action="publication"]');
    await page.locator('[data-action="publication"] > summary').click();
    await form(page, 'publication').getByLabel('发布文号').fill('杭总工〔2026〕星级授牌');
    await form(page, 'publication').getByRole('button', { name: '确认发布名单' }).click();
    await expectText(page.locator('.page-head'), '名单已发布');

    const save = (testid: string) => browser.download(page, page.locator(`[data-download="${testid}"]`));
    const summary = await save('summary-xlsx');
    expect(summary.name).toMatch(/星级评定汇总表.*\.xlsx$/);
    expect(summary.body.subarray(0, 2).toString()).toBe('PK');
    const list = await save('published-csv');
    expect(list.name).toMatch(/\.csv$/);
    expect(list.body.toString('utf8')).toContain('西溪劳动关系服务站');
    expect(list.body.toString('utf8')).not.toContain('留下调解工作室');
    await browser.shoot(page, '08-round-published');

    await browser.open(page, `/rounds/${roundId}/print/published`, '[data-print-kind="published"] table');
    const groups = await page.locator('.print-group h2').allTextContents();
    expect(groups).toEqual(['五星级（1 个）', '四星级（1 个）']);
    await browser.shootPrint(page, '09-published-list');
    await browser.open(page, `/rounds/${roundId}/print/summary`, '[data-print-kind="summary"] table');
    expect(
      await page
        .locator('[data-print-kind="summary"] section[data-district]')
        .evaluateAll((s) => s.map((e) => e.getAttribute('data-district'))),
    ).toEqual([XH, BJ]);
    await browser.shootPrint(page, '10-star-summary');
    await browser.open(page, `/stations/${ids.B}`, '[data-testid="stars-awarded"]');
    await browser.shootPrint(page, '11-station-page');
    expect(await visibleEnglish(page)).toEqual([]);
    await page.close();
  });

  it('shows the API’s messages in zh-CN', async () => {
    const page = await browser.page();
    await browser.signIn(page, who.city);
    const messages = [
      '本批次当前状态为「published」，不能登记',
      '本邮件由站点培育管理系统自动发送（提醒时点：after:PT1M）。',
      'phone must be a telephone number',
      'level: "city" or "district" is required when filed',
      'publication (2020-01-01T15:59:59.000Z) is before selfAssessment (2026-03-01T15:59:59.000Z)',
    ];
    const said = await page.evaluate(`import('/assets/humanize.js').then((m) => ${JSON.stringify(messages)}.map(m.humanize))`);
    expect(said).toEqual([
      '本批次当前状态为「名单已发布」，不能登记',
      '本邮件由站点培育管理系统自动发送（提醒时点：截止后1分钟）。',
      '请填写有效的电话号码',
      '予以备案时须选择培育层级（市级或区县级）',
      '名单发布（2020-01-01 23:59（北京时间））早于自评（2026-03-01 23:59（北京时间））',
    ]);
    await page.close();
  });

  it('the pages ran without script errors or Content-Security-Policy violations', () => {
    expect(browser.problems).toEqual([]);
  });
});
