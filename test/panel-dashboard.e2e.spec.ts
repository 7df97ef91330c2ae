import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { HAVE_KEYS } from '@app/domain';
import { RunningService } from './support/service';
import { World } from './support/world';

jest.setTimeout(300_000);

const SHOTS = path.resolve(__dirname, '../test-output/dashboard');
const UI_WAIT = 20_000;

/**
 * The expert panel in headless Chromium against the real service: the city sets the panel and
 * assigns, three experts review from their to-do lists (one disagrees), the city reads the
 * aggregate with its disagreement flag and decides; the reviews close.
 */
describe('the expert panel in the dashboard', () => {
  let svc: RunningService;
  let browser: BrowserContext;
  let profile: string;
  const problems: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    svc = new RunningService();
    await svc.start();
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'panel-chromium-'));
    browser = await launchChromium(profile);
  });
  afterAll(async () => {
    await browser?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
    await svc?.cleanup();
  });

  async function signedIn(token: string): Promise<Page> {
    const page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${svc.baseUrl}/`);
    await page.getByText('使用访问令牌').click();
    await page.fill('#token', token);
    await page.getByRole('button', { name: '用令牌登录' }).click();
    await page.getByTestId('who').waitFor();
    return page;
  }
  const expectText = (locator: Locator, text: string) => locator.filter({ hasText: text }).first().waitFor({ timeout: UI_WAIT });
  const field = (form: Locator, name: string) => form.locator(`[data-field="${name}"]`);

  it('three experts review, the city decides from the aggregate', async () => {
    const w = new World(svc);
    const roundId = await w.round({ name: '2025年站点培育（专家评估）' });
    const stationId = await w.station(roundId, 'city_evaluation');
    const city = await w.token('city');
    const experts = [await w.token('expert'), await w.token('expert'), await w.token('expert')];

    // The city sets the panel on its page and assigns.
    const cityPage = await signedIn(city.token);
    await cityPage.goto(`${svc.baseUrl}/#/rounds/${roundId}/panel`);
    const panelForm = cityPage.locator('form[data-form="panel"]');
    await panelForm.waitFor({ timeout: UI_WAIT });
    await field(panelForm, 'experts')
      .locator('textarea')
      .fill(experts.map((e) => e.id).join('\n'));
    await field(panelForm, 'perStation').locator('input').fill('3');
    await panelForm.getByRole('button', { name: '保存评估工作组' }).click();
    await cityPage.getByTestId('assign').click();
    await expectText(cityPage.locator('table'), '0 / 3');
    await cityPage.screenshot({ path: path.join(SHOTS, '20-panel-assigned-desktop.png'), fullPage: true });

    // Each expert: their to-do list, the review form; the third recommends against.
    for (const [i, expert] of experts.entries()) {
      const page = await signedIn(expert.token);
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
    const late = await signedIn(experts[0].token);
    await expectText(late.locator('table'), '市级已决定');
    await late.goto(`${svc.baseUrl}/#/reviews/${stationId}`);
    await expectText(late.locator('h2'), '评审已结束');
    await late.close();
    const decided = await w.ok('GET', `/api/stations/${stationId}/reviews`);
    expect(decided.decision.reviewIds).toHaveLength(3);
    expect(problems).toEqual([]);
  });
});
