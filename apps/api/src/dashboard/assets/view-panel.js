import { ApiError, get, post, request, withQuery } from './api.js';
import { badge, empty, facts, h, section, table } from './dom.js';
import { dateTime, haveStatusLabel, stageLabel } from './format.js';
import { form } from './forms.js';
import vocab from './vocabulary.js';

const REVIEW_STAGES = ['city_evaluation', 'city_rating'];

/**
 * 评估工作组 (the city's panel page of a round): its members, the automatic assignment, the
 * assignment table with each station's progress and the aggregate of its reviews, with the
 * stations where the experts disagree widely flagged.
 */
export async function panelView(ctx) {
  const [roundId] = ctx.params;
  ctx.setRound(roundId);
  const round = await get(`/api/rounds/${roundId}`);
  let panel = null;
  try {
    panel = await get(`/api/rounds/${roundId}/panel`);
  } catch (e) {
    if (!(e instanceof ApiError && e.code === 'PANEL.NOT_SET')) throw e;
  }
  const experts = await expertUsers();
  const stage = round.programme === 'star-rating' ? 'city_rating' : 'city_evaluation';
  const { items: stations } = await get(withQuery('/api/stations', { roundId, stage, limit: 200 }));
  const names = await ctx.districts();
  const rows = await Promise.all(stations.map(async (s) => ({ station: s, ...(await get(`/api/stations/${s.id}/reviews`)) })));
  const expertName = (id) => experts.find((e) => e.id === id)?.displayName ?? panel?.members.find((m) => m.id === id)?.name ?? id;
  const reviewed = rows.reduce((n, r) => n + r.aggregate.count, 0);
  const expected = rows.reduce((n, r) => n + r.aggregate.expected, 0);

  return h(
    'div',
    {},
    section(
      `评估工作组：${round.name}`,
      facts([
        [
          '成员',
          panel
            ? panel.members
                .map((m) => `${m.name ?? m.id}（${m.districtCode ? (names.get(m.districtCode) ?? m.districtCode) : '市级'}，${m.load} 站）`)
                .join('、')
            : '尚未设置',
        ],
        ['每站专家人数', panel?.perStation],
        ['回避规则', panel ? (panel.excludeSameDistrict ? '不评审本人所在区县的站点' : '不限区县') : null],
        ['评审进度', `${reviewed} / ${expected} 份`],
      ]),
      panelForm(roundId, panel, experts, names, ctx),
      panel
        ? h(
            'div',
            { class: 'form-actions' },
            h(
              'button',
              {
                type: 'button',
                class: 'button button-primary',
                'data-testid': 'assign',
                onclick: async () => {
                  try {
                    const r = await post(`/api/rounds/${roundId}/panel/assign`);
                    ctx.toast(
                      `已为 ${r.assignments.length} 个站点分配专家${r.shortfalls.length ? `，${r.shortfalls.length} 个站点专家不足` : ''}`,
                    );
                    void ctx.refresh();
                  } catch (e) {
                    ctx.toast(e.message);
                  }
                },
              },
              '为待评估站点自动分配专家',
            ),
          )
        : null,
    ),
    section(
      '分配与评审汇总',
      rows.length === 0
        ? empty(`暂无处于「${stageLabel(stage)}」环节的站点`)
        : table(
            [
              { label: '站点', cell: (r) => h('a', { href: `#/stations/${r.station.id}` }, r.station.name) },
              { label: '区县', cell: (r) => names.get(r.station.districtCode) ?? r.station.districtCode },
              { label: '评估专家', cell: (r) => (r.experts.length ? r.experts.map(expertName).join('、') : '未分配') },
              { label: '进度', cell: (r) => `${r.aggregate.count} / ${r.aggregate.expected}` },
              { label: '汇总', cell: (r) => summary(r.aggregate) },
              {
                label: '分歧',
                cell: (r) =>
                  r.aggregate.disagreement
                    ? h(
                        'span',
                        { title: r.aggregate.disagreementReasons.join('；'), 'data-testid': 'disagreement' },
                        badge('分歧较大', 'danger'),
                      )
                    : '—',
              },
            ],
            rows,
            { rowClass: (r) => (r.aggregate.disagreement ? 'row-overdue' : '') },
          ),
      rows.filter((r) => r.aggregate.count > 0).map((r) => details(r, expertName)),
    ),
  );
}

function summary(a) {
  if (a.count === 0) return '尚无评审';
  if (a.programme === 'star-rating')
    return `均分 ${a.meanScore}（${a.spread.min}–${a.spread.max}，标准差 ${a.spread.stdDev}）；达到三星 ${a.pass} 人`;
  return `建议通过 ${a.pass} 人，不通过 ${a.fail} 人`;
}

/** One station's aggregate in detail: per have (six haves) or per item (star rating), and each review. */
function details(r, expertName) {
  const a = r.aggregate;
  const perHave =
    a.perHave &&
    table(
      [
        { label: '要求', cell: (hv) => hv.label },
        ...vocab.haveStatuses.map((s) => ({ label: haveStatusLabel(s), cell: (hv) => String(a.perHave[hv.key][s]) })),
      ],
      vocab.sixHaves,
      { caption: '各项评审结果（人数）' },
    );
  const perItem =
    a.perItem &&
    table(
      [
        { label: '细则项目', cell: ([key]) => key },
        { label: '均分', cell: ([, s]) => String(s.mean) },
        { label: '最低–最高', cell: ([, s]) => `${s.min}–${s.max}` },
        { label: '标准差', cell: ([, s]) => String(s.stdDev) },
      ],
      Object.entries(a.perItem),
      { caption: '各项得分' },
    );
  return h(
    'details',
    { class: 'card', 'data-testid': `aggregate-${r.station.id}` },
    h('summary', {}, `${r.station.name}：${summary(a)}${a.disagreement ? '（分歧较大）' : ''}`),
    a.disagreement
      ? h(
          'ul',
          { class: 'form-alert' },
          a.disagreementReasons.map((x) => h('li', {}, x)),
        )
      : null,
    perHave,
    perItem,
    table(
      [
        { label: '专家', cell: (x) => expertName(x.expertId) },
        { label: '结论', cell: (x) => (x.score ? `${x.score.total} 分` : x.recommendation === 'pass' ? '建议通过' : '建议不通过') },
        { label: '意见', cell: (x) => x.comments ?? '' },
        { label: '提交时间', cell: (x) => `${dateTime(x.revisedAt)}（第 ${x.revision} 版）` },
      ],
      r.reviews.filter((x) => x.counts),
      { caption: '各专家评审' },
    ),
  );
}

/** The people with the expert role (the accounts' user list), for choosing the panel's members. */
async function expertUsers() {
  try {
    const users = await get('/api/users');
    const list = Array.isArray(users) ? users : (users.items ?? []);
    return list.filter((u) => u.role === 'expert' && !u.disabled);
  } catch {
    return [];
  }
}

/**
 * The experts to choose from, by name and district: every active expert, and the panel's current
 * members (a member disabled since stays listed, so that saving does not drop them unseen).
 */
function memberOptions(panel, experts, names) {
  const where = (code) => (code ? (names.get(code) ?? code) : '市级');
  const options = experts.map((e) => ({ value: e.id, label: `${e.displayName}（${where(e.districtCode)}）` }));
  for (const m of panel?.members ?? [])
    if (!options.some((o) => o.value === m.id))
      options.push({ value: m.id, label: `${m.name ?? '未知专家'}（${where(m.districtCode)}，账户已停用）` });
  return options;
}

function panelForm(roundId, panel, experts, names, ctx) {
  return h(
    'details',
    { open: !panel, 'data-testid': 'panel-form' },
    h('summary', {}, panel ? '修改评估工作组' : '设置评估工作组'),
    form({
      id: 'panel',
      fields: [
        {
          name: 'experts',
          label: '工作组专家',
          type: 'checkboxes',
          required: true,
          options: memberOptions(panel, experts, names),
          value: panel?.experts ?? experts.map((e) => e.id),
          hint: experts.length ? '勾选参加本批次评估的专家' : '还没有专家账户：请先在“用户管理”中创建角色为“评估专家”的账户',
        },
        { name: 'perStation', label: '每站专家人数', type: 'number', required: true, value: panel?.perStation ?? 3 },
        { name: 'excludeSameDistrict', label: '专家不评审本人所在区县的站点', type: 'checkbox', value: panel?.excludeSameDistrict ?? true },
      ],
      submitLabel: '保存评估工作组',
      submit: (body) => request('PUT', `/api/rounds/${roundId}/panel`, body),
      done: () => {
        ctx.toast('评估工作组已保存');
        void ctx.refresh();
      },
    }),
  );
}

export const isReviewStage = (stage) => REVIEW_STAGES.includes(stage);
