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
