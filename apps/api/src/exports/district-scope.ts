import type { Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';

/**
 * The district a per-district table covers (the summary export, the import template): a district
 * token its own (FORBIDDEN for another), admin and city the one asked for, or every district (null).
 */
export function districtScope(requested: string | undefined, p: Principal): string | null {
  if (p.role === 'station') throw new ApiError('FORBIDDEN', '站点令牌不能使用区县汇总表');
  if (p.role !== 'district') return requested ?? null;
  if (requested && requested !== p.districtCode) throw new ApiError('FORBIDDEN', '区县只能查看和填报本区县的汇总表');
  return p.districtCode;
}
