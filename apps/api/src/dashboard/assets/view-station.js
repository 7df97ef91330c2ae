import vocab from './vocabulary.js';
import { get } from './api.js';
import { badge, empty, facts, h, section, table } from './dom.js';
import {
  actionLabel,
  dateTime,
  haveStatusLabel,
  levelLabel,
  roleLabel,
  roundDateLabel,
  roundDates,
  stageLabel,
  untilText,
} from './format.js';
import { isAdmin } from './permissions.js';
import { remindersSection } from './reminders.js';
import { stationActionForms, waitingFor } from './station-actions.js';
import { stationBadges } from './station-badges.js';
import { starRatingActionForms, starRatingSection } from './star-rating.js';
import { workflowPanel } from './workflow-panel.js';
import { downloadButton, printButton } from './downloads.js';
import { attachmentsSection, commentsSection, returnForm } from './paperwork.js';
import { editApplicationForm, midTermReviewForm } from './paperwork-forms.js';

/** One station: application, deadlines, decisions, history, reminders, and what the viewer may do. */
export async function stationView(ctx) {
  const [id] = ctx.params;
  const station = await get(`/api/stations/${id}`);
  const [round, names] = await Promise.all([get(`/api/rounds/${station.roundId}`), ctx.districts()]);
  ctx.setRound(round.id);
  const [starForms, stars, files, comments] = await Promise.all([
    starRatingActionForms(station, ctx),
    starRatingSection(station),
    attachmentsSection(station, ctx),
    commentsSection(station, ctx),
  ]);
  // The paperwork routes (return, edit, evaluation per have, mid-term review) come together: a
  // service that answers the comment thread has them all.
  ctx.paperwork = comments !== null;
  const paperwork = ctx.paperwork
    ? [editApplicationForm(station, round, names, ctx), returnForm(station, ctx), midTermReviewForm(station, ctx)]
    : [];
  const actions = [...paperwork.slice(0, 1), ...stationActionForms(station, ctx), ...paperwork.slice(1)].filter(Boolean);
  return h(
    'div',
    { class: 'page', 'data-station': station.id },
    h(
      'div',
      { class: 'page-head' },
      h(
        'div',
        {},
        h('h1', {}, station.name),
        h(
          'p',
          { class: 'muted' },
          `${names.get(station.districtCode) ?? station.districtCode} · `,
          h('a', { href: `#/rounds/${round.id}` }, round.name),
        ),
        h('p', { class: 'badges', 'data-testid': 'station-status' }, stationBadges(station)),
      ),
      h(
        'div',
        { class: 'page-tools' },
        printButton(),
        round.programme === 'six-haves'
          ? downloadButton('下载申请书（Word）', `/api/stations/${station.id}/documents/application.docx`, 'download-application')
          : null,
      ),
    ),
    // A scoring fills the page's width: the rubric has dozens of items and a live summary beside them.
    starForms.length
      ? h('section', { class: 'card no-print', 'data-testid': 'score-forms' }, h('div', { class: 'actions' }, starForms))
      : null,
    h(
      'div',
      { class: 'columns' },
      h(
        'div',
        { class: 'column-main' },
        h(
          'section',
          { class: 'card no-print' },
          h('h2', {}, '可执行的操作'),
          waitingFor(station) ? h('p', { class: 'muted', 'data-testid': 'waiting-for' }, waitingFor(station)) : null,
          actions.length
            ? h('div', { class: 'actions' }, actions)
            : empty(starForms.length ? '请在上方评分表中评分' : '当前阶段您没有可执行的操作'),
        ),
        section(station.programme === 'star-rating' ? '登记信息' : '申报信息', applicationFacts(station.application ?? {})),
        stars,
        files,
        decisions(station),
        section('阶段记录', historyTable(station.history ?? [], station.programme)),
        comments,
        remindersSection('收到的提醒', { roundId: round.id }, { stationId: station.id }),
      ),
      h(
        'div',
        { class: 'column-side' },
        section('截止日期', deadlines(station, round)),
        isAdmin(ctx.me) ? workflowPanel(station.id) : null,
      ),
    ),
  );
}

function applicationFacts(a) {
  const contact = a.contact ? [a.contact.name, a.contact.phone, a.contact.email].filter(Boolean).join(' · ') : null;
  return h(
    'div',
    {},
    facts([
      ['承担单位', a.hostUnit],
      ['站点地址', a.address],
      ['联系人', contact],
      ['建站时间', a.establishedOn],
      ['使用面积', a.area !== undefined ? `${a.area} 平方米` : null],
      ['已建立的制度机制', a.rulesInPlace],
      ['累计服务', a.workerVisitsServed !== undefined ? `${a.workerVisitsServed} 人次` : null],
      ['近两年群体性事件或安全事故', a.incidentsInLastTwoYears === undefined ? null : a.incidentsInLastTwoYears ? '有' : '无'],
      ['服务内容', Array.isArray(a.services) ? a.services.join('、') : null],
      ['参加单位', Array.isArray(a.participatingUnits) ? a.participatingUnits.join('、') : null],
      ['业务指导单位', a.guidanceUnit],
      ['培育单位', a.cultivatingUnit],
      ['经费来源', a.fundingSource],
      ['备注', a.notes],
    ]),
    Array.isArray(a.cases) && a.cases.length
      ? h(
          'div',
          { class: 'cases' },
          h('h3', {}, '典型案例'),
          a.cases.map((c) => h('article', { class: 'case' }, h('h4', {}, c.title), h('p', {}, c.summary))),
        )
      : null,
  );
}

function deadlines(station, round) {
  const current = station.nextDeadline
    ? h(
        'p',
        { class: ['deadline-now', station.overdue && 'is-overdue'] },
        `当前环节（${stageLabel(station.stage)}）截止：`,
        h('strong', {}, dateTime(station.nextDeadline)),
        ` · ${untilText(station.nextDeadline)}`,
        station.overdue ? badge('逾期', 'danger') : null,
      )
    : h('p', { class: 'muted' }, '当前没有待完成环节的截止日期');
  const owed = vocab.stageDeadline[station.stage];
  return h(
    'div',
    {},
    current,
    h(
      'ul',
      { class: 'deadline-list' },
      roundDates(round).map((k) =>
        h(
          'li',
          { class: [k === owed && 'is-current', Date.parse(round.deadlines[k]) < Date.now() && 'is-past'] },
          h('span', {}, roundDateLabel(k)),
          h('span', {}, dateTime(round.deadlines[k])),
        ),
      ),
    ),
  );
}

function decisions(s) {
  const rows = [
    s.recommendation && ['区县推荐', s.recommendation.recommended ? '择优推荐' : '不予推荐', s.recommendation.note, s.recommendation.at],
    s.filing && ['市级备案', s.filing.filed ? `予以备案（${levelLabel(s.filing.level)}）` : '不予备案', s.filing.note, s.filing.at],
    s.selfAssessment && ['自评', '已提交', s.selfAssessment.summary, s.selfAssessment.at],
    ...(s.midTermReviews ?? []).map((r) => ['中期评估', `已完成（${r.by}）`, r.summary, r.at]),
    s.evaluation && [
      '培育评估',
      s.evaluation.passed ? `通过${s.evaluation.level ? `（${levelLabel(s.evaluation.level)}）` : ''}` : '不通过',
      s.evaluation.comments,
      s.evaluation.at,
    ],
    s.withdrawal && ['撤回', '已撤回', s.withdrawal.reason, s.withdrawal.at],
    s.publication && ['名单发布', '已入选名单', s.publication.documentNo, s.publication.at],
  ].filter(Boolean);
  if (rows.length === 0) return null;
  return section(
    '审核与评估',
    table(
      [
        { label: '环节', cell: (r) => r[0] },
        { label: '结论', cell: (r) => r[1] },
        { label: '说明', cell: (r) => r[2] ?? '—' },
        { label: '时间', cell: (r) => dateTime(r[3]) },
      ],
      rows,
    ),
    s.selfAssessment?.sixHaves ? sixHavesTable(s.selfAssessment.sixHaves) : null,
    s.evaluation?.sixHaves ? sixHavesTable(s.evaluation.sixHaves, '“六有”评估（市级）', '评估结果') : null,
  );
}

function sixHavesTable(assessment, caption = '“六有”自评', label = '自评结果') {
  return table(
    [
      { label: '“六有”要求', cell: (have) => have.label },
      { label, cell: (have) => haveStatusLabel(assessment[have.key]?.status) },
      { label: '说明', cell: (have) => assessment[have.key]?.evidence ?? '—' },
    ],
    vocab.sixHaves,
    { caption },
  );
}

function historyTable(history, programme) {
  // a star-rating round's city office is the city union's department, not the tripartite office
  const office = (role) => (role === 'city' && programme === 'star-rating' ? vocab.programmeOffices['star-rating'].city : roleLabel(role));
  if (history.length === 0) return empty('暂无记录');
  return table(
    [
      { label: '时间', cell: (e) => dateTime(e.at) },
      { label: '事项', cell: (e) => actionLabel(e.action) },
      { label: '经办', cell: (e) => `${e.actor}（${office(e.role)}）` },
      {
        label: '阶段',
        cell: (e) =>
          e.fromStage && e.fromStage !== e.toStage ? `${stageLabel(e.fromStage)} → ${stageLabel(e.toStage)}` : stageLabel(e.toStage),
      },
      // Notes written by the system carry instants (`截止 2024-09-30T15:59:59.000Z`): shown in Asia/Shanghai.
      { label: '备注', cell: (e) => (e.note ? e.note.replace(/\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})/g, dateTime) : '—') },
    ],
    history,
    { caption: '按时间先后' },
  );
}
