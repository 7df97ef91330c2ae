import { get, getOrNull, withQuery } from './api.js';
import { badge, empty, h } from './dom.js';
import { actionLabel, dateTime, stageLabel, untilText } from './format.js';
import { actionTables, ownsStation, runsRounds } from './permissions.js';
import { OPTIONAL_ACTIONS } from './station-actions.js';

/** Steps of a station that someone must take: not the round's, not a way out, back or an optional review. */
const NOT_TASKS = new Set([...OPTIONAL_ACTIONS, 'publish', 'promote']);

/**
 * What `me` must act on, overdue first, across rounds: GET /api/me/tasks. Where the service does
 * not answer it yet (404), the same list is made here from the rounds and the stations the API
 * lets `me` see, with the same rules the station page offers actions by.
 */
export async function myTasks(me) {
  const answer = await getOrNull('/api/me/tasks');
  if (answer) return answer.items ?? [];
  const rounds = (await get('/api/rounds')).filter((r) => r.status !== 'closed');
  const items = [];
  for (const round of rounds) {
    let cursor;
    do {
      const page = await get(withQuery('/api/stations', { roundId: round.id, limit: 200, cursor }));
      for (const s of page.items) {
        if (s.stage === 'closed' || !ownsStation(me, s)) continue;
        const { roles, stages } = actionTables(s);
        const action = Object.keys(stages).find((t) => !NOT_TASKS.has(t) && stages[t].includes(s.stage) && roles[t]?.includes(me.role));
        if (!action) continue;
        items.push({
          stationId: s.id,
          stationName: s.name,
          roundId: round.id,
          roundName: round.name,
          programme: s.programme,
          districtCode: s.districtCode,
          stage: s.stage,
          action,
          deadline: s.nextDeadline,
          overdue: !!s.overdue,
          ...(s.returned ? { returned: s.returned } : {}),
        });
      }
      cursor = page.nextCursor;
    } while (cursor);
  }
  return sortTasks(items);
}

/** Overdue first, then returned ones, then by deadline (none last), then by name. */
export function sortTasks(items) {
  const at = (t) => (t.deadline ? Date.parse(t.deadline) : Infinity);
  return [...items].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      Number(!!b.returned) - Number(!!a.returned) ||
      at(a) - at(b) ||
      a.stationName.localeCompare(b.stationName, 'zh-CN'),
  );
}

/** The landing page: my to-do list, filtered by round and district (only those my tasks are in, by code). */
export async function tasksView(ctx) {
  const { me, query } = ctx;
  const [all, names] = await Promise.all([myTasks(me), ctx.districts()]);
  const rounds = [...new Map(all.map((t) => [t.roundId, t.roundName])).entries()];
  const codes = [...new Set(all.map((t) => t.districtCode))].sort();
  const tasks = all.filter(
    (t) => (!query.roundId || t.roundId === query.roundId) && (!query.districtCode || t.districtCode === query.districtCode),
  );
  const overdue = tasks.filter((t) => t.overdue);
  const rest = tasks.filter((t) => !t.overdue);
  const apply = () => {
    const q = new URLSearchParams();
    if (roundSelect?.value) q.set('roundId', roundSelect.value);
    if (districtSelect?.value) q.set('districtCode', districtSelect.value);
    const s = q.toString();
    ctx.go(`#/${s ? `?${s}` : ''}`);
  };
  const roundSelect =
    rounds.length > 1
      ? h(
          'select',
          { id: 'tasks-round', onchange: apply },
          h('option', { value: '' }, '全部批次'),
          rounds.map(([id, name]) => h('option', { value: id, selected: id === query.roundId }, name)),
        )
      : null;
  const districtSelect =
    me.role !== 'district' && me.role !== 'station' && codes.length > 1
      ? h(
          'select',
          { id: 'tasks-district', onchange: apply },
          h('option', { value: '' }, '全部区县'),
          codes.map((code) => h('option', { value: code, selected: code === query.districtCode }, names.get(code) ?? code)),
        )
      : null;
  const district = (code) => names.get(code) ?? code;
  const list = (items) =>
    h(
      'ul',
      { class: 'task-list' },
      items.map((t) =>
        h(
          'li',
          { class: ['task', t.overdue && 'is-overdue', t.returned && 'is-returned'], 'data-task': t.stationId },
          h(
            'div',
            {},
            h(
              'a',
              { class: 'task-title', href: `#/stations/${t.stationId}` },
              `${t.actionLabel ?? actionLabel(t.action)}：${t.stationName}`,
            ),
            h('p', { class: 'muted' }, `${district(t.districtCode)} · ${t.roundName} · 当前环节：${stageLabel(t.stage)}`),
            t.returned ? h('p', {}, badge('已退回', 'warn'), ` 退回理由：${t.returned.reason}`) : null,
          ),
          h(
            'div',
            { class: 'task-when' },
            t.deadline ? h('div', {}, `截止 ${dateTime(t.deadline)}`) : h('div', { class: 'muted' }, '无截止日期'),
            t.deadline ? h('div', { class: t.overdue ? 'field-error' : 'muted' }, untilText(t.deadline)) : null,
            t.overdue ? badge('逾期', 'danger') : null,
          ),
        ),
      ),
    );
  return h(
    'div',
    { class: 'page', 'data-testid': 'tasks' },
    h(
      'div',
      { class: 'page-head' },
      h(
        'div',
        {},
        h('h1', {}, '我的待办'),
        h('p', { class: 'muted' }, tasks.length ? `共 ${tasks.length} 项，其中逾期 ${overdue.length} 项` : '当前没有需要您办理的事项'),
      ),
      h(
        'div',
        { class: 'page-tools' },
        roundSelect ? h('label', { class: 'filter' }, '批次 ', roundSelect) : null,
        districtSelect ? h('label', { class: 'filter' }, '区县 ', districtSelect) : null,
      ),
    ),
    overdue.length
      ? h('section', { class: 'card', 'data-testid': 'tasks-overdue' }, h('h2', {}, `已逾期（${overdue.length}）`), list(overdue))
      : null,
    h(
      'section',
      { class: 'card', 'data-testid': 'tasks-open' },
      h('h2', {}, `待办理（${rest.length}）`),
      rest.length ? list(rest) : empty(overdue.length ? '其余事项均已办理' : '暂无待办事项'),
    ),
    await roundsCard(ctx),
  );
}

/** The rounds, so that the landing page leads on to each round's board and calendar. */
async function roundsCard(ctx) {
  const { me } = ctx;
  const rounds = await get('/api/rounds');
  const stationLink = me.role === 'station' ? h('p', {}, h('a', { href: `#/stations/${me.stationId}` }, '查看本站点')) : null;
  if (rounds.length === 0)
    return h(
      'section',
      { class: 'card' },
      h('h2', {}, '培育批次'),
      runsRounds(me)
        ? h('p', {}, h('a', { href: '#/rounds/new', class: 'button button-primary' }, '新建第一个批次'))
        : h('p', {}, '市级办公室创建批次后，这里将显示批次的日程与进度。'),
    );
  return h(
    'section',
    { class: 'card', 'data-testid': 'rounds' },
    h('h2', {}, '培育批次'),
    stationLink,
    h(
      'ul',
      { class: 'plain' },
      rounds.map((r) =>
        h(
          'li',
          {},
          h('a', { href: `#/rounds/${r.id}` }, r.name),
          ` · ${r.status === 'open' ? '进行中' : r.status === 'published' ? '名单已发布' : '已结束'}`,
        ),
      ),
    ),
  );
}
