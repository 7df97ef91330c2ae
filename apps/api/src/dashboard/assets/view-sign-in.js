import { ApiError, get, post } from './api.js';
import { h } from './dom.js';
import { session } from './session.js';

/**
 * Signing in: a person with user name and password (and the authenticator's code once enrolled),
 * or single sign-on when the office has an identity provider. A program's or an admin's bearer
 * token still signs in under "使用访问令牌".
 */
export function signInView({ notice, onSignedIn }) {
  const error = h('p', { class: 'form-alert', id: 'sign-in-error', role: 'alert', hidden: !notice }, notice ?? '');
  const showError = (text) => {
    error.textContent = text;
    error.hidden = false;
  };
  const field = (id, label, input, hint) =>
    h('div', { class: 'field', id: `${id}-field` }, h('label', { for: id }, label), input, hint ? h('p', { class: 'hint' }, hint) : null);
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const otp = h('input', { id: 'otp', name: 'otp', autocomplete: 'one-time-code', inputmode: 'numeric', spellcheck: 'false' });
  const otpField = field('otp', '动态验证码', otp, '身份验证器应用中的 6 位数字；手机不在身边时可填写一个恢复码。');
  otpField.hidden = true;
  const button = h('button', { type: 'submit', class: 'button button-primary' }, '登录');
  const sso = h('p', { class: 'sso', hidden: true }, h('a', { href: '/api/auth/oidc/login', class: 'button' }, '使用统一身份认证登录'));
  void get('/api/auth/oidc').then(
    (s) => (sso.hidden = !s.enabled),
    () => undefined,
  );

  const form = h(
    'form',
    { class: 'form sign-in card', novalidate: true, 'data-form': 'sign-in' },
    h('h1', {}, '登录工作台'),
    error,
    field('username', '用户名', username),
    field('password', '密码', password),
    otpField,
    h('div', { class: 'form-actions' }, button, h('a', { href: '#/password-reset', class: 'quiet-link' }, '忘记密码')),
    sso,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    if (!username.value.trim() || !password.value) return showError('请填写用户名和密码');
    button.disabled = true;
    try {
      const body = { username: username.value.trim(), password: password.value };
      if (!otpField.hidden && otp.value.trim()) body.otp = otp.value.trim();
      const signedIn = await post('/api/auth/login', body);
      session.setCsrf(signedIn.csrfToken);
      password.value = '';
      onSignedIn(await get('/api/me'));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.code === 'AUTH.OTP_REQUIRED') {
        otpField.hidden = false;
        otp.focus();
      } else if (e.code === 'AUTH.OTP_INVALID') {
        otp.value = '';
        otp.focus();
      }
      showError(e.message);
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { class: 'sign-in-wrap' }, form, tokenSignIn({ onSignedIn }));
}

/** The secondary way in: paste a bearer token; it is checked with GET /api/me before it is kept. */
function tokenSignIn({ onSignedIn }) {
  const input = h('textarea', { id: 'token', rows: 3, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'token-error' });
  const error = h('p', { class: 'field-error', id: 'token-error', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit', class: 'button' }, '用令牌登录');
  const form = h(
    'form',
    { class: 'form', novalidate: true, 'data-form': 'token-sign-in' },
    h('p', { class: 'hint' }, '供程序对接和管理员使用。令牌只保存在本浏览器标签页中，关闭标签页或点击“退出”即清除。'),
    h('div', { class: 'field' }, h('label', { for: 'token' }, '访问令牌'), input, error),
    h('div', { class: 'form-actions' }, button),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    error.hidden = true;
    if (!token) {
      error.textContent = '请填写访问令牌';
      error.hidden = false;
      return;
    }
    button.disabled = true;
    session.signIn(token);
    try {
      onSignedIn(await get('/api/me'));
    } catch (e) {
      session.signOut();
      error.textContent = e instanceof ApiError && e.statusCode === 401 ? '令牌无效或已被撤销，请核对后重试' : e.message;
      error.hidden = false;
      button.disabled = false;
    }
  });
  return h('details', { class: 'card token-sign-in' }, h('summary', {}, '使用访问令牌'), form);
}
