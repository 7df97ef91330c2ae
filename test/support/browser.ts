import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BrowserContext, chromium, Locator, Page } from 'playwright-core';

/**
 * Headless Chromium for the dashboard's browser tests: one persistent profile, pages that collect
 * script errors and Content-Security-Policy violations, screenshots at desktop and phone width.
 */
export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };
export const UI_WAIT = 20_000;

/** Who signs in: today a bearer token pasted into the sign-in page. */
export type Credentials = { token: string };

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

  constructor(
    private readonly baseUrl: () => string,
    readonly shots: string,
  ) {}

  async launch(): Promise<void> {
    fs.mkdirSync(this.shots, { recursive: true });
    this.profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-chromium-'));
    this.context = await launchChromium(this.profile, { timezoneId: 'Europe/London', acceptDownloads: true });
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
   * Signs `who` in on the sign-in page and waits for the landing page. The one place that knows how
   * people sign in (a token today; accounts with a user name and password replace it).
   */
  async signIn(page: Page, who: Credentials): Promise<void> {
    await page.goto(`${this.baseUrl()}/`);
    // the sign-in page offers a person's account first; a token is the second way in
    await page.getByText('使用访问令牌').click();
    await page.fill('#token', who.token);
    await page.getByRole('button', { name: '用令牌登录' }).click();
    await page.getByTestId('who').waitFor({ timeout: UI_WAIT });
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
