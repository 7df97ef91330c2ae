import { get, withQuery } from './api.js';
import { roundStages } from './board.js';
import { empty, h, table } from './dom.js';
import { dateTime, stageLabel, untilText } from './format.js';
import { mayApply } from './permissions.js';
import { stationBadges } from './station-badges.js';
import { roundDistricts } from './districts.js';

const PAGE = 50;

/** The stations of a round, filtered by district, stage and overdue (the hash's query), page by page. */
export async function stationsView(ctx) {
  const [roundId] = ctx.params;
  const { me, query } = ctx;
  const filters = {
    districtCode: me.role === 'district' ? me.districtCode : (query.districtCode ?? ''),
    stage: query.stage ?? '',
    overdue: query.overdue === 'true' ? 'true' : '',
  };
  const [round, names, first] = await Promise.all([get(`/api/rounds/${roundId}`), ctx.districts(), fetchPage(roundId, filters)]);
  ctx.setRound(round.id);

  const rows = h('div', {});
  const more = h('button', { type: 'button', class: 'button' }, '加载更多');
  let cursor = null;
  let shown = [];
  const show = (page) => {
    shown = shown.concat(page.items);
    cursor = page.nextCursor;
    rows.replaceChildren(shown.length === 0 ? empty('没有符合条件的站点') : stationsTable(shown, names));
    count.textContent = `已显示 ${shown.length} 个站点${cursor ? '，还有更多' : ''}`;
    more.hidden = !cursor;
  };
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      show(await fetchPage(roundId, filters, cursor));
    } finally {
      more.disabled = false;
    }
  });
  const count = h('p', { class: 'muted', 'data-testid': 'station-count' });
  show(first);

  return h(
    'div',
    { class: 'page' },
    h(
      'div',
      { class: 'page-head' },
      h('div', {}, h('h1', {}, '站点列表'), h('p', { class: 'muted' }, h('a', { href: `#/rounds/${round.id}` }, round.name))),
      mayApply(me) && round.status === 'open'
        ? h('div', { class: 'page-tools' }, h('a', { class: 'button button-primary', href: `#/rounds/${round.id}/apply` }, '新建申报'))
        : null,
    ),
    h('section', { class: 'card' }, filterBar(round, filters, names, ctx), count, rows, h('div', { class: 'form-actions' }, more)),
  );
}

function fetchPage(roundId, filters, cursor) {
  return get(withQuery('/api/stations', { roundId, ...filters, limit: PAGE, cursor }));
}

function filterBar(round, filters, names, ctx) {
  const apply = () => {
    const q = new URLSearchParams();
    if (district && district.value) q.set('districtCode', district.value);
    if (stage.value) q.set('stage', stage.value);
    if (overdue.checked) q.set('overdue', 'true');
    const s = q.toString();
    ctx.go(`#/rounds/${round.id}/stations${s ? `?${s}` : ''}`);
  };
  const district =
    ctx.me.role === 'district'
      ? null
      : h(
          'select',
          { id: 'filter-district', onchange: apply },
          h('option', { value: '' }, '全部区县'),
          roundDistricts(round, names, ctx.me).map(([code, name]) =>
            h('option', { value: code, selected: code === filters.districtCode }, name),
          ),
        );
  const stage = h(
    'select',
    { id: 'filter-stage', onchange: apply },
    h('option', { value: '' }, '全部阶段'),
    roundStages(round).map((s) => h('option', { value: s, selected: s === filters.stage }, stageLabel(s))),
  );
  const overdue = h('input', { type: 'checkbox', id: 'filter-overdue', checked: filters.overdue === 'true', onchange: apply });
  return h(
    'div',
    { class: 'filters', role: 'search' },
    district
      ? h('label', { class: 'filter' }, '区县', district)
      : h('p', { class: 'filter' }, `区县：${names.get(ctx.me.districtCode) ?? ctx.me.districtCode}`),
    h('label', { class: 'filter' }, '阶段', stage),
    h('label', { class: 'filter filter-check' }, overdue, '仅看逾期'),
  );
}

function stationsTable(stations, names) {
  return table(
    [
      { label: '站点', cell: (s) => h('a', { href: `#/stations/${s.id}`, class: 'station-link' }, s.name) },
      { label: '区县', cell: (s) => names.get(s.districtCode) ?? s.districtCode },
      { label: '状态', cell: (s) => h('span', { class: 'badges' }, stationBadges(s)) },
      { label: '当前截止', cell: (s) => (s.nextDeadline ? `${dateTime(s.nextDeadline)}（${untilText(s.nextDeadline)}）` : '—') },
      { label: '更新时间', cell: (s) => dateTime(s.updatedAt) },
    ],
    stations,
    { rowClass: (s) => (s.overdue ? 'is-overdue' : '') },
  );
}
