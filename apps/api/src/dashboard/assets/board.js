import vocab from './vocabulary.js';
import { h } from './dom.js';
import { stageLabel } from './format.js';

/**
 * The stages a round's stations can wait in: the ones held to a date the round has (which dates
 * depends on its programme), the undated ones, and any that holds stations.
 */
export function roundStages(round) {
  return vocab.stages.filter((s) => {
    const key = vocab.stageDeadline[s];
    return key === null || !!round.deadlines[key] || (round.stageCounts?.[s] ?? 0) > 0;
  });
}

/**
 * Districts × stages: how many stations wait in each stage, overdue ones highlighted. Every count
 * links to the station list filtered the same way. A district sees its own row only.
 */
export function board(round, names, me) {
  const codes = me.role === 'district' ? [me.districtCode] : Object.keys(round.byDistrict).sort();
  if (codes.length === 0) return h('p', { class: 'empty' }, '本批次尚无申报站点');
  const list = (query) => `#/rounds/${round.id}/stations?${new URLSearchParams(query)}`;
  const cell = (districtCode, stage, c) => {
    const query = { ...(districtCode ? { districtCode } : {}), stage };
    if (!c || c.count === 0) return h('td', { class: 'board-cell is-zero', 'data-label': stageLabel(stage) }, '0');
    return h(
      'td',
      { class: ['board-cell', c.overdue > 0 && 'is-overdue'], 'data-label': stageLabel(stage), 'data-stage': stage },
      h(
        'a',
        {
          href: list(query),
          class: 'board-count',
          'aria-label': `${districtCode ? (names.get(districtCode) ?? districtCode) : '合计'}${stageLabel(stage)}：${c.count} 个`,
        },
        String(c.count),
      ),
      c.overdue > 0 ? h('a', { href: list({ ...query, overdue: 'true' }), class: 'board-overdue' }, `逾期 ${c.overdue}`) : null,
    );
  };
  const stages = roundStages(round);
  const totals = Object.fromEntries(
    stages.map((s) => [
      s,
      codes.reduce(
        (acc, code) => {
          const c = round.byDistrict[code]?.[s];
          return { count: acc.count + (c?.count ?? 0), overdue: acc.overdue + (c?.overdue ?? 0) };
        },
        { count: 0, overdue: 0 },
      ),
    ]),
  );
  return h(
    'div',
    { class: 'table-wrap board-wrap' },
    h(
      'table',
      { class: 'board', 'data-testid': 'board' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, '区县'),
          stages.map((s) => h('th', { scope: 'col' }, stageLabel(s))),
        ),
      ),
      h(
        'tbody',
        {},
        codes.map((code) =>
          h(
            'tr',
            { 'data-district': code },
            h('th', { scope: 'row' }, h('a', { href: list({ districtCode: code }) }, names.get(code) ?? code)),
            stages.map((s) => cell(code, s, round.byDistrict[code]?.[s])),
          ),
        ),
      ),
      codes.length > 1
        ? h(
            'tfoot',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, '合计'),
              stages.map((s) => cell(null, s, totals[s])),
            ),
          )
        : null,
    ),
  );
}
