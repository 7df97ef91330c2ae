import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { DashboardBrowser, UI_WAIT } from './support/browser';
import { readDocx } from '@app/documents/testing';
import { applyFor, issueToken, RunningService } from './support/service';

jest.setTimeout(300_000);
const SHOTS = path.resolve(__dirname, '../test-output/dashboard-documents');

/**
 * The dashboard's Word downloads and robot contacts in headless Chromium: a download keeps the
 * sign-in (fetched with the token, saved from a Blob under the API's zh-CN file name), and a
 * district's group robot is entered in the contact form and shown masked afterwards.
 */
describe('dashboard: Word documents and group robots', () => {
  let svc: RunningService;
  const browser = new DashboardBrowser(() => svc.baseUrl, SHOTS);
  let roundId = '';
  let stationId = '';
  let yz = '';

  beforeAll(async () => {
    svc = new RunningService();
    await svc.start();
    await browser.launch();
    const t0 = Date.now();
    const at = (days: number) => new Date(t0 + days * 86_400_000).toISOString();
    const round = await svc.request('POST', '/api/rounds', {
      code: `dashboard-docs-${t0}`,
      name: '2025年培育批次',
      programme: 'six-haves',
      deadlines: { recommendation: at(10), selfAssessment: at(60), cityEvaluation: at(80), publication: at(95), promotion: at(120) },
      cityContacts: [{ name: '市三方办', email: 'city@example.org' }],
    });
    expect(round.status).toBe(201);
    roundId = round.body.id;
    yz = await issueToken(svc, 'district', { districtCode: '500103' });
    stationId = await applyFor(svc, roundId, '500103', '解放碑劳动关系服务站', {}, yz);
  });
  afterAll(async () => {
    await browser.close();
    await svc?.cleanup();
  });

  const signedIn = (token: string) => browser.signedIn({ token });
  const downloaded = (page: Page, testid: string) => browser.download(page, page.getByTestId(testid));

  it('downloads the application form and annex 1 with the sign-in kept', async () => {
    const page = await signedIn(yz);
    await page.goto(`${svc.baseUrl}/#/stations/${stationId}`);
    await page.getByTestId('download-application').waitFor({ timeout: UI_WAIT });
    const form = await downloaded(page, 'download-application');
    expect(form.name).toBe('解放碑劳动关系服务站-申请书.docx');
    expect(readDocx(form.body).paragraphs).toContain('站 点 名 称：解放碑劳动关系服务站');

    await page.goto(`${svc.baseUrl}/#/rounds/${roundId}`);
    await page.getByTestId('download-summary').waitFor({ timeout: UI_WAIT });
    const summary = await downloaded(page, 'download-summary');
    expect(summary.name).toMatch(/-推荐站点基本信息汇总表-渝中区\.docx$/);
    expect(readDocx(summary.body).paragraphs).toContain('推荐区县：渝中区');
    // the notice draft is the city office's: not offered to a district, nor before the list is published
    expect(await page.getByTestId('download-published').count()).toBe(0);
    await page.close();
  });

  it('takes a group robot in the district’s contact form and shows it masked', async () => {
    const page = await signedIn(yz);
    await page.goto(`${svc.baseUrl}/#/districts`);
    const details = page.locator('details[data-action="contacts-500103"]');
    await details.waitFor({ timeout: UI_WAIT });
    await details.locator('summary').click();
    const form: Locator = page.locator('form[data-form="contacts-500103"]');
    const field = (name: string) => form.locator(`[data-field="${name}"]`);
    await field('contacts.0.name').locator('input').fill('渝中区工作群');
    await field('contacts.0.webhook.kind').locator('select').selectOption('wecom');
    await field('contacts.0.webhook.url')
      .locator('input')
      .fill('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=dashboard-secret-key');
    await form.getByRole('button', { name: '保存联系人' }).click();
    await page.getByText('企业微信群机器人 https://qyapi.weixin.qq.com/******').waitFor({ timeout: UI_WAIT });
    expect(await page.content()).not.toContain('dashboard-secret-key');
    const stored = (await svc.request('GET', '/api/districts')).body as { code: string; contacts: unknown[] }[];
    expect(stored.find((d) => d.code === '500103')?.contacts).toEqual([
      { name: '渝中区工作群', webhook: { kind: 'wecom', url: 'https://qyapi.weixin.qq.com/******' } },
    ]);
    // saving the form again as shown keeps the robot (the masked URL stands for the stored one)
    await page.locator('details[data-action="contacts-500103"] summary').click();
    await page.locator('form[data-form="contacts-500103"]').getByRole('button', { name: '保存联系人' }).click();
    await page.getByText('联系人已保存').first().waitFor({ timeout: UI_WAIT });
    expect(browser.problems).toEqual([]);
    await page.close();
  });
});
