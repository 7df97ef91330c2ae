import { shanghaiDate, shanghaiTimeOfDayMs } from '@app/domain';

const pad = (n: number) => String(n).padStart(2, '0');

/** `2024年9月30日 23:59`, Asia/Shanghai (the offices' own clock). */
export function formatShanghai(instant: Date): string {
  const [y, m, d] = shanghaiDate(instant).split('-').map(Number);
  const t = Math.floor(shanghaiTimeOfDayMs(instant) / 1000);
  return `${y}年${m}月${d}日 ${pad(Math.floor(t / 3600))}:${pad(Math.floor(t / 60) % 60)}`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const UNITS: readonly [RegExp, string][] = [
  [/(\d+)Y/, '年'],
  [/(\d+)M(?![^T]*T)/, '个月'],
  [/(\d+)W/, '周'],
  [/(\d+)D/, '天'],
];
const TIME_UNITS: readonly [RegExp, string][] = [
  [/(\d+)H/, '小时'],
  [/(\d+)M/, '分钟'],
  [/(\d+)S/, '秒'],
];

/** An ISO 8601 duration in words: `P14D` → `14 天`, `PT1M` → `1 分钟`, `P1DT2H` → `1 天 2 小时`. */
export function durationInWords(iso: string): string {
  const [date, time = ''] = iso.replace(/^P/, '').split('T');
  const parts = [
    ...UNITS.flatMap(([re, unit]) => (re.exec(date) ? [`${re.exec(date)![1]} ${unit}`] : [])),
    ...TIME_UNITS.flatMap(([re, unit]) => (re.exec(time) ? [`${re.exec(time)![1]} ${unit}`] : [])),
  ];
  return parts.length ? parts.join(' ') : iso;
}

/** A reminder checkpoint as people say it: `before:P14D` → 截止前 14 天, `on-the-day` → 截止当天, `after:PT1M` → 截止后 1 分钟. */
export function checkpointInWords(checkpoint: string): string {
  if (checkpoint === 'on-the-day') return '截止当天';
  const [kind, duration] = checkpoint.split(':');
  if (kind === 'before' && duration) return `截止前 ${durationInWords(duration)}`;
  if (kind === 'after' && duration) return `截止后 ${durationInWords(duration)}`;
  return checkpoint;
}
