import { ApiError, get, post, UNAUTHENTICATED_EVENT } from './api.js';
import { badge, h, mount } from './dom.js';
import { roleLabel } from './format.js';
import { isAdmin, mayApply, runsRounds } from './permissions.js';
import { session } from './session.js';
import { outboxView } from './view-outbox.js';
import { accountView } from './view-account.js';
import { invitationView, passwordResetRequestView, passwordResetView, ssoFailedView } from './view-account-links.js';
import { usersView } from './view-users.js';
import { panelView } from './view-panel.js';
import { myReviewsView, reviewView } from './view-reviews.js';
import { applicationView } from './view-application.js';
import { districtsView } from './view-districts.js';
import { roundView } from './view-round.js';
import { newRoundView } from './view-new-round.js';
import { printView } from './view-print.js';
import { tasksView } from './view-tasks.js';
import { signInView } from './view-sign-in.js';
import { stationView } from './view-station.js';
import { stationsView } from './view-stations.js';

const UUID = '([0-9a-f-]{36})';
/** Hash routes (the server serves one page): `#/rounds/<id>/stations?stage=filing`. */
const ROUTES = [
  { path: /^\/$/, view: homeView },
  { path: /^\/rounds\/new$/, view: newRoundView, allowed: runsRounds },
  { path: new RegExp(`^/rounds/${UUID}$`), view: roundView },
  { path: new RegExp(`^/rounds/${UUID}/stations$`), view: stationsView },
  { path: new RegExp(`^/rounds/${UUID}/apply$`), view: applicationView, allowed: mayApply },
  { path: new RegExp(`^/rounds/${UUID}/print/(summary|published)$`), view: printView, allowed: (me) => me.role !== 'station' },
  { path: new RegExp(`^/stations/${UUID}$`), view: stationView },
  { path: /^\/outbox$/, view: outboxView, allowed: runsRounds },
  { path: /^\/account$/, view: accountView },
  { path: /^\/users$/, view: usersView, allowed: runsRounds },
  { path: /^\/districts$/, view: districtsView, allowed: mayApply },
  { path: new RegExp(`^/rounds/${UUID}/panel$`), view: panelView, allowed: runsRounds },
  { path: /^\/reviews$/, view: myReviewsView, allowed: (me) => me.role === 'expert' },
  { path: new RegExp(`^/reviews/${UUID}$`), view: reviewView, allowed: (me) => me.role === 'expert' },
];

/** Pages reached from a mail or the sign-in page, shown whether or not anyone is signed in. */
const TOKEN = '([A-Za-z0-9_-]{20,100})';
const PUBLIC_ROUTES = [
  { path: new RegExp(`^/invitation/${TOKEN}$`), view: invitationView },
  { path: new RegExp(`^/password-reset/${TOKEN}$`), view: passwordResetView },
  { path: /^\/password-reset$/, view: passwordResetRequestView },
  { path: /^\/sign-in\/sso-failed$/, view: ssoFailedView },
];

/** The public page of the current hash, rendered; false when the hash names none. */
function renderPublic() {
  const { path } = parseHash();
  const route = PUBLIC_ROUTES.find((r) => r.path.test(path));
  if (!route) return false;
  mount(main, route.view(...path.match(route.path).slice(1)));
  main.removeAttribute('aria-busy');
  document.title = `${main.querySelector('h1, h3')?.textContent ?? ''} · 站点培育工作台`;
  return true;
}

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const toastEl = document.getElementById('toast');

let me = null;
let districts = null;
let currentRoundId = null;
let renderSeq = 0;

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?');
  return { path, query: Object.fromEntries(new URLSearchParams(query)) };
}

export function go(hash) {
  if (location.hash === hash) void render();
  else location.hash = hash;
}

function toast(message) {
  toastEl.textContent = message;
  toastEl.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (toastEl.hidden = true), 4000);
}

/** Districts by code, fetched once per sign-in. */
async function districtNames() {
  districts ??= new Map((await get('/api/districts')).map((d) => [d.code, d.name]));
  return districts;
}

function renderChrome() {
  if (!me) {
    nav.replaceChildren();
    who.replaceChildren();
    return;
  }
  const round = currentRoundId;
  const link = (href, text, show = true) => (show ? h('a', { href, class: 'nav-link' }, text) : null);
  mount(
    nav,
    link('#/', '我的待办', me.role !== 'expert'),
    link(`#/rounds/${round}`, '批次概览', !!round && me.role !== 'expert'),
    link('#/reviews', '我的评审', me.role === 'expert'),
    link(`#/rounds/${round}/panel`, '评估工作组', !!round && runsRounds(me)),
    link(round ? `#/rounds/${round}/stations` : '#/', '站点列表', !!round && me.role !== 'station'),
    link(`#/stations/${me.stationId}`, '本站点', me.role === 'station'),
    link('#/outbox', '邮件外发箱', runsRounds(me)),
    link('#/districts', '区县联系人', mayApply(me)),
    link('#/rounds/new', '新建批次', runsRounds(me)),
    link('#/users', '用户管理', runsRounds(me)),
    link('#/account', '我的账户'),
  );
  mount(
    who,
    h('span', { class: 'who-label', 'data-testid': 'who' }, me.label),
    badge(roleLabel(me.role), 'role'),
    h('button', { type: 'button', class: 'button button-quiet', onclick: () => signOut(undefined, { logout: true }) }, '退出'),
  );
}

/**
 * Ends a person's session on the server (logout), forgets the token or CSRF token; `keepPlace`
 * keeps the page's address so that signing in again returns to it.
 */
function signOut(notice, { keepPlace = false, logout = false } = {}) {
  if (logout && me?.kind === 'session') void post('/api/auth/logout').catch(() => undefined);
  session.signOut();
  // A page still loading for the caller who left must not replace the sign-in form when it arrives.
  renderSeq++;
  me = null;
  districts = null;
  currentRoundId = null;
  renderChrome();
  if (!keepPlace) history.replaceState(null, '', location.pathname);
  if (!renderPublic()) mount(main, signInView({ notice, onSignedIn }));
}

function onSignedIn(who) {
  me = who;
  if (who.kind === 'session') session.setCsrf(who.csrfToken);
  renderChrome();
  if (location.hash && location.hash !== '#/') void render();
  else go('#/');
}

/** Shows the page of the current hash; `keepScroll` when the same page is redrawn after an action. */
async function render({ keepScroll = false } = {}) {
  if (renderPublic()) return;
  if (!me) return signOut(undefined, { keepPlace: true });
  const seq = ++renderSeq;
  const { path, query } = parseHash();
  const route = ROUTES.find((r) => r.path.test(path));
  const params = route ? path.match(route.path).slice(1) : [];
  let redirected = null;
  const ctx = {
    me,
    params,
    query,
    districts: districtNames,
    go,
    toast,
    refresh: () => render({ keepScroll: true }),
    redirect: (hash) => {
      redirected = hash;
      return null;
    },
    /** Views call this with the round they show, so the navigation follows it. */
    setRound: (id) => {
      if (currentRoundId !== id) {
        currentRoundId = id;
        renderChrome();
      }
    },
    isAdmin: isAdmin(me),
    /** After the account changed (TOTP enrolled): who am I now. */
    reloadMe: async () => {
      me = await get('/api/me');
      renderChrome();
    },
  };
  main.setAttribute('aria-busy', 'true');
  let content;
  try {
    if (!route) content = notFound('页面不存在');
    else if (route.allowed && !route.allowed(me)) content = notFound('当前角色无权访问此页面');
    else content = await route.view(ctx);
  } catch (e) {
    if (!(e instanceof ApiError)) console.error(e);
    content = e instanceof ApiError && e.statusCode === 404 ? notFound('未找到：记录不存在，或不在您的查看范围内') : errorCard(e);
  }
  if (seq !== renderSeq) return; // a newer navigation won
  if (redirected) {
    history.replaceState(null, '', redirected);
    return render();
  }
  main.removeAttribute('aria-busy');
  mount(main, content);
  document.title = `${main.querySelector('h1')?.textContent ?? ''} · 站点培育工作台`;
  if (!keepScroll) {
    window.scrollTo(0, 0);
    main.focus({ preventScroll: true });
  }
}

/** The landing page: my to-do list, unless an admin or city person must first enrol TOTP (they may not write yet). */
function homeView(ctx) {
  if (me.mustEnrolTotp) return ctx.redirect('#/account');
  // An expert's work is the reviews assigned to them.
  if (me.role === 'expert') return ctx.redirect('#/reviews');
  return tasksView(ctx);
}

function notFound(text) {
  return h('section', { class: 'card', 'data-testid': 'not-found' }, h('h1', {}, text), h('p', {}, h('a', { href: '#/' }, '返回首页')));
}

function errorCard(e) {
  const code = e instanceof ApiError ? e.code : 'CLIENT';
  return h(
    'section',
    { class: 'card card-error', role: 'alert' },
    h('h1', {}, '出错了'),
    h('p', {}, e.message),
    h('p', { class: 'muted' }, `错误代码：${code}`),
  );
}

window.addEventListener('hashchange', () => void render());
window.addEventListener(UNAUTHENTICATED_EVENT, () => {
  if (me)
    signOut(me.kind === 'session' ? '登录已超时或已在别处退出，请重新登录' : '登录已失效（令牌无效或已被撤销），请重新登录', {
      keepPlace: true,
    });
});

/** A token in this tab, or a person's session cookie: GET /api/me says which, if either. */
async function boot() {
  if (renderPublic()) return;
  try {
    onSignedIn(await get('/api/me'));
  } catch (e) {
    const unauthenticated = e instanceof ApiError && e.statusCode === 401;
    signOut(unauthenticated ? (session.token() ? '登录已失效，请重新登录' : undefined) : e.message, { keepPlace: true });
  }
}

void boot();
