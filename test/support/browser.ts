import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { issueToken, RunningService } from './service';

/**
 * Headless Chromium for the dashboard's browser tests: one persistent profile, pages that collect
 * script errors and Content-Security-Policy violations, screenshots at desktop and phone width.
 */
export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };
export const UI_WAIT = 20_000;

/**
 * Who signs in: a person with user name and password (and the authenticator's code once enrolled),
 * or a bearer token pasted under 使用访问令牌.
 */
export type Credentials = { token: string } | { username: string; password: string; otp?: string };

/**
 * Debian's Chromium, headless, on a persistent profile, at desktop width in zh-CN: how every
 * dashboard browser test starts it. A test that needs the page's own time-zone handling passes a
 * `timezoneId` other than Shanghai, so the page must show Asia/Shanghai dates by itself.
 */
export function launchChromium(profile: string, options: { timezoneId?: string; acceptDownloads?: boolean } = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: DESKTOP,
    locale: 'zh-CN',
    ...options,
  });
}

export class DashboardBrowser {
  context!: BrowserContext;
  private profile = '';
  /** console errors and page errors of every page */
  readonly problems: string[] = [];

  /**
   * `timezoneId`: the browser's own time zone, London unless a test needs another, so that the
   * page must show Asia/Shanghai dates by itself.
   */
  constructor(
    private readonly baseUrl: () => string,
    readonly shots: string,
    private readonly options: { timezoneId?: string } = {},
  ) {}

  async launch(): Promise<void> {
    fs.mkdirSync(this.shots, { recursive: true });
    this.profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-chromium-'));
    this.context = await launchChromium(this.profile, { timezoneId: this.options.timezoneId ?? 'Europe/London', acceptDownloads: true });
  }

  async close(): Promise<void> {
    await this.context?.close();
    if (this.profile) fs.rmSync(this.profile, { recursive: true, force: true });
  }

  async page(): Promise<Page> {
    const page = await this.context.newPage();
    page.on('console', (m) => {
      // Chromium logs every 4xx answer; the forms provoke some on purpose.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) this.problems.push(m.text());
    });
    page.on('pageerror', (e) => this.problems.push(e.message));
    return page;
  }

  /**
   * Signs `who` in on the sign-in page and waits for the landing page: the one place that knows how
   * people sign in. With a password and a code, the page must first ask for the code.
   */
  async signIn(page: Page, who: Credentials): Promise<void> {
    await page.goto(`${this.baseUrl()}/`);
    // One browser profile keeps one person's session cookie for all its pages, as a shared office
    // computer does: whoever finds someone else signed in signs them out first.
    const signInPage = page.locator('#username');
    await signInPage.or(page.getByTestId('who')).first().waitFor({ timeout: UI_WAIT });
    if (!(await signInPage.isVisible())) {
      await page.getByRole('button', { name: '退出' }).click();
      await signInPage.waitFor({ timeout: UI_WAIT });
    }
    if ('token' in who) {
      // the sign-in page offers a person's account first; a token is the second way in
      await page.getByText('使用访问令牌').click();
      await page.fill('#token', who.token);
      await page.getByRole('button', { name: '用令牌登录' }).click();
    } else {
      await page.fill('#username', who.username);
      await page.fill('#password', who.password);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      if (who.otp) {
        await page.locator('#otp').waitFor({ timeout: UI_WAIT });
        await expectText(page.locator('#sign-in-error'), '动态验证码');
        await page.fill('#otp', who.otp);
        await page.getByRole('button', { name: '登录', exact: true }).click();
      }
    }
    await page.getByTestId('who').waitFor({ timeout: UI_WAIT });
  }

  /** A new page with `who` signed in. */
  async signedIn(who: Credentials): Promise<Page> {
    const page = await this.page();
    await this.signIn(page, who);
    return page;
  }

  /** What clicking `trigger` downloads: the file name the page offers and the bytes. */
  async download(page: Page, trigger: Locator): Promise<{ name: string; body: Buffer }> {
    const [file] = await Promise.all([page.waitForEvent('download'), trigger.click()]);
    return { name: file.suggestedFilename(), body: fs.readFileSync((await file.path())!) };
  }

  async open(page: Page, hash: string, ready: string): Promise<void> {
    await page.goto(`${this.baseUrl()}/#${hash}`);
    await page.locator(ready).first().waitFor({ timeout: UI_WAIT });
  }

  /** A full-page screenshot at 1366×768 and at phone width, saved as `<name>-desktop.png` / `-phone.png`. */
  async shoot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(this.shots, `${name}-desktop.png`), fullPage: true });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: path.join(this.shots, `${name}-phone.png`), fullPage: true });
    await page.setViewportSize(DESKTOP);
  }

  /** The page as printed (print styles), one full-page PNG. */
  async shootPrint(page: Page, name: string): Promise<void> {
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(this.shots, `${name}-print.png`), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  }
}

export async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: UI_WAIT });
}

/**
 * English words in what the page shows (its visible text), less allowed ones: e-mail addresses,
 * codes such as `star-123`, file formats. The admin's workflow panel is left out.
 */
export async function visibleEnglish(page: Page, allowed: string[] = []): Promise<string[]> {
  const text = (await page.evaluate(
    `(() => [...document.querySelectorAll('header, main > *')].filter((e) => !e.matches('[data-testid="workflow"]')).map((e) => e.innerText).join('\\n'))()`,
  )) as string;
  const ok = new Set(['Excel', 'CSV', 'PDF', 'Word', 'JPEG', 'PNG', 'MB', 'KB', ...allowed]);
  return (
    text
      .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ')
      .replace(/\.(pdf|png|jpe?g|docx?|xlsx?|csv)\b/gi, ' ') // file names as uploaded
      .replace(/\b[\w]+[-_][\w-]+\b/g, ' ')
      .match(/[A-Za-z]{2,}/g) ?? []
  ).filter((w) => !ok.has(w));
}

/** The form `id` of the page (`form[data-form=…]`), a field of a form, and the station's status line. */
export const formOf = (page: Page, id: string): Locator => page.locator(`form[data-form="${id}"]`);
export const fieldOf = (form: Locator, name: string): Locator => form.locator(`[data-field="${name}"]`);
export const stationStatus = (page: Page): Locator => page.getByTestId('station-status');

/**
 * A whole round told through the dashboard: the real service, Chromium on its dashboard, and a
 * token for each office the story signs in as (`offices`: what POST /api/tokens is given), issued
 * before the first test. Started and stopped around the calling `describe`.
 */
export function dashboardStory<K extends string>(shots: string, offices: Record<K, Record<string, string>>) {
  const svc = new RunningService();
  const browser = new DashboardBrowser(() => svc.baseUrl, shots);
  const who = Object.fromEntries(Object.keys(offices).map((k) => [k, { token: '' }])) as Record<K, { token: string }>;
  beforeAll(async () => {
    await svc.start();
    await browser.launch();
    for (const [k, body] of Object.entries(offices) as [K, Record<string, string>][]) {
      const { role, ...rest } = body;
      who[k].token = await issueToken(svc, role, rest);
    }
  });
  afterAll(async () => {
    await browser.close();
    await svc.cleanup();
  });
  return { svc, browser, who };
}
