import { dayNumber, shanghaiDate } from '../calendar/shanghai-time';
import type { DeadlineKey } from '../rounds/round-calendar';
import type { Contact, Programme } from '../rounds/round-state';
import type { Webhook } from './channels';
import type { Stage } from '../stations/stages';
import { Checkpoint, checkpointKind } from './plan';

/**
 * Who is reminded of which step (DOMAIN.md "Who is reminded"): the district tripartite for the
 * steps districts owe, the city office for the ones it owes.
 */
export const RESPONSIBLE_OFFICE: Readonly<Record<DeadlineKey, 'district' | 'city'>> = {
  recommendation: 'district',
  filing: 'city',
  selfAssessment: 'district', // cultivation / self-assessment: the station with its cultivating unit
  cityEvaluation: 'city',
  publication: 'city',
  promotion: 'city',
  // star rating (杭总工办〔2023〕30号): the district union registers its stations and re-scores
  // them, the station scores itself under its district, the city union rates.
  registration: 'district',
  selfScore: 'district',
  districtReview: 'district',
  cityRating: 'city',
};

/** Steps whose stations' own contacts are copied on the district digest. */
const STATION_CONTACT_IN_COPY: readonly DeadlineKey[] = ['selfAssessment', 'selfScore'];

/** zh-CN names of the steps a deadline closes, for subjects and bodies. */
export const DEADLINE_LABELS: Readonly<Record<DeadlineKey, string>> = {
  recommendation: '择优推荐',
  filing: '备案',
  selfAssessment: '自评',
  cityEvaluation: '培育评估',
  publication: '名单发布',
  promotion: '总结推广',
  registration: '服务站登记',
  selfScore: '星级自评',
  districtReview: '区县复评',
  cityRating: '星级评定',
};

/** One station that still owes the step at a checkpoint. */
export interface OwingStation {
  id: string;
  name: string;
  districtCode: string;
  stage: Stage;
  /** the station's own contact e-mail from its application, if any */
  contactEmail: string | null;
  /** the station contact's group robot from its application, if any */
  contactWebhook?: Webhook;
}

export interface DistrictDirectoryEntry {
  code: string;
  name: string;
  contacts: Contact[];
}

/**
 * `district`: a district's digest of its own stations; `city`: the city office's digest of the
 * steps it owes; `escalation`: overdue district steps, escalated to the city office; `expert`: an
 * expert's digest of the reviews they owe (panel/expert-digests.ts).
 */
export type DigestKind = 'district' | 'city' | 'escalation' | 'expert';

/** One reminder e-mail: a recipient and every station it is about, at one checkpoint. */
export interface Digest {
  /** idempotency key: (round, stage, deadline, checkpoint, recipient); stored before sending */
  key: string;
  kind: DigestKind;
  roundId: string;
  roundName: string;
  /** the round's programme: which offices the mail names */
  programme: Programme;
  /** the district the digest is about; null for the city's round-wide digests */
  districtCode: string | null;
  to: Contact[];
  cc: string[];
  /** the stations' own group robots, copied like their e-mails (self-assessment steps) */
  ccWebhooks?: Webhook[];
  deadlineKey: DeadlineKey;
  deadline: string;
  checkpoint: string;
  /** whole Asia/Shanghai days from the checkpoint's date to the deadline's; negative when overdue */
  daysLeft: number;
  stations: (OwingStation & { districtName: string })[];
}

export interface DigestInput {
  round: { roundId: string; name: string; programme: Programme; cityContacts: Contact[] };
  checkpoint: Pick<Checkpoint, 'deadlineKey' | 'deadline' | 'checkpoint' | 'key'>;
  owing: OwingStation[];
  districts: DistrictDirectoryEntry[];
  /** when the checkpoint is sent, for `daysLeft` */
  now: Date;
}

export const digestKey = (roundId: string, checkpointKey: string, recipient: string): string => `${roundId}|${checkpointKey}|${recipient}`;

/**
 * The digests of one checkpoint: one per district that owes a district step (stations sorted by
 * name), one to the city office for a city step, and, once a district step is overdue, one
 * escalation to the city office listing every district behind. Nothing for a district that owes
 * nothing, and nothing at all when nobody owes the step.
 */
export function composeDigests({ round, checkpoint, owing, districts, now }: DigestInput): Digest[] {
  if (owing.length === 0) return [];
  const directory = new Map(districts.map((d) => [d.code, d]));
  const named = [...owing]
    .map((s) => ({ ...s, districtName: directory.get(s.districtCode)?.name ?? s.districtCode }))
    .sort((a, b) => a.districtCode.localeCompare(b.districtCode) || a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));
  const deadline = checkpoint.deadline;
  const base = {
    roundId: round.roundId,
    roundName: round.name,
    programme: round.programme,
    deadlineKey: checkpoint.deadlineKey,
    deadline: deadline.toISOString(),
    checkpoint: checkpoint.checkpoint,
    daysLeft: dayNumber(shanghaiDate(deadline)) - dayNumber(shanghaiDate(now)),
  };
  const key = (recipient: string) => digestKey(round.roundId, checkpoint.key, recipient);
  const cityDigest = (kind: 'city' | 'escalation'): Digest => ({
    ...base,
    key: key(kind),
    kind,
    districtCode: null,
    to: round.cityContacts,
    cc: [],
    stations: named,
  });

  if (RESPONSIBLE_OFFICE[checkpoint.deadlineKey] === 'city') return [cityDigest('city')];

  const byDistrict = new Map<string, typeof named>();
  for (const s of named) byDistrict.set(s.districtCode, [...(byDistrict.get(s.districtCode) ?? []), s]);
  const copyStations = STATION_CONTACT_IN_COPY.includes(checkpoint.deadlineKey);
  const digests: Digest[] = [...byDistrict].map(([code, stations]) => {
    const to = directory.get(code)?.contacts ?? [];
    const toEmails = new Set(to.flatMap((c) => (c.email ? [c.email.toLowerCase()] : [])));
    const cc = copyStations
      ? unique(stations.flatMap((s) => (s.contactEmail ? [s.contactEmail] : []))).filter((e) => !toEmails.has(e.toLowerCase()))
      : [];
    const ccWebhooks = copyStations ? stations.flatMap((s) => (s.contactWebhook ? [s.contactWebhook] : [])) : [];
    return {
      ...base,
      key: key(`district:${code}`),
      kind: 'district',
      districtCode: code,
      to,
      cc,
      ...(ccWebhooks.length ? { ccWebhooks } : {}),
      stations,
    };
  });
  if (checkpointKind(checkpoint.checkpoint) === 'after') digests.push(cityDigest('escalation'));
  return digests;
}

function unique(emails: string[]): string[] {
  const seen = new Set<string>();
  return emails.filter((e) => !seen.has(e.toLowerCase()) && seen.add(e.toLowerCase()));
}
