import { badge } from './dom.js';
import { levelLabel, outcomeLabel, stageLabel } from './format.js';

/** Stage, outcome, level and overdue of a station as badges. */
export function stationBadges(s) {
  return [
    badge(stageLabel(s.stage), `stage stage-${s.stage}`),
    s.outcome ? badge(outcomeLabel(s.outcome), s.outcome === 'listed' ? 'ok' : 'muted') : null,
    s.level ? badge(levelLabel(s.level), 'info') : null,
    s.overdue ? badge('逾期', 'danger') : null,
    s.returned && s.stage !== 'closed' ? badge('已退回修改', 'warn') : null,
  ];
}
