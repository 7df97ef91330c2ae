import { del, get, post } from './api.js';
import { badge, empty, facts, h, section, table } from './dom.js';
import { dateTime, roleLabel } from './format.js';
import { form } from './forms.js';
import { localError } from './view-account-links.js';

const PASSWORD_HINT = '12 至 128 个字符，可用任意字符；不能是常见密码，也不能包含用户名。';

/** 我的账户: the signed-in person's password, two-factor sign-in and sessions. */
export async function accountView(ctx) {
  const { me } = ctx;
  if (me.kind !== 'session') {
    return h(
      'div',
      { class: 'page' },
      h('h1', {}, '我的账户'),
      section('访问令牌', h('p', {}, '当前以访问令牌登录，没有个人账户可设置。请使用管理员开通的用户名和密码登录后再来此页。')),
    );
  }
  const sessions = await get('/api/auth/sessions');
  return h(
    'div',
    { class: 'page', 'data-testid': 'account' },
    h('h1', {}, '我的账户'),
    me.mustEnrolTotp
      ? h('p', { class: 'notice', role: 'alert' }, '管理员和市三方办账户须先绑定身份验证器（动态验证码），才能进行任何修改操作。')
      : null,
    section(
      '账户信息',
      facts([
        ['姓名', me.label],
        ['角色', roleLabel(me.role)],
        ['所属区县', me.districtCode],
        ['所属站点', me.stationId],
      ]),
    ),
    section('动态验证码（两步验证）', totpSection(ctx)),
    section('修改密码', passwordForm(ctx)),
    section('登录会话', sessionsTable(ctx, sessions)),
  );
}

function passwordForm(ctx) {
  return form({
    id: 'change-password',
    intro: '修改后，您在其他设备上的登录将全部退出。',
    submitLabel: '修改密码',
    fields: [
      { name: 'current', label: '当前密码', type: 'password', required: true, autocomplete: 'current-password' },
      { name: 'next', label: '新密码', type: 'password', required: true, hint: PASSWORD_HINT, autocomplete: 'new-password' },
      { name: 'repeat', label: '再次输入新密码', type: 'password', required: true, autocomplete: 'new-password' },
    ],
    submit: async ({ current, next, repeat }) => {
      if (next !== repeat) throw localError('两次输入的新密码不一致', 'repeat');
      await post('/api/auth/password', { current, next });
    },
    done: () => {
      ctx.toast('密码已修改，其他设备上的登录已退出');
      ctx.refresh();
    },
  });
}

function totpSection(ctx) {
  if (ctx.me.totpEnrolled) {
    return h('p', {}, badge('已绑定', 'ok'), ' 登录时需输入身份验证器中的动态验证码。');
  }
  const area = h('div', { 'data-testid': 'totp' });
  const start = h('button', { type: 'button', class: 'button button-primary' }, '开始绑定身份验证器');
  start.addEventListener('click', async () => {
    start.disabled = true;
    try {
      showEnrolment(ctx, area, await post('/api/auth/totp'));
    } catch (e) {
      area.append(h('p', { class: 'field-error', role: 'alert' }, e.message));
      start.disabled = false;
    }
  });
  area.append(
    h(
      'p',
      {},
      '使用手机上的身份验证器应用（如 Microsoft Authenticator、Google 身份验证器、FreeOTP 或其他支持 TOTP 的应用）生成登录动态验证码。',
    ),
    start,
  );
  return area;
}

function showEnrolment(ctx, area, enrolment) {
  area.replaceChildren(
    h(
      'ol',
      { class: 'steps' },
      h(
        'li',
        {},
        '在身份验证器应用中添加账户：手动输入下面的密钥，或在手机上打开链接。',
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'totp-secret' }, '密钥'),
          h('input', { id: 'totp-secret', readonly: true, value: enrolment.secret, 'data-testid': 'totp-secret' }),
        ),
        h('p', { class: 'hint otpauth-url' }, h('a', { href: enrolment.otpauthUrl }, enrolment.otpauthUrl)),
      ),
      h(
        'li',
        {},
        '抄下或打印这些恢复码，妥善保管。手机不在身边时，每个恢复码可代替动态验证码登录一次。恢复码只显示这一次。',
        h(
          'ul',
          { class: 'recovery-codes', 'data-testid': 'recovery-codes' },
          enrolment.recoveryCodes.map((c) => h('li', {}, h('code', {}, c))),
        ),
      ),
      h('li', {}, '输入应用显示的 6 位动态验证码，完成绑定。'),
    ),
    form({
      id: 'confirm-totp',
      submitLabel: '完成绑定',
      fields: [{ name: 'otp', label: '动态验证码', type: 'text', required: true, inputmode: 'numeric', autocomplete: 'one-time-code' }],
      submit: (body) => post('/api/auth/totp/confirm', body),
      done: async () => {
        ctx.toast('身份验证器已绑定');
        await ctx.reloadMe();
        ctx.refresh();
      },
    }),
  );
}

function sessionsTable(ctx, sessions) {
  if (sessions.length === 0) return empty('没有登录会话');
  const end = async (s) => {
    await del(`/api/auth/sessions/${encodeURIComponent(s.id)}`);
    ctx.toast('该会话已退出');
    ctx.refresh();
  };
  const methods = { password: '密码', 'password+totp': '密码 + 动态验证码', 'password+recovery': '密码 + 恢复码', oidc: '统一身份认证' };
  return table(
    [
      { label: '登录时间', cell: (s) => dateTime(s.createdAt) },
      { label: '最近活动', cell: (s) => dateTime(s.lastSeenAt) },
      { label: '方式', cell: (s) => methods[s.method] ?? s.method },
      { label: '浏览器', cell: (s) => s.userAgent ?? '' },
      { label: 'IP 地址', cell: (s) => s.ip ?? '' },
      {
        label: '',
        cell: (s) =>
          s.current
            ? badge('当前会话')
            : h('button', { type: 'button', class: 'button button-quiet', onclick: () => void end(s) }, '退出此会话'),
      },
    ],
    sessions,
  );
}
