import { h } from './dom.js';
import { date, dateTime, roundDateLabel, roundDates, untilText } from './format.js';

/**
 * The round's calendar as a Gantt-like band: one row per step with the window it runs in and its
 * deadline, and a line for today. A step's window runs from the previous deadline to its own (the
 * first from the round's creation); self-assessment may start as soon as a station is filed, so its
 * window starts at filing unless the round sets when it opens.
 */
export function timeline(round, now = Date.now()) {
  const d = round.deadlines;
  const rows = [];
  let previous = round.createdAt;
  for (const key of roundDates(round).filter((k) => k !== 'selfAssessmentOpens')) {
    if (key === 'selfAssessment') {
      // Six haves: cultivation runs from filing until the self-assessment window opens.
      rows.push({ key: 'cultivation', label: '培育', from: previous, to: d.selfAssessmentOpens ?? d.selfAssessment, noDeadline: true });
      rows.push({ key, from: d.selfAssessmentOpens ?? previous, to: d[key], opens: d.selfAssessmentOpens });
    } else rows.push({ key, label: key === 'recommendation' ? '申报与择优推荐' : undefined, from: previous, to: d[key] });
    previous = d[key];
  }

  const times = rows.flatMap((r) => [Date.parse(r.from), Date.parse(r.to)]).concat(now);
  const min = Math.min(...times);
  const max = Math.max(...times);
  const pad = (max - min) * 0.02 || 3600_000;
  const start = min - pad;
  const span = max + pad - start;
  const pct = (t) => (((typeof t === 'number' ? t : Date.parse(t)) - start) / span) * 100;
  const todayAt = pct(now);

  const today = () => h('span', { class: 'gantt-today', style: { '--at': todayAt.toFixed(3) }, 'aria-hidden': 'true' });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => start + pad + f * (span - 2 * pad));

  return h(
    'div',
    { class: 'gantt', 'data-testid': 'timeline' },
    h(
      'ol',
      { class: 'gantt-rows' },
      rows.map((r) => {
        const from = Date.parse(r.from);
        const to = Date.parse(r.to);
        const state = to < now ? 'is-past' : from <= now ? 'is-current' : 'is-future';
        const label = r.label ?? roundDateLabel(r.key);
        return h(
          'li',
          { class: ['gantt-row', state], 'data-step': r.key },
          h(
            'div',
            { class: 'gantt-label' },
            h('strong', {}, label),
            r.noDeadline
              ? h('span', {}, `${date(r.from)} 至 ${date(r.to)}`)
              : h('span', {}, `截止 ${dateTime(r.to)}`, h('em', {}, ` · ${untilText(r.to, now)}`)),
            r.opens ? h('span', {}, `${roundDateLabel('selfAssessmentOpens')} ${dateTime(r.opens)}`) : null,
          ),
          h(
            'div',
            { class: 'gantt-track' },
            h('span', { class: 'gantt-bar', style: { '--from': pct(from).toFixed(3), '--to': pct(to).toFixed(3) } }),
            r.noDeadline
              ? null
              : h('span', { class: 'gantt-deadline', style: { '--at': pct(to).toFixed(3) }, title: `${label}截止：${dateTime(r.to)}` }),
            today(),
          ),
        );
      }),
    ),
    h(
      'div',
      { class: 'gantt-axis', 'aria-hidden': 'true' },
      h('span', { class: 'gantt-axis-spacer' }),
      h(
        'div',
        { class: 'gantt-ticks' },
        ticks.map((t) => h('span', { class: 'gantt-tick', style: { '--at': pct(t).toFixed(3) } }, date(new Date(t).toISOString()))),
        h(
          'span',
          { class: ['gantt-today-label', todayAt < 12 && 'at-start', todayAt > 88 && 'at-end'], style: { '--at': todayAt.toFixed(3) } },
          `今天 ${date(new Date(now).toISOString())}`,
        ),
      ),
    ),
  );
}
