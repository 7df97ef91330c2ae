import vocab from './vocabulary.js';

/** Every date on the dashboard is an Asia/Shanghai date, whatever the browser's own zone. */
const SHANGHAI = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parts(iso) {
  const p = Object.fromEntries(SHANGHAI.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** `2024-09-30 23:59` (Asia/Shanghai), or a dash. */
export function dateTime(iso) {
  if (!iso) return '—';
  const p = parts(iso);
  return `${p.date} ${p.time}`;
}

/** `2024-09-30` (Asia/Shanghai), or a dash. */
export function date(iso) {
  return iso ? parts(iso).date : '—';
}

/** The Shanghai calendar date of an instant, as an <input type="date"> value. */
export function dateInputValue(iso) {
  return iso ? parts(iso).date : '';
}

const DAY = 24 * 3600_000;

/** `还剩 3 天`, `已过 2 天`, `不足 1 天`: how far a deadline is from now. */
export function untilText(iso, now = Date.now()) {
  const ms = Date.parse(iso) - now;
  const days = Math.floor(Math.abs(ms) / DAY);
  if (ms >= 0) return days === 0 ? '不足 1 天' : `还剩 ${days} 天`;
  return days === 0 ? '已过不足 1 天' : `已过 ${days} 天`;
}

const pick = (map, key) => (key === null || key === undefined ? '—' : (map[key] ?? key));
export const stageLabel = (stage) => pick(vocab.stageLabels, stage);
export const outcomeLabel = (outcome) => pick(vocab.outcomeLabels, outcome);
export const levelLabel = (level) => pick(vocab.levelLabels, level);
export const roleLabel = (role) => pick(vocab.roleLabels, role);
export const actionLabel = (action) => pick(vocab.actionLabels, action);
export const roundDateLabel = (key) => pick(vocab.roundDateLabels, key);
export const haveStatusLabel = (status) => pick(vocab.haveStatusLabels, status);

/**
 * The dates a round holds, in calendar order (which dates depends on its programme; the API keeps
 * them in order, equal dates in the order the round lists them).
 */
export function roundDates(round) {
  return Object.keys(round.deadlines ?? {})
    .filter((k) => round.deadlines[k])
    .sort((a, b) => Date.parse(round.deadlines[a]) - Date.parse(round.deadlines[b]));
}
