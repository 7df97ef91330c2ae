import type { RoundCalendar } from '@app/domain';
import type { WorkflowGateway } from '../common/workflow-gateway';
import { CalendarHandOff } from './calendar-handoff';
import type { StationRounds } from './station-rounds';

const calendar = (version: number): RoundCalendar => ({
  version,
  deadlines: { recommendation: `2025-0${version}-01T00:00:00.000Z` } as RoundCalendar['deadlines'],
});

/** The round's projection and the stations' workflows as recording stand-ins (the race itself runs in the topology e2e). */
function handOff(current: RoundCalendar) {
  const sent: [string, number][] = [];
  const rounds = { currentCalendar: () => Promise.resolve(current) } as unknown as StationRounds;
  const workflows = {
    sendCalendar: (id: string, c: RoundCalendar) => {
      sent.push([id, c.version]);
      return Promise.resolve(true);
    },
  } as unknown as WorkflowGateway;
  return { sent, handOff: new CalendarHandOff(rounds, workflows) };
}

describe('CalendarHandOff.catchUp', () => {
  it('tells the new stations of a calendar that changed while they started', async () => {
    const { sent, handOff: h } = handOff(calendar(3));
    await h.catchUp('r1', calendar(2), ['s1', 's2']);
    expect(sent).toEqual([
      ['s1', 3],
      ['s2', 3],
    ]);
  });

  it('sends nothing when the calendar they were given is still the current one, or when none was created', async () => {
    const { sent, handOff: h } = handOff(calendar(2));
    await h.catchUp('r1', calendar(2), ['s1']);
    await h.catchUp('r1', calendar(1), []);
    expect(sent).toEqual([]);
  });
});
