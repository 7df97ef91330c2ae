import { Injectable } from '@nestjs/common';
import type { StationPanel } from '@app/domain';
import { ExpertPanelRepository, StationEntity, StationFilter, StationRepository } from '@app/persistence';
import { actorOf, Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';

/** Admin and city see every station, a district its own, a station token itself, an expert the stations assigned to them. */
export function inScope(station: { id: string; districtCode: string; state?: Record<string, unknown> }, p: Principal): boolean {
  if (p.role === 'admin' || p.role === 'city') return true;
  if (p.role === 'district') return station.districtCode === p.districtCode;
  if (p.role === 'expert') return ((station.state?.panel as StationPanel | undefined)?.experts ?? []).includes(actorOf(p).id);
  return station.id === p.stationId;
}

/** Who may read, change and apply for which station. */
@Injectable()
export class StationScopePolicy {
  constructor(
    private readonly stations: StationRepository,
    private readonly panels: ExpertPanelRepository,
  ) {}

  /** Admin and city apply for any district, a district for its own, a station never. */
  assertMayApply(districtCode: string, p: Principal): void {
    if (p.role === 'district' && districtCode !== p.districtCode) {
      throw new ApiError('FORBIDDEN', '区县只能为本区县申报站点');
    }
    if (p.role === 'station' || p.role === 'expert') throw new ApiError('FORBIDDEN', '站点令牌不能新建申报');
  }

  /** A station within the caller's scope; outside it the station does not exist (404). */
  async readable(id: string, p: Principal): Promise<StationEntity> {
    const station = await this.stations.findById(id);
    if (!station || !inScope(station, p)) throw notFound(id);
    return station;
  }

  /** A station the caller may act on: a write outside the scope is refused (403), as the contract asks; unknown ids are 404. */
  async writable(id: string, p: Principal): Promise<StationEntity> {
    const station = await this.stations.findById(id);
    if (!station) throw notFound(id);
    if (!inScope(station, p)) throw new ApiError('FORBIDDEN', '无权操作其他区县或站点的数据');
    return station;
  }

  /** The part of a list the caller may see; a district asking for another district's stations is refused (403). */
  async listScope(
    districtCode: string | undefined,
    p: Principal,
  ): Promise<Pick<StationFilter, 'districtCode' | 'stationId' | 'stationIds'>> {
    if (p.role === 'expert') return { districtCode, stationIds: await this.panels.stationIdsOf(actorOf(p).id) };
    if (p.role === 'district') {
      if (districtCode && districtCode !== p.districtCode) throw new ApiError('FORBIDDEN', '区县只能查看本区县站点');
      return { districtCode: p.districtCode ?? '' };
    }
    // '' matches no station: a token without its station sees nothing rather than everything
    return { districtCode, ...(p.role === 'station' ? { stationId: p.stationId ?? '' } : {}) };
  }
}

export const notFound = (id: string) => new ApiError('NOT_FOUND', `站点 ${id} 不存在`);
