import { get, withQuery } from './api.js';
import { empty, h, table } from './dom.js';
import { printButton } from './downloads.js';
import { date, dateTime, levelLabel, stageLabel, outcomeLabel } from './format.js';
import { starsName } from './rubric-score.js';

/** Every station of a round the viewer may see (the API scopes a district to its own). */
async function allStations(roundId) {
  const out = [];
  let cursor;
  do {
    const page = await get(withQuery('/api/stations', { roundId, limit: 200, cursor }));
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

const byName = (a, b) => a.districtCode.localeCompare(b.districtCode) || a.name.localeCompare(b.name, 'zh-CN');

/**
 * Pages made for paper (`#/rounds/<id>/print/summary`, `…/print/published`): the summary table per
 * district, one district a page, and the published list; the print styles drop navigation and
 * buttons, print black on white and repeat each table's header on every page.
 */
export async function printView(ctx) {
  const [roundId, kind] = ctx.params;
  const [round, names, stations] = await Promise.all([get(`/api/rounds/${roundId}`), ctx.districts(), allStations(roundId)]);
  ctx.setRound(round.id);
  const district = (s) => names.get(s.districtCode) ?? s.districtCode;
  const star = round.programme === 'star-rating';
  const body = kind === 'published' ? publishedList(round, stations, district, star) : summary(round, stations, district, star, names);
  return h(
    'div',
    { class: 'page print-sheet', 'data-print-kind': kind },
    h(
      'div',
      { class: 'page-head' },
      h('div', {}, h('h1', {}, body.title), h('p', { class: 'muted' }, round.name)),
      h(
        'div',
        { class: 'page-tools' },
        h('a', { class: 'button button-quiet', href: `#/rounds/${round.id}` }, '返回批次'),
        printButton('打印'),
      ),
    ),
    body.content,
    h('p', { class: 'print-only muted' }, `打印时间：${dateTime(new Date().toISOString())}（北京时间）`),
  );
}

function publishedList(round, stations, district, star) {
  const listed = stations.filter((s) => s.outcome === 'listed').sort(byName);
  const lists = round.publications?.length ? round.publications : round.publication ? [round.publication] : [];
  const documents = lists.map((p) => `${p.supplementary ? '补充名单' : '名单'}${p.documentNo ? ` ${p.documentNo}` : ''}（${date(p.at)}）`);
  const groups = star
    ? [5, 4, 3].map((n) => [starsName(n), listed.filter((s) => s.starRating?.stars === n)])
    : ['city', 'district'].map((level) => [`${levelLabel(level)}站点`, listed.filter((s) => s.level === level)]);
  const columns = [
    { label: '序号', cell: (s) => String(s.index) },
    { label: star ? '服务站名称' : '站点名称', cell: (s) => s.name },
    { label: '所在区县', cell: district },
    { label: star ? '申报单位' : '承担单位', cell: (s) => s.application?.hostUnit ?? '—' },
    { label: '地址', cell: (s) => s.application?.address ?? '—' },
  ];
  return {
    title: '入选名单',
    content: h(
      'section',
      { class: 'card' },
      documents.length ? h('p', {}, `发布文号：${documents.join('；')}`) : null,
      listed.length === 0
        ? empty('尚无入选站点')
        : groups
            .filter(([, rows]) => rows.length)
            .map(([title, rows]) =>
              h(
                'div',
                { class: 'print-group' },
                h('h2', {}, `${title}（${rows.length} 个）`),
                table(
                  columns,
                  rows.map((s, i) => ({ ...s, index: i + 1 })),
                ),
              ),
            ),
    ),
  };
}

const score = (sheet) => (sheet ? String(sheet.score.total) : '—');

function summary(round, stations, district, star, names) {
  const columns = star
    ? [
        { label: '序号', cell: (s) => String(s.index) },
        { label: '服务站名称', cell: (s) => s.name },
        { label: '自评得分', cell: (s) => score(s.starRating?.selfScore) },
        { label: '复评得分', cell: (s) => score(s.starRating?.districtReview) },
        { label: '评定得分', cell: (s) => score(s.starRating?.cityRating) },
        {
          label: '审定星级',
          cell: (s) => (s.starRating?.stars === null || s.starRating?.stars === undefined ? '—' : starsName(s.starRating.stars)),
        },
        { label: '撤并提示', cell: (s) => (s.starRating?.exitReview?.flagged ? s.starRating.exitReview.reason : '') },
        { label: '当前状态', cell: (s) => (s.outcome ? outcomeLabel(s.outcome) : stageLabel(s.stage)) },
      ]
    : [
        { label: '序号', cell: (s) => String(s.index) },
        { label: '站点名称', cell: (s) => s.name },
        { label: '承担单位', cell: (s) => s.application?.hostUnit ?? '—' },
        { label: '站点地址', cell: (s) => s.application?.address ?? '—' },
        { label: '联系人', cell: (s) => [s.application?.contact?.name, s.application?.contact?.phone].filter(Boolean).join(' ') || '—' },
        { label: '建站时间', cell: (s) => s.application?.establishedOn ?? '—' },
        { label: '累计服务（人次）', cell: (s) => String(s.application?.workerVisitsServed ?? '—') },
        { label: '当前状态', cell: (s) => (s.outcome ? outcomeLabel(s.outcome) : stageLabel(s.stage)) },
      ];
  // The annex-1 summary lists the stations each district recommended; the star summary every rated or registered one.
  const rows = stations
    .filter((s) => (star ? s.stage !== 'registration' && s.outcome !== 'withdrawn' : s.recommendation?.recommended))
    .sort(byName);
  const codes = [...new Set(rows.map((s) => s.districtCode))].sort();
  return {
    title: star ? '星级评定汇总表' : '推荐站点基本信息汇总表',
    content:
      rows.length === 0
        ? h('section', { class: 'card' }, empty(star ? '尚无评分的服务站' : '尚无区县推荐的站点'))
        : codes.map((code) => {
            const own = rows.filter((s) => s.districtCode === code).map((s, i) => ({ ...s, index: i + 1 }));
            return h(
              'section',
              { class: 'card print-page', 'data-district': code },
              h('h2', {}, `填报单位：${names.get(code) ?? code}`),
              table(columns, own, { caption: `共 ${own.length} 个` }),
            );
          }),
  };
}
