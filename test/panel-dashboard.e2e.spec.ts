import * as path from 'node:path';
import { HAVE_KEYS, HANGZHOU_2024, scoreStation } from '@app/domain';
import { FIVE_STAR_SHEET } from '@app/domain/testing';
import { DashboardBrowser, expectText, fieldOf as field, UI_WAIT } from './support/browser';
import { invitedPerson, outboxMailbox } from './support/people';
import { fillSheet } from './support/score-sheet';
import { RunningService } from './support/service';
import { World } from './support/world';

jest.setTimeout(300_000);

const SHOTS = path.resolve(__dirname, '../test-output/dashboard');

const PUBLIC_URL = 'http://stations.example.test';

/**
 * The expert panel in headless Chromium against the real service: the city picks the panel's
 * experts by name and assigns, three experts (people with accounts) review from their to-do lists
 * (one disagrees), the city reads the aggregate with its disagreement flag and decides; the reviews
 * close. An expert scores a star-rating station item by item on the rubric's own form.
 */
describe('the expert panel in the dashboard', () => {
  let svc: RunningService;
  const browser = new DashboardBrowser(() => svc.baseUrl, SHOTS);

  beforeAll(async () => {
    svc = new RunningService({ env: { PUBLIC_URL } });
    await svc.start();
    await browser.launch();
  });
  afterAll(async () => {
    await browser.close();
    await svc?.cleanup();
  });

  const signedIn = (token: string) => browser.signedIn({ token });
  let people = 0;
  /** An expert with an account (invited by the admin, invitation accepted), to sign in as. */
  async function expert(displayName: string) {
    const username = `expert.${++people}`;
    const password = '评估 专家 复核 2025 秋';
    const { id } = await invitedPerson(
      svc,
      outboxMailbox(svc),
      PUBLIC_URL,
      { username, displayName, email: `${username}@experts.example`, role: 'expert' },
      password,
    );
    return { id, displayName, signIn: { username, password } };
  }

  it('three experts review, the city decides from the aggregate', async () => {
    const w = new World(svc);
    const roundId = await w.round({ name: '2025年站点培育（专家评估）' });
    const stationId = await w.station(roundId, 'city_evaluation');
    const city = await w.token('city');
    const experts = [await expert('张评审'), await expert('李评审'), await expert('赵评审')];
    const absent = await expert('钱评审');

    // The city picks the panel by name on its page (every active expert is offered, checked) and assigns.
    const cityPage = await signedIn(city.token);
    await cityPage.goto(`${svc.baseUrl}/#/rounds/${roundId}/panel`);
    const panelForm = cityPage.locator('form[data-form="panel"]');
    await panelForm.waitFor({ timeout: UI_WAIT });
    for (const e of experts) expect(await field(panelForm, 'experts').getByLabel(e.displayName).isChecked()).toBe(true);
    await field(panelForm, 'experts').getByLabel(absent.displayName).uncheck();
    await field(panelForm, 'perStation').locator('input').fill('3');
    await panelForm.getByRole('button', { name: '保存评估工作组' }).click();
    await cityPage.getByTestId('assign').click();
    await expectText(cityPage.locator('table'), '0 / 3');
    await cityPage.screenshot({ path: path.join(SHOTS, '20-panel-assigned-desktop.png'), fullPage: true });

    // Each expert: their to-do list, the review form; the third recommends against.
    for (const [i, expert] of experts.entries()) {
      const page = await browser.signedIn(expert.signIn);
      await expectText(page.locator('h2'), '我的评审任务');
      await expectText(page.locator('table'), '待评审');
      await page.getByTestId('review-link').first().click();
      const form = page.locator('form[data-form="review"]');
      await form.waitFor({ timeout: UI_WAIT });
      for (const key of HAVE_KEYS) {
        const status = i === 2 && key === 'team' ? '未达到' : '达到';
        await field(form, `sixHaves.${key}.status`).getByLabel(status, { exact: true }).check();
        await field(form, `sixHaves.${key}.evidence`).locator('textarea').fill(`${key}：现场核查`);
      }
      await field(form, 'recommendation')
        .getByLabel(i === 2 ? '建议不通过' : '建议通过', { exact: true })
        .check();
      await form.getByRole('button', { name: '提交评审' }).click();
      await expectText(page.locator('dl'), '第 1 版');
      if (i === 0) await page.screenshot({ path: path.join(SHOTS, '21-expert-review-desktop.png'), fullPage: true });
      await page.close();
    }

    // The city sees the aggregate with the disagreement flagged, and decides.
    await cityPage.reload();
    await expectText(cityPage.locator('table'), '3 / 3');
    await expectText(cityPage.locator('table'), '建议通过 2 人，不通过 1 人');
    await cityPage.getByTestId('disagreement').first().waitFor({ timeout: UI_WAIT });
    await cityPage.locator(`[data-testid="aggregate-${stationId}"] > summary`).click();
    await expectText(cityPage.locator(`[data-testid="aggregate-${stationId}"]`), '评审结论不一致');
    await cityPage.screenshot({ path: path.join(SHOTS, '22-panel-aggregate-desktop.png'), fullPage: true });
    await cityPage.goto(`${svc.baseUrl}/#/stations/${stationId}`);
    const evaluate = cityPage.locator('form[data-form="evaluate"]');
    await evaluate.waitFor({ timeout: UI_WAIT });
    // the city's own finding per have (the evaluation form of #14), resting on the panel's reviews
    for (const key of HAVE_KEYS) await field(evaluate, `sixHaves.${key}.evidence`).locator('textarea').fill('依据评估工作组评审');
    await field(evaluate, 'passed').getByLabel('通过', { exact: true }).check();
    await evaluate.getByLabel('评估意见').fill('依据评估工作组意见（2 人建议通过），同意列入名单');
    await evaluate.getByRole('button', { name: '提交评估结论' }).click();
    await expectText(cityPage.getByTestId('station-status'), '名单发布');
    await cityPage.close();

    // The reviews are closed now.
    const late = await browser.signedIn(experts[0].signIn);
    await expectText(late.locator('table'), '市级已决定');
    await late.goto(`${svc.baseUrl}/#/reviews/${stationId}`);
    await expectText(late.locator('h2'), '评审已结束');
    await late.close();
    const decided = await w.ok('GET', `/api/stations/${stationId}/reviews`);
    expect(decided.decision.reviewIds).toHaveLength(3);
    expect((await w.ok('GET', `/api/rounds/${roundId}/panel`)).experts).toEqual(experts.map((e) => e.id));
    expect(browser.problems).toEqual([]);
  });

  it('an expert scores a star-rating station item by item, and finds the review again to revise', async () => {
    const w = new World(svc);
    const roundId = await w.starRound();
    const stationId = await w.starStation(roundId, 'district_review');
    await w.ok('POST', `/api/stations/${stationId}/district-review`, { items: FIVE_STAR_SHEET.items });
    const reviewer = await expert('孙评审');
    await w.ok('PUT', `/api/rounds/${roundId}/panel`, { experts: [reviewer.id], perStation: 1, excludeSameDistrict: true });
    await w.ok('POST', `/api/rounds/${roundId}/panel/assign`);

    const page = await browser.signedIn(reviewer.signIn);
    await page.goto(`${svc.baseUrl}/#/reviews/${stationId}`);
    const form = page.locator('form[data-form="review"]');
    await form.waitFor({ timeout: UI_WAIT });
    await fillSheet(form, FIVE_STAR_SHEET);
    const expected = scoreStation(HANGZHOU_2024, FIVE_STAR_SHEET);
    await expectText(page.getByTestId('score-total'), `${expected.total} 分`);
    await page.locator('#score-review-note').fill('现场核查，台账齐全');
    await form.getByRole('button', { name: '提交评审' }).click();
    await expectText(page.locator('dl'), '第 1 版');
    await page.screenshot({ path: path.join(SHOTS, '23-expert-star-review-desktop.png'), fullPage: true });

    // the form starts from the expert's own review; the API scored it with the same rubric
    await page.reload();
    await page.locator('form[data-form="review"]').waitFor({ timeout: UI_WAIT });
    await expectText(page.getByTestId('score-total'), `${expected.total} 分`);
    const { reviews } = await w.ok('GET', `/api/stations/${stationId}/reviews`);
    expect(reviews).toEqual([
      expect.objectContaining({
        expertId: reviewer.id,
        comments: '现场核查，台账齐全',
        score: expect.objectContaining({ total: expected.total }),
      }),
    ]);
    await page.close();
    expect(browser.problems).toEqual([]);
  });
});
