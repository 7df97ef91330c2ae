import { HAVE_KEYS } from '@app/domain';
import { toCsv } from '../../apps/api/src/exports/csv';
import { goodRow, HEADERS } from '../../apps/api/src/imports/testing/rows';
import { applicationForm, RunningService } from './service';

/** The district whose tokens act "in scope", and another one. */
export const OWN_DISTRICT = '500103';
export const OTHER_DISTRICT = '500104';

export const SIX_HAVES = Object.fromEntries(HAVE_KEYS.map((k) => [k, { status: 'met', evidence: `${k}：已达标` }]));

/** The stages a station can be brought to by `World.station`, in order. */
export type ReachableStage = 'application' | 'recommendation' | 'filing' | 'cultivation' | 'city_evaluation' | 'publication';

/** The action (as admin) that takes a station out of each stage, towards being listed. */
interface Step {
  to: ReachableStage;
  path: string;
  body: unknown;
}
const NEXT_STEP: Partial<Record<ReachableStage, Step>> = {
  application: { to: 'recommendation', path: 'submission', body: {} },
  recommendation: { to: 'filing', path: 'recommendation', body: { recommended: true } },
  filing: { to: 'cultivation', path: 'filing', body: { filed: true, level: 'city' } },
  cultivation: { to: 'city_evaluation', path: 'self-assessment', body: { sixHaves: SIX_HAVES, summary: '六有自评完成' } },
  city_evaluation: { to: 'publication', path: 'evaluation', body: { passed: true } },
};

/**
 * Builds what end-to-end specs act on, through the API as the admin: rounds whose deadlines lie far
 * ahead (so no timer changes anything while a spec runs), stations in a given stage, tokens.
 *
 * At any instant: the first reminder of the default policy (14 days before the deadline 60 days
 * ahead, moved back at most over one holiday block) is weeks away, and `at` counts whole days so a
 * deadline's Shanghai date never matters. The last date lies in next year; when the work calendar
 * lacks that year the service adds one notice mail to the outbox, which no spec counts on.
 */
export class World {
  private seq = 0;

  constructor(readonly svc: RunningService) {}

  unique(prefix: string): string {
    return `${prefix}-${Date.now().toString(36)}-${++this.seq}`;
  }

  /** A request that must succeed; its body. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- specs read JSON bodies loosely
  async ok(method: string, path: string, body?: unknown, token = this.svc.adminToken): Promise<any> {
    const res = await this.svc.request(method, path, body, token);
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`);
    return res.body;
  }

  roundBody(extra: Record<string, unknown> = {}) {
    const at = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    return {
      code: this.unique('e2e'),
      name: '端到端测试批次',
      programme: 'six-haves',
      deadlines: { recommendation: at(60), selfAssessment: at(300), cityEvaluation: at(330), publication: at(360), promotion: at(390) },
      cityContacts: [{ name: '市三方办', email: 'city@example.org' }],
      ...extra,
    };
  }

  async round(extra: Record<string, unknown> = {}): Promise<string> {
    return (await this.ok('POST', '/api/rounds', this.roundBody(extra))).id;
  }

  async token(role: string, extra: Record<string, string> = {}): Promise<{ id: string; token: string }> {
    return this.ok('POST', '/api/tokens', { role, label: this.unique(`${role}令牌`), ...extra });
  }

  /** A new station of `districtCode` in `roundId`, brought to `stage` by the admin. */
  async station(roundId: string, stage: ReachableStage, districtCode = OWN_DISTRICT): Promise<string> {
    const form = applicationForm(districtCode, this.unique('测试站点'), stage === 'application' ? { draft: true } : {});
    const id: string = (await this.ok('POST', `/api/rounds/${roundId}/applications`, form)).id;
    let at: ReachableStage = stage === 'application' ? 'application' : 'recommendation';
    while (at !== stage) {
      const step: Step = NEXT_STEP[at]!;
      const moved = await this.ok('POST', `/api/stations/${id}/${step.path}`, step.body);
      if (moved.stage !== step.to) throw new Error(`station ${id} went to ${moved.stage}, not ${step.to}`);
      at = step.to;
    }
    return id;
  }

  /** A star-rating round (杭州 programme); its dates are given by their six-haves aliases. */
  async starRound(): Promise<string> {
    return this.round({ programme: 'star-rating' });
  }

  /** The registration form of a star-rating round (登记表). */
  registrationForm(districtCode: string, name: string) {
    return {
      stationName: name,
      districtCode,
      address: '杭州市上城区某街道1号',
      contact: { name: '王五', phone: '13800000000' },
      services: ['劳动争议调解'],
    };
  }

  /** A new star-rating station of `districtCode`, registered (it then owes its self-score) or self-scored too. */
  async starStation(roundId: string, stage: 'self_score' | 'district_review', districtCode = OWN_DISTRICT): Promise<string> {
    const id: string = (
      await this.ok('POST', `/api/rounds/${roundId}/registrations`, this.registrationForm(districtCode, this.unique('星级站点')))
    ).id;
    if (stage === 'district_review') {
      const scored = await this.ok('POST', `/api/stations/${id}/self-assessment`, { items: { signage: true }, summary: '自评' });
      if (scored.stage !== 'district_review') throw new Error(`star station ${id} went to ${scored.stage}, not district_review`);
    }
    return id;
  }

  /** What a refused write must leave as it was. */
  async stationState(id: string) {
    const s = await this.ok('GET', `/api/stations/${id}`);
    return { stage: s.stage, outcome: s.outcome, version: s.version, updatedAt: s.updatedAt, history: s.history.length };
  }

  async roundState(id: string) {
    const r = await this.ok('GET', `/api/rounds/${id}`);
    return {
      status: r.status,
      deadlines: r.deadlines,
      changes: r.changes.length,
      publication: r.publication,
      promotion: r.promotion,
      updatedAt: r.updatedAt,
    };
  }

  /** The ids of a round's stations (a refused application or import adds none), in id order. */
  async roundStations(roundId: string): Promise<string[]> {
    const page = await this.ok('GET', `/api/stations?roundId=${roundId}&limit=200`);
    return page.items.map((s: { id: string }) => s.id);
  }

  async latestAuditId(): Promise<number | null> {
    return (await this.ok('GET', '/api/audit?limit=1')).items[0]?.id ?? null;
  }

  /** A bulk-import CSV (the template's layout with a 推荐区县 column) with one good row per station name. */
  importForm(districtCode: string, ...names: string[]): FormData {
    const csv = toCsv([['推荐区县', ...HEADERS], ...names.map((n) => [districtCode, ...goodRow(n)])]);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(csv)], { type: 'text/csv' }), 'import.csv');
    return form;
  }
}
