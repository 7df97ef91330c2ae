import { Injectable } from '@nestjs/common';
import { isUuid } from '@app/domain';
import { StationRepository } from '@app/persistence';
import type { Principal } from '../auth/principal';
import { decodeCursor, encodeCursor } from '../common/cursor';
import type { StationListQuery } from './application.dto';
import { presentRow } from './station.presenter';
import { StationScopePolicy } from './station-scope.policy';

/** GET /stations: the stations in the caller's scope, by id, a page at a time (the cursor is the last id). */
@Injectable()
export class ListStations {
  constructor(
    private readonly scope: StationScopePolicy,
    private readonly stations: StationRepository,
  ) {}

  async execute(q: StationListQuery, principal: Principal) {
    const filter = {
      roundId: q.roundId,
      stage: q.stage,
      overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
      ...(await this.scope.listScope(q.districtCode, principal)),
    };
    const after = q.cursor ? decodeCursor(q.cursor, (id) => (isUuid(id) ? id : null)) : null;
    const limit = q.limit ?? 50;
    const rows = await this.stations.page(filter, after, limit + 1);
    const page = rows.slice(0, limit);
    return {
      items: page.map(presentRow),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].id) : null,
    };
  }
}
