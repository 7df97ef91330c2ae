import { ApiError, get, patch, post } from './api.js';
import { badge, empty, h, section, table } from './dom.js';
import { roleLabel } from './format.js';
import { foldable, form } from './forms.js';

/** The roles each manager creates: the admin any, the city office district, station and expert people (shared/API.md). */
const CREATES = { admin: ['admin', 'city', 'district', 'station', 'expert'], city: ['district', 'station', 'expert'] };

/** 用户管理 (admin, city): the people's accounts; create one (an invitation mail goes out), disable or enable it. */
export async function usersView(ctx) {
  const [users, districts] = await Promise.all([get('/api/users'), ctx.districts()]);
  const change = async (u, body, done) => {
    try {
      await patch(`/api/users/${u.id}`, body);
      ctx.toast(done);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      ctx.toast(`未能完成：${e.message}`);
    }
    ctx.refresh();
  };
  const toggle = (u) =>
    change(u, { disabled: !u.disabled }, u.disabled ? `已启用 ${u.displayName}` : `已停用 ${u.displayName}，其登录已全部退出`);
  const quiet = (text, onclick) => h('button', { type: 'button', class: 'button button-quiet', onclick }, text);
  const state = (u) => (u.disabled ? badge('已停用', 'danger') : u.passwordSet ? badge('正常', 'ok') : badge('待接受邀请', 'warn'));
  const scope = (u) =>
    u.districtCode ? (districts.get(u.districtCode) ?? u.districtCode) : u.stationId ? `站点 ${u.stationId.slice(0, 8)}…` : '';
  return h(
    'div',
    { class: 'page', 'data-testid': 'users' },
    h('h1', {}, '用户管理'),
    h(
      'p',
      { class: 'muted' },
      ctx.me.role === 'city'
        ? '市三方办管理区县、站点和评估专家账户。'
        : '管理员管理全部账户。新建账户后，系统向其邮箱发送邀请链接（72 小时内有效），由本人设置密码。',
    ),
    foldable('新建账户', createForm(ctx, districts), { id: 'new-user' }),
    section(
      '账户',
      users.length === 0
        ? empty('暂无账户')
        : table(
            [
              { label: '用户名', cell: (u) => u.username },
              { label: '姓名', cell: (u) => u.displayName },
              { label: '角色', cell: (u) => roleLabel(u.role) },
              { label: '范围', cell: scope },
              { label: '邮箱', cell: (u) => u.email },
              { label: '状态', cell: state },
              { label: '动态验证码', cell: (u) => (u.totpEnrolled ? '已绑定' : '未绑定') },
              {
                label: '',
                cell: (u) => [
                  h(
                    'button',
                    {
                      type: 'button',
                      class: ['button', u.disabled ? '' : 'button-danger'],
                      onclick: () => void toggle(u),
                      'data-user': u.username,
                    },
                    u.disabled ? '启用' : '停用',
                  ),
                  u.disabled ? null : quiet('强制退出', () => void change(u, { endSessions: true }, `${u.displayName} 的登录已全部退出`)),
                  // a lost or expired invitation: a new link, the old one stops working
                  u.disabled || u.passwordSet
                    ? null
                    : quiet(
                        '重新发送邀请',
                        () => void change(u, { resendInvitation: true }, `已向 ${u.email} 重新发送邀请（72 小时内有效）`),
                      ),
                  u.totpEnrolled
                    ? quiet('重置动态验证码', () => void change(u, { resetTotp: true }, `已解除 ${u.displayName} 的身份验证器，须重新绑定`))
                    : null,
                ],
              },
            ],
            users,
          ),
    ),
  );
}

function createForm(ctx, districts) {
  return form({
    id: 'create-user',
    intro: '区县账户须选择所属区县，站点账户须填写站点编号。',
    submitLabel: '创建并发送邀请',
    fields: [
      { name: 'username', label: '用户名', type: 'text', required: true, hint: '3 至 64 个字母、数字或 . _ @ -，登录时不区分大小写' },
      { name: 'displayName', label: '姓名', type: 'text', required: true, hint: '显示在操作记录中' },
      { name: 'email', label: '邮箱', type: 'email', required: true, hint: '邀请和重置密码的邮件发往此地址' },
      {
        name: 'role',
        label: '角色',
        type: 'select',
        required: true,
        options: CREATES[ctx.me.role].map((r) => ({ value: r, label: roleLabel(r) })),
      },
      {
        name: 'districtCode',
        label: '所属区县（区县账户）',
        type: 'select',
        options: [{ value: '', label: '—' }, ...[...districts].map(([code, name]) => ({ value: code, label: `${name}（${code}）` }))],
      },
      { name: 'stationId', label: '站点编号（站点账户）', type: 'text' },
    ],
    toBody: (v) => ({
      username: v.username,
      displayName: v.displayName,
      email: v.email,
      role: v.role,
      ...(v.role === 'district' && v.districtCode ? { districtCode: v.districtCode } : {}),
      ...(v.role === 'station' && v.stationId ? { stationId: v.stationId } : {}),
    }),
    submit: (body) => post('/api/users', body),
    done: (user) => {
      ctx.toast(`已创建 ${user.displayName}，邀请邮件已发送到 ${user.email}`);
      ctx.refresh();
    },
  });
}
