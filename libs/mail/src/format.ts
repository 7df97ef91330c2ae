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

const DURATION_UNITS: [RegExp, string][] = [
  [/(\d+)D/, '天'],
  [/(\d+)H/, '小时'],
  [/(\d+)M/, '分钟'],
  [/(\d+)S/, '秒'],
];

/** `P7D` → `7天`, `PT1M` → `1分钟`, `P1DT2H` → `1天2小时`; anything else as given. */
export function durationText(iso: string): string {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso);
  if (!m) return iso;
  const text = DURATION_UNITS.map(([, unit], i) => (m[i + 1] ? `${Number(m[i + 1])}${unit}` : '')).join('');
  return text || iso;
}

/** A reminder checkpoint as offices say it: `before:P7D` → `截止前7天`, `on-the-day` → `截止当天`, `after:PT1M` → `截止后1分钟`. */
export function checkpointText(checkpoint: string): string {
  if (checkpoint === 'on-the-day') return '截止当天';
  const [when, duration = ''] = checkpoint.split(':');
  if (when === 'before') return `截止前${durationText(duration)}`;
  if (when === 'after') return `截止后${durationText(duration)}`;
  return checkpoint;
}
