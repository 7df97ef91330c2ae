import { DEADLINE_KEYS, DeadlineKey, RoundState } from '../libs/domain/src';
import type { Round } from './round';
import { fanOut } from './round-activities';

type DeadlineEntry = [DeadlineKey, string];

/** The round's deadlines, each escalated once as it passes; a moved deadline is a new one. */
export class DeadlineEscalation {
  /** `${key}|${deadline}` of every deadline already escalated */
  private readonly passed: Set<string>;

  constructor(passed: string[]) {
    this.passed = new Set(passed);
  }

  /** A round may be recorded after the fact: deadlines already past when it starts are not escalated. */
  static startingAt(state: RoundState): DeadlineEscalation {
    return new DeadlineEscalation(deadlineEntries(state).flatMap(([key, at]) => (Date.parse(at) < Date.now() ? [passedKey(key, at)] : [])));
  }

  /** What continue-as-new carries over. */
  passedKeys(): string[] {
    return [...this.passed];
  }

  /**
   * Escalates every deadline passed since the last look (the districts owing it hear of it, the
   * round records it). Returns how many passed and the instants of those still ahead, as the round's
   * calendar stood when it looked.
   */
  async escalatePassed(round: Round): Promise<{ escalated: number; upcoming: string[] }> {
    const pending = deadlineEntries(round.state).filter(([key, at]) => !this.passed.has(passedKey(key, at)));
    const now = Date.now();
    const ready = pending.filter(([, at]) => Date.parse(at) < now);
    for (const [key, at] of ready) {
      this.passed.add(passedKey(key, at));
      const owing = await fanOut.deadlinePassed(round.state, key);
      if (owing > 0) {
        round.bump({ escalations: [...round.state.escalations, { key, deadline: at, owing, at: new Date().toISOString() }] });
        await round.projection.written();
      }
    }
    const upcoming = pending.filter((entry) => !ready.includes(entry)).map(([, at]) => at);
    return { escalated: ready.length, upcoming };
  }
}

const passedKey = (key: DeadlineKey, at: string): string => `${key}|${at}`;

function deadlineEntries(state: RoundState): DeadlineEntry[] {
  return DEADLINE_KEYS.flatMap((key) => {
    const at = state.calendar.deadlines[key];
    return at ? [[key, at] as DeadlineEntry] : [];
  });
}
