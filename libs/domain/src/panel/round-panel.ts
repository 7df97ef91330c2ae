import { DomainError } from '../errors';
import type { RoundState } from '../rounds/round-state';
import type { Actor } from '../stations/station-state';
import { charLength, isPlainObject, rejectUnknownKeys, validationFailed, ValidationIssue } from '../validation/issues';
import { isExpertId, MAX_EXPERTS_PER_STATION, MAX_PANEL_EXPERTS, PanelConflict, RoundPanel } from './panel';

const MAX_CONFLICTS = 1000;

/** The round's panel as the city sets it: members, experts per station, the district rule and recorded conflicts. */
export function validateRoundPanel(input: unknown): Pick<RoundPanel, 'experts' | 'perStation' | 'excludeSameDistrict' | 'conflicts'> {
  if (!isPlainObject(input)) throw validationFailed('评估工作组设置无效', [{ field: 'panel', message: '应为对象' }]);
  const issues: ValidationIssue[] = [];
  rejectUnknownKeys(input, ['experts', 'perStation', 'excludeSameDistrict', 'conflicts'], '', issues);
  const experts = input.experts;
  if (!Array.isArray(experts) || experts.length === 0 || experts.length > MAX_PANEL_EXPERTS) {
    issues.push({ field: 'experts', message: `应为 1–${MAX_PANEL_EXPERTS} 名专家的用户 id` });
  } else {
    experts.forEach((id, i) => {
      if (!isExpertId(id)) issues.push({ field: `experts.${i}`, message: '应为专家用户 id' });
      else if (experts.indexOf(id) !== i) issues.push({ field: `experts.${i}`, message: `专家 ${id} 重复` });
    });
  }
  const perStation = input.perStation;
  if (!Number.isInteger(perStation) || (perStation as number) < 1 || (perStation as number) > MAX_EXPERTS_PER_STATION) {
    issues.push({ field: 'perStation', message: `每站专家人数应为 1–${MAX_EXPERTS_PER_STATION} 的整数` });
  }
  if (typeof input.excludeSameDistrict !== 'boolean') issues.push({ field: 'excludeSameDistrict', message: '应为 true 或 false' });
  const conflicts: PanelConflict[] = [];
  if (input.conflicts !== undefined) {
    if (!Array.isArray(input.conflicts) || input.conflicts.length > MAX_CONFLICTS) {
      issues.push({ field: 'conflicts', message: `应为不超过 ${MAX_CONFLICTS} 条回避记录的数组` });
    } else {
      input.conflicts.forEach((c, i) => {
        const at = `conflicts.${i}`;
        if (!isPlainObject(c)) return issues.push({ field: at, message: '应为 { expertId, stationId? , districtCode?, reason? }' });
        rejectUnknownKeys(c, ['expertId', 'stationId', 'districtCode', 'reason'], `${at}.`, issues);
        if (!isExpertId(c.expertId)) issues.push({ field: `${at}.expertId`, message: '应为专家用户 id' });
        const hasStation = typeof c.stationId === 'string' && c.stationId.length > 0 && c.stationId.length <= 64;
        const hasDistrict = typeof c.districtCode === 'string' && /^\d{6}$/.test(c.districtCode);
        if (c.stationId !== undefined && !hasStation) issues.push({ field: `${at}.stationId`, message: '应为站点 id' });
        if (c.districtCode !== undefined && !hasDistrict) issues.push({ field: `${at}.districtCode`, message: '应为 6 位区县代码' });
        if (!hasStation && !hasDistrict) issues.push({ field: at, message: '须指明回避的站点（stationId）或区县（districtCode）' });
        if (c.reason !== undefined && (typeof c.reason !== 'string' || charLength(c.reason) > 500)) {
          issues.push({ field: `${at}.reason`, message: '应为不超过 500 字的文字' });
        }
        conflicts.push({
          expertId: c.expertId as string,
          ...(hasStation ? { stationId: c.stationId as string } : {}),
          ...(hasDistrict ? { districtCode: c.districtCode as string } : {}),
          ...(typeof c.reason === 'string' && c.reason.trim() ? { reason: c.reason.trim() } : {}),
        });
      });
    }
  }
  if (issues.length > 0) throw validationFailed(`评估工作组设置有误：${issues.map((i) => `${i.field}: ${i.message}`).join('；')}`, issues);
  return {
    experts: experts as string[],
    perStation: perStation as number,
    excludeSameDistrict: input.excludeSameDistrict as boolean,
    conflicts,
  };
}

/** The round with its panel set (the round workflow's `setPanel` Update); the city or an admin, while the round is open. */
export function setRoundPanel(state: RoundState, input: unknown, actor: Actor, at: Date): RoundState {
  if (actor.role !== 'admin' && actor.role !== 'city') throw new DomainError('FORBIDDEN', '只有市级可以设置评估工作组');
  if (state.status === 'closed') throw new DomainError('ROUND.CLOSED', '本批次已结束，不能再设置评估工作组', { status: state.status });
  const panel: RoundPanel = { ...validateRoundPanel(input), updatedAt: at.toISOString(), updatedBy: actor.name };
  return { ...state, panel, version: state.version + 1 };
}
