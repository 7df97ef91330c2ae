import { dayNumber, shanghaiDate } from '../calendar/shanghai-time';
import type { DeadlineKey } from '../rounds/round-calendar';
import type { Digest, DigestInput, DistrictDirectoryEntry } from '../reminders/digest';
import { digestKey } from '../reminders/digest';
import type { AwaitedReview, ExpertContact } from './ports';

/** The deadlines of the city's step, which the panel's reviews are due by. */
export const REVIEW_DEADLINES: readonly DeadlineKey[] = ['cityEvaluation', 'cityRating'];

export interface ExpertDigestInput extends Pick<DigestInput, 'round' | 'checkpoint' | 'now'> {
  awaited: readonly AwaitedReview[];
  experts: readonly ExpertContact[];
  districts: readonly DistrictDirectoryEntry[];
}

/**
 * The experts' digests of one checkpoint of the city's step: one per expert who still owes a review,
 * listing those stations, keyed like the districts' digests (`expert:<id>`), so that the reminder
 * log sends each exactly once. An expert without an e-mail gets a digest without a recipient, which
 * the log records as failed (it is visible in the reminder list), rather than silence.
 */
export function composeExpertDigests({ round, checkpoint, now, awaited, experts, districts }: ExpertDigestInput): Digest[] {
  if (!REVIEW_DEADLINES.includes(checkpoint.deadlineKey) || awaited.length === 0) return [];
  const contacts = new Map(experts.map((e) => [e.id, e]));
  const districtNames = new Map(districts.map((d) => [d.code, d.name]));
  const byExpert = new Map<string, AwaitedReview['station'][]>();
  for (const a of awaited) byExpert.set(a.expertId, [...(byExpert.get(a.expertId) ?? []), a.station]);
  const deadline = checkpoint.deadline;
  return [...byExpert]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([expertId, stations]) => {
      const contact = contacts.get(expertId);
      return {
        key: digestKey(round.roundId, checkpoint.key, `expert:${expertId}`),
        kind: 'expert' as const,
        roundId: round.roundId,
        roundName: round.name,
        programme: round.programme,
        districtCode: null,
        to: contact?.email ? [{ name: contact.name, email: contact.email }] : [],
        cc: [],
        deadlineKey: checkpoint.deadlineKey,
        deadline: deadline.toISOString(),
        checkpoint: checkpoint.checkpoint,
        daysLeft: dayNumber(shanghaiDate(deadline)) - dayNumber(shanghaiDate(now)),
        stations: [...stations]
          .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id))
          .map((s) => ({ ...s, districtName: districtNames.get(s.districtCode) ?? s.districtCode })),
      };
    });
}
