import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { DashboardBrowser, expectText, UI_WAIT } from './support/browser';
import { linkTokenIn, outboxMailbox, totpCode } from './support/people';
import { RunningService } from './support/service';
import { OWN_DISTRICT, World } from './support/world';

jest.setTimeout(300_000);

const SHOTS = path.resolve(__dirname, '../test-output/accounts-dashboard');

/**
 * A person in the dashboard, in headless Chromium against the real service: accepts the invitation
 * from the mail, signs in with user name and password, enrols an authenticator on 我的账户, signs
 * out and in again with password and TOTP code, recommends a station of their district (the page
 * sends the CSRF token), and signs out; the city office manages users on 用户管理.
 */
describe('people in the dashboard', () => {
  let svc: RunningService;
  let w: World;
  const browser = new DashboardBrowser(() => svc.baseUrl, SHOTS);
  const problems = browser.problems;
  const user = {
    username: 'liu.yang',
    displayName: '刘洋',
    email: 'liu.yang@yuzhong.example',
    role: 'district',
    districtCode: OWN_DISTRICT,
  };
  const password = '解放碑 调解 工作 2024 春';

  beforeAll(async () => {
    svc = new RunningService({ env: { PUBLIC_URL: 'http://stations.example.test' } });
    await svc.start();
    w = new World(svc);
    await browser.launch();
  });
  afterAll(async () => {
    await browser.close();
    await svc?.cleanup();
  });

  const signInWithPassword = (page: Page, otp?: string) => browser.signIn(page, { username: user.username, password, otp });

  it('a district person accepts the invitation, enrols TOTP, signs in with a code, recommends a station and signs out', async () => {
    const round = await w.round();
    const station = await w.station(round, 'recommendation', OWN_DISTRICT);
    expect((await svc.request('POST', '/api/users', user)).status).toBe(201);
    const { token } = await linkTokenIn(outboxMailbox(svc), user.email, 'invitation', 'http://stations.example.test');

    // The invitation page: a weak password is refused in place, a good one is set.
    const page = await browser.page();
    await page.goto(`${svc.baseUrl}/#/invitation/${token}`);
    const setPassword = page.locator('form[data-form="set-password"]');
    await setPassword.waitFor({ timeout: UI_WAIT });
    await page.screenshot({ path: path.join(SHOTS, '01-invitation.png'), fullPage: true });
    await setPassword.locator('[data-field="password"] input').fill('qwertyqwerty');
    await setPassword.locator('[data-field="repeat"] input').fill('qwertyqwerty');
    await setPassword.getByRole('button', { name: '设置密码' }).click();
    await expectText(setPassword.locator('.form-alert'), '过于常见');
    await setPassword.locator('[data-field="password"] input').fill(password);
    await setPassword.locator('[data-field="repeat"] input').fill(password);
    await setPassword.getByRole('button', { name: '设置密码' }).click();
    await expectText(page.locator('h1'), '密码已设置');

    // Signing in with the password; the cookie is HttpOnly, nothing is kept in the page's storage.
    await page.goto(`${svc.baseUrl}/#/`);
    await page.locator('#username').waitFor({ timeout: UI_WAIT });
    await page.screenshot({ path: path.join(SHOTS, '02-sign-in.png'), fullPage: true });
    await signInWithPassword(page);
    expect(await page.getByTestId('who').textContent()).toBe('刘洋');
    expect(await page.evaluate('document.cookie')).toBe('');
    expect(await page.evaluate('sessionStorage.length')).toBe(0);

    // 我的账户: enrol an authenticator (the test computes its codes with otpauth).
    await page.getByRole('link', { name: '我的账户' }).click();
    await page.getByTestId('account').waitFor({ timeout: UI_WAIT });
    await page.getByRole('button', { name: '开始绑定身份验证器' }).click();
    await page.getByTestId('totp-secret').waitFor({ timeout: UI_WAIT });
    const secret = await page.getByTestId('totp-secret').inputValue();
    expect(await page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    await page.screenshot({ path: path.join(SHOTS, '03-enrol-totp.png'), fullPage: true });
    const t0 = Date.now();
    const confirm = page.locator('form[data-form="confirm-totp"]');
    await confirm.locator('[data-field="otp"] input').fill(totpCode(secret, t0));
    await confirm.getByRole('button', { name: '完成绑定' }).click();
    await expectText(page.getByTestId('account'), '已绑定');

    // Sign out: the session ends on the server too.
    await page.getByRole('button', { name: '退出' }).click();
    await page.locator('#username').waitFor({ timeout: UI_WAIT });
    const me = await page.evaluate(async () => (await fetch('/api/me')).status);
    expect(me).toBe(401);

    // Sign in with password and the next code, and act on the district's station.
    await signInWithPassword(page, totpCode(secret, t0 + 30_000));
    await page.goto(`${svc.baseUrl}/#/stations/${station}`);
    const recommend = page.locator('form[data-form="recommend"]');
    await recommend.waitFor({ timeout: UI_WAIT });
    await recommend.getByLabel('择优推荐').check();
    await recommend.getByLabel('说明').fill('材料齐全，推荐市级培育');
    await recommend.getByRole('button', { name: '提交推荐意见' }).click();
    await expectText(page.getByTestId('station-status'), '备案');
    const line = (await svc.request('GET', `/api/audit?targetId=${station}&limit=1`)).body.items[0];
    expect(line).toMatchObject({ action: 'station.recommend', actor: '刘洋', role: 'district', userId: expect.any(String) });

    await page.getByRole('button', { name: '退出' }).click();
    await page.locator('#username').waitFor({ timeout: UI_WAIT });
    expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('the admin creates a person on 用户管理 (an invitation goes out), signs them out and disables them', async () => {
    const page = await browser.page();
    await browser.signIn(page, { token: svc.adminToken });
    await page.getByRole('link', { name: '用户管理' }).click();
    await page.getByTestId('users').waitFor({ timeout: UI_WAIT });
    await page.locator('summary', { hasText: '新建账户' }).click();
    const create = page.locator('form[data-form="create-user"]');
    await create.locator('[data-field="username"] input').fill('wang.fang');
    await create.locator('[data-field="displayName"] input').fill('王芳');
    await create.locator('[data-field="email"] input').fill('wang.fang@jiangbei.example');
    await create.locator('[data-field="role"] select').selectOption('district');
    await create.locator('[data-field="districtCode"] select').selectOption('500105');
    await create.getByRole('button', { name: '创建并发送邀请' }).click();
    const row = page.locator('tr', { hasText: 'wang.fang' });
    await expectText(row, '待接受邀请');
    await page.screenshot({ path: path.join(SHOTS, '04-users.png'), fullPage: true });
    const first = await linkTokenIn(outboxMailbox(svc), 'wang.fang@jiangbei.example', 'invitation', 'http://stations.example.test');
    // the invitation was lost: sent again from the list, with a new link
    await row.getByRole('button', { name: '重新发送邀请' }).click();
    await expectText(page.locator('#toast'), '已向 wang.fang@jiangbei.example 重新发送邀请');
    const second = await linkTokenIn(outboxMailbox(svc), 'wang.fang@jiangbei.example', 'invitation', 'http://stations.example.test', 2);
    expect(second.token).not.toBe(first.token);

    await row.getByRole('button', { name: '停用' }).click();
    await expectText(page.locator('tr', { hasText: 'wang.fang' }), '已停用');
    const listed = (await svc.request('GET', '/api/users')).body.find((u: { username: string }) => u.username === 'wang.fang');
    expect(listed).toMatchObject({ role: 'district', districtCode: '500105', disabled: true });
    await page.close();
    expect(problems).toEqual([]);
  });

  it('asks for a reset link without telling whether the name exists', async () => {
    const page = await browser.page();
    await page.goto(`${svc.baseUrl}/`);
    await page.getByRole('link', { name: '忘记密码' }).click();
    const request = page.locator('form[data-form="password-reset-request"]');
    await request.waitFor({ timeout: UI_WAIT });
    await request.locator('[data-field="username"] input').fill('nobody-here');
    await request.getByRole('button', { name: '发送重置链接' }).click();
    await expectText(page.locator('h1'), '请查收邮件');
    await page.close();
    expect(problems).toEqual([]);
  });
});
