import { DomainError } from '../errors';
import { Stage, STAGE_LABELS, STAGES } from '../stations/stages';
import type { PublicationRecord, RoundState } from './round-state';

/**
 * Publication and supplementary lists (DOMAIN.md decision "Late stations after publication").
 *
 * The list can be published more than once until promotion: a station the city evaluates after
 * the first list reaches `publication` and is listed by the next list, a supplementary list
 * (补充名单) with its own document number. Promotion closes the round, so it is refused while any
 * station is still open before publication (the city decides each one first) or has passed but
 * waits for a supplementary list.
 */

/** The stages of a station the city has not yet decided for the list (drafts included). */
export const STAGES_BEFORE_PUBLICATION: readonly Stage[] = STAGES.slice(0, STAGES.indexOf('publication'));

/** The stations that keep a round from promotion: undecided, or passed and not yet on a list. */
export const STAGES_BLOCKING_PROMOTION: readonly Stage[] = [...STAGES_BEFORE_PUBLICATION, 'publication'];

/** Every list a round has published, first one first (older rounds hold only `publication`). */
export function publicationsOf(round: Pick<RoundState, 'publication' | 'publications'>): PublicationRecord[] {
  return round.publications ?? (round.publication ? [round.publication] : []);
}

const MAX_DOCUMENT_NO = 100;

/**
 * Checks a request to publish a list; returns whether it is a supplementary list. The first list
 * may go without a document number (as before); a supplementary list needs its own, one that no
 * earlier list of the round used, since offices cite each list by it.
 */
export function checkPublication(
  round: Pick<RoundState, 'status' | 'publication' | 'publications'>,
  documentNo: string | undefined,
): { supplementary: boolean } {
  if (round.status === 'closed') {
    throw new DomainError('ROUND.CLOSED', '本批次已总结推广并结束，不能再发布名单', { status: round.status });
  }
  const earlier = publicationsOf(round);
  if (round.status === 'open' && earlier.length === 0) return { supplementary: false };
  const no = documentNo?.trim() ?? '';
  if (!no) {
    throw new DomainError('VALIDATION_FAILED', '补充名单须有自己的发布文号（documentNo）', [
      { field: 'documentNo', message: '补充名单须填写发布文号' },
    ]);
  }
  if (no.length > MAX_DOCUMENT_NO) {
    throw new DomainError('VALIDATION_FAILED', `发布文号过长（最多 ${MAX_DOCUMENT_NO} 个字符）`, [
      { field: 'documentNo', message: '过长' },
    ]);
  }
  if (earlier.some((p) => p.documentNo?.trim() === no)) {
    throw new DomainError('VALIDATION_FAILED', `发布文号“${no}”已用于本批次此前发布的名单，补充名单须另行编号`, [
      { field: 'documentNo', message: '已被此前的名单使用' },
    ]);
  }
  return { supplementary: true };
}

/** A supplementary list must list someone: refused while no station waits in `publication`. */
export function assertSomethingToPublish(waiting: number): void {
  if (waiting === 0) {
    throw new DomainError('ROUND.NOTHING_TO_PUBLISH', '目前没有待列入补充名单的站点（“名单发布”阶段为空），无需发布补充名单', { waiting });
  }
}

/** A station that keeps the round from promotion, as the refusal names it. */
export interface OpenStation {
  id: string;
  name: string;
  districtCode: string;
  stage: Stage;
}

/** How many stations a refusal names; the rest are counted. */
const NAMED_AT_MOST = 10;

/**
 * Refuses promotion (ROUND.STATIONS_OPEN) while stations are open before publication or wait for
 * a supplementary list, naming them (at most ten, then how many more) with their stage.
 */
export function assertPromotable(open: { total: number; stations: readonly OpenStation[] }): void {
  if (open.total === 0) return;
  const named = open.stations
    .slice(0, NAMED_AT_MOST)
    .map((s) => `${s.name}（${STAGE_LABELS[s.stage]}${s.stage === 'publication' ? '，待列入补充名单' : ''}）`);
  const more = open.total > named.length ? `等 ${open.total} 个站点` : '';
  throw new DomainError(
    'ROUND.STATIONS_OPEN',
    `尚有站点未作决定或未列入名单，不能总结推广：${named.join('、')}${more}。请先逐一完成评估（或退回、撤回），并为已通过评估的站点发布补充名单。`,
    { total: open.total, stations: open.stations.slice(0, NAMED_AT_MOST) },
  );
}
