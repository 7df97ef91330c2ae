import { get } from './api.js';
import { badge, empty, facts, h, section, table } from './dom.js';
import { board } from './board.js';
import { dateTime, roundDateLabel } from './format.js';
import { mayApply, runsRounds } from './permissions.js';
import { reminderPlanSection, remindersSection } from './reminders.js';
import { roundActionForms } from './round-forms.js';
import { timeline } from './timeline.js';
import { roundDownloads } from './round-downloads.js';
import { exportsSection } from './downloads.js';

const ROUND_STATUS = { open: ['进行中', 'ok'], published: ['名单已发布', 'info'], closed: ['已结束', 'muted'] };
const PROGRAMMES = { 'six-haves': '“六有”培育', 'star-rating': '星级评定' };

/** A round: its timeline, the districts × stages board, the city office's actions, changes and reminders. */
export async function roundView(ctx) {
  const [id] = ctx.params;
  const [round, rounds, names] = await Promise.all([get(`/api/rounds/${id}`), get('/api/rounds'), ctx.districts()]);
  ctx.setRound(round.id);
  const { me } = ctx;
  return h(
    'div',
    { class: 'page' },
    h(
      'div',
      { class: 'page-head' },
      h(
        'div',
        {},
        h('h1', {}, round.name),
        h(
          'p',
          { class: 'muted' },
          `${round.code} · ${PROGRAMMES[round.programme] ?? round.programme} · `,
          badge(...ROUND_STATUS[round.status]),
          serviceCutoffNote(round),
        ),
      ),
      h(
        'div',
        { class: 'page-tools' },
        rounds.length > 1 ? roundPicker(rounds, round.id, ctx) : null,
        mayApply(me) && round.status === 'open'
          ? h('a', { class: 'button button-primary', href: `#/rounds/${round.id}/apply` }, '新建申报')
          : null,
        roundDownloads(round, me),
      ),
    ),
    calendarWarning(round),
    section('日程', timeline(round)),
    me.role === 'station'
      ? null
      : section(
          me.role === 'district' ? `进度看板（${names.get(me.districtCode) ?? me.districtCode}）` : '进度看板（区县 × 阶段）',
          board(round, names, me),
        ),
    runsRounds(me) && round.status !== 'closed' ? section('批次管理', h('div', { class: 'actions' }, roundActionForms(round, ctx))) : null,
    exportsSection(round, me),
    publicationsSection(round),
    round.promotion
      ? section(
          '总结推广',
          facts([
            ['总结', round.promotion.summary],
            ['提交时间', dateTime(round.promotion.at)],
            ['提交人', round.promotion.by],
          ]),
        )
      : null,
    section('截止日期调整记录', changesTable(round.changes)),
    reminderPlanSection(round),
    remindersSection('提醒记录', { roundId: round.id, ...(me.role === 'district' ? { districtCode: me.districtCode } : {}) }),
  );
}

/** The cut-off eligibility counts service up to (six-haves rounds), and whether it is the default. */
function serviceCutoffNote(round) {
  if (round.programme !== 'six-haves') return null;
  return h(
    'span',
    { 'data-testid': 'service-cutoff' },
    ` · 服务年限计至 ${round.serviceCutoff}${round.serviceCutoffDefault ? '（默认）' : ''}`,
  );
}

/** Years the round's reminders are planned in as plain Monday–Friday (missing from the work calendar). */
function calendarWarning(round) {
  const warning = round.workCalendarWarning;
  if (!warning) return null;
  return h(
    'section',
    { class: 'card card-warn', role: 'status', 'data-testid': 'calendar-warning' },
    h('h2', {}, `工作日历缺少 ${warning.years.join('、')} 年`),
    h('p', {}, warning.message),
  );
}

/** The first list and each supplementary list (补充名单), with its document number. */
function publicationsSection(round) {
  const lists = round.publications?.length ? round.publications : round.publication ? [round.publication] : [];
  if (lists.length === 0) return null;
  if (lists.length === 1) {
    const [p] = lists;
    return section(
      '名单发布',
      facts([
        ['发布文号', p.documentNo ?? '—'],
        ['发布时间', dateTime(p.at)],
        ['发布人', p.by],
        ['入选站点', `${p.listed} 个`],
      ]),
    );
  }
  return section(
    '名单发布',
    table(
      [
        { label: '名单', cell: (p) => (p.supplementary ? '补充名单' : '首批名单') },
        { label: '发布文号', cell: (p) => p.documentNo ?? '—' },
        { label: '发布时间', cell: (p) => dateTime(p.at) },
        { label: '发布人', cell: (p) => p.by },
        { label: '入选站点', cell: (p) => `${p.listed} 个` },
      ],
      lists,
    ),
  );
}

function roundPicker(rounds, current, ctx) {
  const select = h(
    'select',
    { 'aria-label': '切换批次', onchange: (e) => ctx.go(`#/rounds/${e.target.value}`) },
    rounds.map((r) => h('option', { value: r.id, selected: r.id === current }, r.name)),
  );
  return h('label', { class: 'picker' }, '批次 ', select);
}

function changesTable(changes) {
  if (!changes?.length) return empty('截止日期未调整过');
  return table(
    [
      { label: '调整时间', cell: (c) => dateTime(c.at) },
      { label: '调整人', cell: (c) => c.by },
      {
        label: '调整内容',
        cell: (c) =>
          h(
            'ul',
            { class: 'plain' },
            Object.entries(c.changed ?? {}).map(([k, v]) => h('li', {}, `${roundDateLabel(k)}：${dateTime(v.from)} → ${dateTime(v.to)}`)),
          ),
      },
      { label: '理由', cell: (c) => c.reason },
    ],
    [...changes].reverse(),
  );
}
