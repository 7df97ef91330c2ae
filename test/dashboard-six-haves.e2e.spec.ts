import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { HAVE_KEYS } from '@app/domain';
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
import { onePagePdf, solidPng } from './support/sample-images';

jest.setTimeout(300_000);

const SHOTS = path.resolve(__dirname, '../test-output/dashboard-six-haves');
const YZ = '500103'; // 渝中区

/**
 * A whole six-haves round run through the dashboard alone, by the city office, a district office
 * and the station itself: the round form, an application with its signed form and a case photo
 * (previewed in the page), sent back for revision, edited and submitted again, a comment thread,
 * recommendation, filing, a mid-term review, the self-assessment with evidence per have, the
 * city's evaluation per have with the level changed, publication and the downloads. Screenshots
 * under test-output/dashboard-six-haves.
 */
describe('a six-haves round with its paperwork through the dashboard', () => {
  const {
    svc,
    browser,
    who: offices,
  } = dashboardStory(SHOTS, {
    city: { role: 'city', label: '市三方办' },
    yz: { role: 'district', districtCode: YZ, label: '渝中区人社局' },
  });
  // the station's own token is issued once it has applied
  const who = { ...offices, station: { token: '' } };
  let roundId = '';
  let stationId = '';
  const today = shanghaiToday();

  const unfold = (page: Page, id: string) => page.locator(`[data-action="${id}"] > summary`).click();

  async function uploadFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }, purpose: string, have?: string) {
    await unfold(page, 'upload');
    const f = form(page, 'upload');
    await field(f, 'purpose').locator('select').selectOption(purpose);
    if (have) await field(f, 'have').locator('select').selectOption(have);
    await page.locator('#upload-file').setInputFiles(file);
    await f.getByRole('button', { name: '上传' }).click();
    await expectText(page.locator('table'), file.name);
  }

  it('the city creates the round', async () => {
    const page = await browser.page();
    await browser.signIn(page, who.city);
    await browser.open(page, '/rounds/new', 'form[data-form="new-round"]');
    const f = form(page, 'new-round');
    await field(f, 'name').locator('input').fill('2026年基层劳动关系公共服务站点培育');
    await field(f, 'code').locator('input').fill(`cq-${Date.now()}`);
    const dates = { recommendation: 20, filing: 30, selfAssessment: 60, cityEvaluation: 70, publication: 80, promotion: 100 };
    for (const [key, days] of Object.entries(dates)) await field(f, `deadlines.${key}`).locator('input').fill(addDays(today, days));
    await field(f, 'cityContacts.0.name').locator('input').fill('市三方办');
    await field(f, 'cityContacts.0.email').locator('input').fill('city@example.org');
    await f.getByRole('button', { name: '创建批次' }).click();
    await page.getByRole('heading', { name: '2026年基层劳动关系公共服务站点培育' }).waitFor({ timeout: UI_WAIT });
    roundId = new URL(page.url()).hash.split('/')[2];
    await page.close();
  });

  it('the district drafts an application, attaches the signed form and a case photo, previews them and submits', async () => {
    const page = await browser.page();
    await browser.signIn(page, who.yz);
    await browser.open(page, `/rounds/${roundId}/apply`, 'form[data-form="application"]');
    const f = form(page, 'application');
    const text: Record<string, string> = {
      stationName: '解放碑劳动关系服务站',
      hostUnit: '解放碑街道总工会',
      address: '重庆市渝中区解放碑街道民族路1号',
      'contact.name': '李四',
      'contact.phone': '023-63001234',
      establishedOn: '2021-05-01',
      workerVisitsServed: '1500',
      services: '劳动法律宣传\n劳动争议调解',
      'cases.0.title': '调解欠薪纠纷',
      'cases.0.summary': '成功调解一起欠薪纠纷，涉及职工12人。',
    };
    for (const [name, value] of Object.entries(text)) await field(f, name).locator('input, textarea').fill(value);
    await field(f, 'incidentsInLastTwoYears').getByLabel('否').check();
    await field(f, 'draft').locator('input').check();
    await f.getByRole('button', { name: '提交申报' }).click();
    await page.locator('[data-station]').waitFor({ timeout: UI_WAIT });
    stationId = (await page.locator('[data-station]').getAttribute('data-station'))!;
    await expectText(status(page), '申报（草稿）');

    await uploadFile(
      page,
      { name: '申请书（盖章）.pdf', mimeType: 'application/pdf', buffer: onePagePdf('Application form') },
      'application',
    );
    await uploadFile(page, { name: '调解现场.png', mimeType: 'image/png', buffer: solidPng(160, 90, [30, 91, 184]) }, 'case');
    // previews are blob URLs of the authenticated download: an image in <img>, a PDF in a frame
    await page.locator('button[data-preview-of]').last().click();
    const img = page.locator('[data-testid="file-preview"] img[data-preview="image"]');
    await img.waitFor({ timeout: UI_WAIT });
    expect(await img.getAttribute('src')).toMatch(/^blob:/);
    await page.waitForFunction(`document.querySelector('img[data-preview="image"]')?.naturalWidth === 160`);
    await browser.shoot(page, '01-application-files-image-preview');
    await page.locator('button[data-preview-of]').first().click();
    const pdf = page.locator('[data-testid="file-preview"] iframe[data-preview="pdf"]');
    await pdf.waitFor({ timeout: UI_WAIT });
    expect(await pdf.getAttribute('src')).toMatch(/^blob:/);
    // downloading a file keeps the sign-in and the file's name
    const file = await browser.download(page, page.locator('[data-download^="attachment-"]').first());
    expect(file.name).toBe('申请书（盖章）.pdf');
    expect(file.body.subarray(0, 5).toString()).toBe('%PDF-');
    // a file uploaded by mistake is deleted by its uploader, after a confirmation
    await uploadFile(page, { name: '传错的文件.pdf', mimeType: 'application/pdf', buffer: onePagePdf('Wrong file') }, 'other');
    const wrong = page.locator('tr', { hasText: '传错的文件.pdf' });
    await wrong.getByRole('button', { name: '删除' }).click();
    await page.getByTestId('confirm').getByRole('button', { name: '取消' }).click();
    await expectText(page.locator('table'), '传错的文件.pdf');
    await wrong.getByRole('button', { name: '删除' }).click();
    await page.getByTestId('confirm').getByRole('button', { name: '删除' }).click();
    await expectText(page.locator('#toast'), '已删除：传错的文件.pdf');
    await page.locator('tr', { hasText: '传错的文件.pdf' }).waitFor({ state: 'detached', timeout: UI_WAIT });
    expect(await page.locator('tr', { hasText: '申请书（盖章）.pdf' }).count()).toBe(1);

    await form(page, 'submit').getByRole('button', { name: '提交申报' }).click();
    await expectText(status(page), '择优推荐');
    await page.close();
  });

  it('the district sends it back for revision with a reason; the station edits it, comments and submits again', async () => {
    const page = await browser.page();
    await browser.signIn(page, who.yz);
    await browser.open(page, `/stations/${stationId}`, '[data-action="return"]');
    await unfold(page, 'return');
    const back = form(page, 'return');
    await back.getByRole('button', { name: '确认退回' }).click();
    await expectText(field(back, 'reason').locator('.field-error'), '请填写此项');
    await back.getByLabel('退回理由').fill('请补充近一年的服务台账');
    await back.getByRole('button', { name: '确认退回' }).click();
    await expectText(status(page), '已退回修改');
    await page.close();

    const issued = await svc.request('POST', '/api/tokens', { role: 'station', stationId, label: '解放碑劳动关系服务站' });
    who.station.token = issued.body.token;
    const station = await browser.page();
    await browser.signIn(station, who.station);
    // its to-do list names the returned application first
    const task = station.locator(`[data-task="${stationId}"]`);
    await expectText(task, '请补充近一年的服务台账');
    await browser.shoot(station, '02-station-todo-returned');
    await task.getByRole('link').click();
    const edit = form(station, 'edit-application');
    await edit.waitFor({ timeout: UI_WAIT });
    await expectText(edit, '请补充近一年的服务台账');
    await field(edit, 'services').locator('textarea').fill('劳动法律宣传\n劳动争议调解\n服务台账（近一年）');
    await edit.getByRole('button', { name: '保存修改' }).click();
    await expectText(station.locator('dl.facts'), '服务台账（近一年）');
    const comment = form(station, 'comment');
    await comment.locator('textarea').fill('已按意见补充近一年服务台账，请审核。');
    await comment.getByRole('button', { name: '发表留言' }).click();
    await expectText(station.getByTestId('comments'), '已按意见补充近一年服务台账');
    await form(station, 'submit').getByRole('button', { name: '提交申报' }).click();
    await expectText(status(station), '择优推荐');
    await browser.shoot(station, '03-station-resubmitted');
    expect(await visibleEnglish(station)).toEqual([]);
    await station.close();
  });

  it('the district recommends, the city files, the district holds a mid-term review', async () => {
    const page = await browser.page();
    await browser.signIn(page, who.yz);
    await browser.open(page, `/stations/${stationId}`, 'form[data-form="recommend"]');
    await expectText(page.getByTestId('comments'), '已按意见补充');
    const recommend = form(page, 'recommend');
    await recommend.getByLabel('择优推荐').check();
    await recommend.getByRole('button', { name: '提交推荐意见' }).click();
    await expectText(status(page), '备案');
    await page.close();

    const city = await browser.page();
    await browser.signIn(city, who.city);
    await browser.open(city, `/stations/${stationId}`, 'form[data-form="file"]');
    const file = form(city, 'file');
    await file.getByLabel('予以备案').check();
    await file.getByLabel('市级', { exact: true }).check();
    await file.getByRole('button', { name: '提交备案意见' }).click();
    await expectText(status(city), '培育');
    await city.close();

    const district = await browser.page();
    await browser.signIn(district, who.yz);
    await browser.open(district, `/stations/${stationId}`, '[data-action="mid-term-review"]');
    await unfold(district, 'mid-term-review');
    const review = form(district, 'mid-term-review');
    for (const key of HAVE_KEYS) {
      await field(review, `sixHaves.${key}.status`).getByLabel('达到', { exact: true }).check();
      await field(review, `sixHaves.${key}.evidence`).locator('textarea').fill('中期检查：已达标');
    }
    await review.getByLabel('检查小结').fill('培育进展顺利');
    await review.getByRole('button', { name: '提交中期评估' }).click();
    await expectText(district.locator('table'), '中期评估');
    await district.close();
  });

  it('the station self-assesses with evidence per have; the city evaluates each have, changes the level and publishes', async () => {
    const station = await browser.page();
    await browser.signIn(station, who.station);
    await browser.open(station, `/stations/${stationId}`, 'form[data-form="self_assess"]');
    await uploadFile(
      station,
      { name: '服务场所照片.png', mimeType: 'image/png', buffer: solidPng(120, 80, [19, 122, 63]) },
      'self_assessment',
      'platform',
    );
    await expectText(station.locator('table'), '服务场所照片.png');
    const self = form(station, 'self_assess');
    for (const key of HAVE_KEYS) {
      await field(self, `sixHaves.${key}.status`).getByLabel('达到', { exact: true }).check();
      await field(self, `sixHaves.${key}.evidence`).locator('textarea').fill('已达标，见附件');
    }
    await self.getByLabel('自评总结').fill('六有达标');
    await self.getByRole('button', { name: '提交自评' }).click();
    await expectText(status(station), '培育评估');
    await station.close();

    const city = await browser.page();
    await browser.signIn(city, who.city);
    await browser.open(city, `/stations/${stationId}`, 'form[data-form="evaluate"]');
    const evaluate = form(city, 'evaluate');
    for (const key of HAVE_KEYS) {
      // the station's own assessment is the starting point
      expect(await field(evaluate, `sixHaves.${key}.status`).getByLabel('达到', { exact: true }).isChecked()).toBe(true);
      await field(evaluate, `sixHaves.${key}.evidence`).locator('textarea').fill('现场核实达标');
    }
    await field(evaluate, 'passed').getByLabel('通过', { exact: true }).check();
    expect(await field(evaluate, 'level').getByLabel('市级', { exact: true }).isChecked()).toBe(true);
    await field(evaluate, 'level').getByLabel('区县级').check();
    await evaluate.getByLabel('评估意见').fill('六有达标，列入区县级名单');
    // the return notice is among the reminders the station received, named in words
    await expectText(city.getByTestId('reminders'), '退回时即时通知');
    expect(await visibleEnglish(city)).toEqual([]);
    await browser.shoot(city, '04-city-evaluation-per-have');
    await evaluate.getByRole('button', { name: '提交评估结论' }).click();
    await expectText(status(city), '名单发布');

    await browser.open(city, `/rounds/${roundId}`, '[data-action="publication"]');
    await unfold(city, 'publication');
    await form(city, 'publication').getByLabel('发布文号').fill('渝人社〔2026〕100号');
    await form(city, 'publication').getByRole('button', { name: '确认发布名单' }).click();
    await expectText(city.locator('.page-head'), '名单已发布');
    const [list] = await Promise.all([city.waitForEvent('download'), city.locator('[data-download="published-xlsx"]').click()]);
    expect(list.suggestedFilename()).toMatch(/\.xlsx$/);
    await browser.open(city, `/stations/${stationId}`, '[data-station]');
    await expectText(status(city), '已入选名单');
    await expectText(status(city), '区县级');
    await browser.shoot(city, '05-station-listed');
    await browser.shootPrint(city, '06-station-page');
    await browser.open(city, `/rounds/${roundId}/print/published`, '[data-print-kind="published"] table');
    expect(await city.locator('.print-group h2').allTextContents()).toEqual(['区县级站点（1 个）']);
    await browser.shootPrint(city, '07-published-list');
    expect(await visibleEnglish(city)).toEqual([]);
    await city.close();
  });

  it('the pages ran without script errors or Content-Security-Policy violations', () => {
    expect(browser.problems).toEqual([]);
  });
});
