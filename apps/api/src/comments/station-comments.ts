import { Injectable } from '@nestjs/common';
import { StationCommentEntity, StationCommentRepository } from '@app/persistence';
import { actingIdOf, Principal } from '../auth/principal';
import { StationScopePolicy } from '../stations/station-scope.policy';

const present = (c: StationCommentEntity) => ({ id: c.id, text: c.text, author: c.author, role: c.authorRole, createdAt: c.createdAt });

/**
 * A station's comment thread (意见交流): anyone who sees the station reads it and writes in it;
 * outside the caller's scope the station does not exist on read (404) and is refused on write (403).
 * Comments move nothing.
 */
@Injectable()
export class StationComments {
  constructor(
    private readonly scope: StationScopePolicy,
    private readonly comments: StationCommentRepository,
  ) {}

  async thread(stationId: string, principal: Principal) {
    await this.scope.readable(stationId, principal);
    return { items: (await this.comments.thread(stationId)).map(present) };
  }

  /** Writing in another district's thread is refused (403), as every write outside the caller's scope is. */
  async add(stationId: string, text: string, principal: Principal) {
    await this.scope.writable(stationId, principal);
    await this.comments.add({
      stationId,
      text: text.trim(),
      author: principal.label,
      authorId: actingIdOf(principal),
      authorRole: principal.role,
      createdAt: new Date().toISOString(),
    });
    return { items: (await this.comments.thread(stationId)).map(present) };
  }
}
