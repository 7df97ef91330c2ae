import { ApiError, get } from './api.js';
import { h } from './dom.js';
import { session } from './session.js';

/** Signing in: paste a bearer token; it is checked with GET /api/me before it is kept. */
export function signInView({ notice, onSignedIn }) {
  const input = h('textarea', {
    id: 'token',
    rows: 3,
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'token-error token-hint',
  });
  const error = h('p', { class: 'field-error', id: 'token-error', role: 'alert', hidden: !notice }, notice ?? '');
  const button = h('button', { type: 'submit', class: 'button button-primary' }, '登录');
  const form = h(
    'form',
    { class: 'form sign-in card', novalidate: true },
    h('h1', {}, '登录工作台'),
    h('p', {}, '请粘贴管理员为您签发的访问令牌（Bearer Token）。令牌只保存在本浏览器标签页中，关闭标签页或点击“退出”即清除。'),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'token' }, '访问令牌'),
      input,
      h('p', { class: 'hint', id: 'token-hint' }, '例如 st_xxxxxxxx…'),
      error,
    ),
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
      const me = await get('/api/me');
      onSignedIn(me);
    } catch (e) {
      session.signOut();
      error.textContent = e instanceof ApiError && e.statusCode === 401 ? '令牌无效或已被撤销，请核对后重试' : e.message;
      error.hidden = false;
      button.disabled = false;
    }
  });
  return h('div', { class: 'sign-in-wrap' }, form);
}
