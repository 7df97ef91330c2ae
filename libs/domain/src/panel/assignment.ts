import { DomainError } from '../errors';
import type { PanelConflict } from './panel';

/** An expert as the assignment sees them: their id and the district they come from (user record), if any. */
export interface ExpertProfile {
  id: string;
  /** district of origin (籍贯/所在区县): null for an expert from outside the city's districts */
  districtCode: string | null;
}

export interface StationToStaff {
  id: string;
  districtCode: string;
  /** experts already assigned (kept; the assignment only adds) */
  experts: readonly string[];
}

export interface AssignmentRules {
  perStation: number;
  excludeSameDistrict: boolean;
  conflicts: readonly PanelConflict[];
}

export interface AssignmentInput extends AssignmentRules {
  /** the panel's members */
  experts: readonly ExpertProfile[];
  /** the stations to staff (those already full are left alone) */
  stations: readonly StationToStaff[];
  /** assignments the panel already carries elsewhere in the round (expert id → stations), counted in the load */
  otherLoad?: Readonly<Record<string, number>>;
}

export interface AssignmentResult {
  /** every station that got at least one new expert, with its full list (kept ones first) */
  assignments: { stationId: string; experts: string[] }[];
  /** stations that could not be staffed to `perStation` (too few experts without a conflict) */
  shortfalls: { stationId: string; missing: number }[];
  /** expert id → stations assigned after this run (including kept and other load) */
  load: Record<string, number>;
}

/** Why `expert` may not review `station`, or null: the same district (when excluded) or a recorded conflict. */
export function conflictOf(
  expert: ExpertProfile,
  station: { id: string; districtCode: string },
  rules: Omit<AssignmentRules, 'perStation'>,
): string | null {
  if (rules.excludeSameDistrict && expert.districtCode !== null && expert.districtCode === station.districtCode) {
    return `专家来自站点所在区县（${station.districtCode}）`;
  }
  for (const c of rules.conflicts) {
    if (c.expertId !== expert.id) continue;
    if (c.stationId === station.id) return c.reason ? `已登记回避：${c.reason}` : '已登记与该站点回避';
    if (c.districtCode !== undefined && c.districtCode === station.districtCode) {
      return c.reason ? `已登记回避：${c.reason}` : `已登记与区县 ${station.districtCode} 回避`;
    }
  }
  return null;
}

/**
 * Assigns up to `perStation` experts to each station, without conflicts, balancing the load.
 *
 * Deterministic for the same input (order of the input lists does not matter): the stations with
 * the fewest eligible experts are staffed first (so that a scarce expert goes where only they can
 * go), each time taking the eligible experts with the least load; ties are broken by a hash of
 * (station, expert), which spreads pairs evenly without favouring low ids, then by id.
 * Without conflicts this keeps max − min load ≤ 1; with conflicts it does where they allow it.
 */
export function assignExperts(input: AssignmentInput): AssignmentResult {
  if (!Number.isInteger(input.perStation) || input.perStation < 1) {
    throw new DomainError('VALIDATION_FAILED', '每站专家人数（perStation）应为正整数', [{ field: 'perStation', message: '应为正整数' }]);
  }
  const experts = [...input.experts].sort((a, b) => cmp(a.id, b.id));
  const load: Record<string, number> = {};
  for (const e of experts) load[e.id] = input.otherLoad?.[e.id] ?? 0;
  for (const s of input.stations) for (const id of s.experts) if (id in load) load[id]++;

  const eligible = (s: StationToStaff) => experts.filter((e) => !s.experts.includes(e.id) && conflictOf(e, s, input) === null);
  const needing = [...input.stations]
    .filter((s) => s.experts.length < input.perStation)
    .map((s) => ({ station: s, candidates: eligible(s) }))
    .sort((a, b) => a.candidates.length - b.candidates.length || cmp(a.station.id, b.station.id));

  const assignments: AssignmentResult['assignments'] = [];
  const shortfalls: AssignmentResult['shortfalls'] = [];
  for (const { station, candidates } of needing) {
    const wanted = input.perStation - station.experts.length;
    const chosen = [...candidates]
      .sort((a, b) => load[a.id] - load[b.id] || pairHash(station.id, a.id) - pairHash(station.id, b.id) || cmp(a.id, b.id))
      .slice(0, wanted);
    for (const e of chosen) load[e.id]++;
    if (chosen.length > 0) assignments.push({ stationId: station.id, experts: [...station.experts, ...chosen.map((e) => e.id)] });
    if (chosen.length < wanted) shortfalls.push({ stationId: station.id, missing: wanted - chosen.length });
  }
  rebalance(
    assignments,
    needing.map((n) => n.station),
    experts,
    load,
    input,
  );
  assignments.sort((a, b) => cmp(a.stationId, b.stationId));
  shortfalls.sort((a, b) => cmp(a.stationId, b.stationId));
  return { assignments, shortfalls, load };
}

/**
 * Conflicts can leave the greedy pass unbalanced (an expert who may review few districts ends up
 * light). Moves a newly assigned seat from the most loaded expert to a lighter eligible one while
 * that narrows the gap; deterministic (stations and experts in id order). Kept experts stay.
 */
function rebalance(
  assignments: AssignmentResult['assignments'],
  stations: readonly StationToStaff[],
  experts: readonly ExpertProfile[],
  load: Record<string, number>,
  rules: AssignmentRules,
): void {
  const byId = new Map(stations.map((s) => [s.id, s]));
  const ordered = [...assignments].sort((a, b) => cmp(a.stationId, b.stationId));
  for (let moved = true, rounds = 0; moved && rounds < 10_000; rounds++) {
    moved = false;
    const max = Math.max(...experts.map((e) => load[e.id]));
    for (const a of ordered) {
      const station = byId.get(a.stationId)!;
      const seat = a.experts.findIndex((id, i) => i >= station.experts.length && load[id] === max);
      if (seat < 0) continue;
      const lighter = experts.find((e) => load[e.id] <= max - 2 && !a.experts.includes(e.id) && conflictOf(e, station, rules) === null);
      if (!lighter) continue;
      load[a.experts[seat]]--;
      load[lighter.id]++;
      a.experts[seat] = lighter.id;
      moved = true;
      break;
    }
  }
}

/**
 * The city's manual change of one station's experts: distinct panel members without a conflict.
 * Throws VALIDATION_FAILED (bad list) or PANEL.CONFLICT (422) naming each refused expert.
 */
export function checkManualAssignment(
  station: { id: string; districtCode: string },
  experts: readonly string[],
  panel: readonly ExpertProfile[],
  rules: Omit<AssignmentRules, 'perStation'>,
): void {
  const members = new Map(panel.map((e) => [e.id, e]));
  const issues: { field: string; message: string }[] = [];
  experts.forEach((id, i) => {
    const member = members.get(id);
    if (!member) issues.push({ field: `experts.${i}`, message: `${id} 不是本批次评估工作组成员` });
    else {
      const why = conflictOf(member, station, rules);
      if (why) issues.push({ field: `experts.${i}`, message: `专家 ${id}：${why}` });
    }
  });
  if (issues.length > 0) {
    throw new DomainError('PANEL.CONFLICT', `不能指派这些专家：${issues.map((i) => i.message).join('；')}`, issues);
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** FNV-1a over the pair: a stable, well-spread tie-break. */
function pairHash(stationId: string, expertId: string): number {
  let h = 0x811c9dc5;
  const s = `${stationId}\u0000${expertId}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
