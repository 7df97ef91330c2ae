import { ApiError, post } from './api.js';
import { h } from './dom.js';
import { form } from './forms.js';

/**
 * The pages a person reaches without signing in: from the invitation mail (set the first
 * password), from the reset mail (set a new one), the request for a reset link ("忘记密码"), and the
 * notice that single sign-on found no account.
 */
const PASSWORD_HINT = '12 至 128 个字符，可用任意字符（含空格和中文）；不能是常见密码，也不能包含用户名。建议使用一句好记的话。';

function passwordPage({ title, intro, path, done }) {
  let finished = false;
  const card = h('section', { class: 'card sign-in' });
  const passwordForm = form({
    id: 'set-password',
    title,
    intro,
    submitLabel: '设置密码',
    fields: [
      { name: 'password', label: '新密码', type: 'password', required: true, hint: PASSWORD_HINT, autocomplete: 'new-password' },
      { name: 'repeat', label: '再次输入新密码', type: 'password', required: true, autocomplete: 'new-password' },
    ],
    submit: async ({ password, repeat }) => {
      if (password !== repeat) throw localError('两次输入的密码不一致', 'repeat');
      await post(path, { password });
      finished = true;
    },
    done: () => {
      if (finished)
        card.replaceChildren(
          h('h1', {}, '密码已设置'),
          h('p', {}, done),
          h('p', {}, h('a', { href: '#/', class: 'button button-primary' }, '去登录')),
        );
    },
  });
  card.append(passwordForm);
  return h('div', { class: 'sign-in-wrap' }, card);
}

/** A refusal made on the page itself, shown like the API's (forms.js places it at its field). */
export const localError = (message, field) => new ApiError(400, { code: 'LOCAL', message, details: [`${field}: ${message}`] });

export function invitationView(token) {
  return passwordPage({
    title: '接受邀请，设置登录密码',
    intro: '欢迎使用站点培育工作台。请为您的账户设置登录密码，此链接仅可使用一次。',
    path: `/api/auth/invitations/${encodeURIComponent(token)}`,
    done: '现在可以用您的用户名和新密码登录。',
  });
}

export function passwordResetView(token) {
  return passwordPage({
    title: '重置登录密码',
    intro: '请设置新的登录密码。设置后，此账户在其他设备上的登录将全部失效。',
    path: `/api/auth/password-reset/${encodeURIComponent(token)}`,
    done: '新密码已生效，请重新登录。',
  });
}

export function passwordResetRequestView() {
  const card = h('section', { class: 'card sign-in' });
  card.append(
    form({
      id: 'password-reset-request',
      title: '忘记密码',
      intro: '请输入您的用户名。如果账户存在，重置链接将发送到账户登记的邮箱，1 小时内有效。',
      submitLabel: '发送重置链接',
      fields: [{ name: 'username', label: '用户名', type: 'text', required: true, autocomplete: 'username' }],
      submit: (body) => post('/api/auth/password-reset', body),
      done: () =>
        card.replaceChildren(
          h('h1', {}, '请查收邮件'),
          h('p', {}, '如果该用户名存在，重置密码的链接已发送到登记的邮箱。没有收到时，请检查垃圾邮件，或联系管理员。'),
          h('p', {}, h('a', { href: '#/' }, '返回登录')),
        ),
    }),
  );
  return h('div', { class: 'sign-in-wrap' }, card);
}

export function ssoFailedView() {
  return h(
    'div',
    { class: 'sign-in-wrap' },
    h(
      'section',
      { class: 'card sign-in', role: 'alert' },
      h('h1', {}, '统一身份认证未能登录'),
      h('p', {}, '身份提供方没有给出已验证的邮箱，或系统中没有与该邮箱对应的有效账户。系统不会自动创建账户，请联系管理员开通。'),
      h('p', {}, h('a', { href: '#/', class: 'button' }, '返回登录')),
    ),
  );
}
