import { getOrNull, withQuery } from './api.js';
import { badge, empty, h, table } from './dom.js';
import { dateTime, roundDateLabel, stageLabel } from './format.js';

const UNITS = [
  ['D', '天'],
  ['H', '小时'],
  ['M', '分钟'],
  ['S', '秒'],
];

/** `P7D` → `7 天`, `PT5S` → `5 秒`. */
export function durationText(iso) {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso ?? '');
  if (!m) return iso ?? '';
  return (
    UNITS.map(([, unit], i) => (m[i + 1] ? `${m[i + 1]} ${unit}` : ''))
      .filter(Boolean)
      .join(' ') || iso
  );
}

/** `before:P7D` → `截止前 7 天`, `on-the-day` → `截止当天`, `after:P1D` → `截止后 1 天`. */
export function checkpointText(checkpoint) {
  if (checkpoint === 'on-the-day') return '截止当天';
  if (checkpoint === 'return') return '退回时即时通知';
  const [when, duration] = String(checkpoint ?? '').split(':');
  if (when === 'before') return `截止前 ${durationText(duration)}`;
  if (when === 'after') return `截止后 ${durationText(duration)}`;
  return checkpoint ?? '—';
}

/** One address or a list of them. */
export const addresses = (to) => (Array.isArray(to) ? to.join('、') : (to ?? '—'));

const STATUS = { sent: ['已发送', 'ok'], pending: ['待发送', ''], failed: ['发送失败', 'danger'], skipped: ['已跳过', 'muted'] };

/**
 * Reminders sent for a round (optionally one district or station). GET /api/reminders may not be
 * there yet (404): that shows as no reminders, not as an error.
 */
export async function remindersTable(query, { stationId } = {}) {
  const answer = await getOrNull(withQuery('/api/reminders', { ...query, stationId }));
  let items = answer?.items ?? [];
  if (stationId) items = items.filter((r) => !Array.isArray(r.stationIds) || r.stationIds.includes(stationId));
  if (items.length === 0) return empty('暂无提醒');
  return table(
    [
      { label: '发送时间', cell: (r) => dateTime(r.sentAt) },
      { label: '环节', cell: (r) => (r.deadlineKey ? roundDateLabel(r.deadlineKey) : stageLabel(r.stage)) },
      { label: '提醒节点', cell: (r) => checkpointText(r.checkpoint) },
      { label: '截止时间', cell: (r) => dateTime(r.deadline) },
      { label: '收件人', cell: (r) => addresses(r.recipient ?? r.recipients) },
      { label: '主题', cell: (r) => r.subject ?? '—' },
      { label: '涉及站点', cell: (r) => String(r.stationIds?.length ?? 0) },
      { label: '状态', cell: (r) => badge(...(STATUS[r.status] ?? [r.status ?? '—', ''])) },
    ],
    items,
    { caption: `共 ${items.length} 条提醒` },
  );
}

export function remindersSection(title, query, opts) {
  const body = h('div', {}, h('p', { class: 'muted' }, '正在加载提醒…'));
  remindersTable(query, opts).then(
    (content) => body.replaceChildren(content),
    (e) => body.replaceChildren(h('p', { class: 'field-error' }, `提醒加载失败：${e.message}`)),
  );
  return h('section', { class: 'card', 'data-testid': 'reminders' }, h('h2', {}, title), body);
}

/**
 * When districts and the city office will hear of each deadline (GET /api/rounds/:id/reminder-plan):
 * every checkpoint after working-day adjustment, and what became of it.
 */
export async function reminderPlanTable(round) {
  const plan = (await getOrNull(`/api/rounds/${encodeURIComponent(round.id)}/reminder-plan`)) ?? [];
  if (plan.length === 0) return empty('本批次没有计划中的提醒');
  const state = (c) =>
    c.reminders > 0
      ? ['已发送', 'ok']
      : c.skipped
        ? STATUS.skipped
        : Date.parse(c.sendAt) <= Date.now()
          ? ['无需提醒', 'muted']
          : ['待发送', ''];
  return table(
    [
      { label: '环节', cell: (c) => roundDateLabel(c.stage) },
      { label: '截止时间', cell: (c) => dateTime(c.deadline) },
      { label: '提醒节点', cell: (c) => checkpointText(c.checkpoint) },
      {
        label: '发送时间',
        cell: (c) => (c.plainWeekdays ? h('span', {}, dateTime(c.sendAt), ' ', badge('按周一至周五', 'warn')) : dateTime(c.sendAt)),
      },
      { label: '状态', cell: (c) => badge(...state(c)) },
    ],
    plan,
    { caption: planRule(round.reminders) + plainWeekdayNote(plan) },
  );
}

/** Years whose holidays the work calendar lacks: their checkpoints are planned as plain Monday–Friday. */
function plainWeekdayNote(plan) {
  const years = [...new Set(plan.filter((c) => c.plainWeekdays).map((c) => dateTime(c.sendAt).slice(0, 4)))].sort();
  return years.length
    ? `。注意：工作日历尚未录入 ${years.join('、')} 年的节假日安排，标注“按周一至周五”的提醒暂按普通周一至周五安排，可能落在假期内`
    : '';
}

/** The round's sending rule in words, from its reminder policy. */
function planRule(policy) {
  const at = policy?.sendAt ? `${policy.sendAt}（北京时间）` : '设定的时刻';
  return policy?.workingDaysOnly === false
    ? `于${at}发送，不避开节假日`
    : `工作日${at}发送；遇节假日，截止前的提醒提前到上一个工作日，截止后的顺延到下一个工作日`;
}

export function reminderPlanSection(round) {
  const body = h('div', {}, h('p', { class: 'muted' }, '正在加载提醒计划…'));
  reminderPlanTable(round).then(
    (content) => body.replaceChildren(content),
    (e) => body.replaceChildren(h('p', { class: 'field-error' }, `提醒计划加载失败：${e.message}`)),
  );
  return h('section', { class: 'card', 'data-testid': 'reminder-plan' }, h('h2', {}, '提醒计划'), body);
}
