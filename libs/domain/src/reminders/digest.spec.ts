import { composeDigests, DigestInput, OwingStation } from './digest';

const districts = [
  { code: '500103', name: '渝中区', contacts: [{ name: '渝中联系人', email: 'yz@example.org' }] },
  { code: '500105', name: '江北区', contacts: [{ name: '江北联系人', email: 'jb@example.org' }] },
  { code: '500106', name: '沙坪坝区', contacts: [] },
];
const station = (
  id: string,
  districtCode: string,
  name: string,
  stage: OwingStation['stage'] = 'recommendation',
  contactEmail: string | null = null,
): OwingStation => ({
  id,
  name,
  districtCode,
  stage,
  contactEmail,
});
const round = {
  roundId: 'r1',
  name: '2024批次',
  programme: 'six-haves' as const,
  cityContacts: [{ name: '市三方办', email: 'city@example.org' }],
};
const deadline = new Date('2024-09-30T15:59:59.000Z');

function digests(
  deadlineKey: DigestInput['checkpoint']['deadlineKey'],
  checkpoint: string,
  owing: OwingStation[],
  now = new Date('2024-09-23T01:00:00Z'),
) {
  return composeDigests({
    round,
    checkpoint: { deadlineKey, deadline, checkpoint, key: `${deadlineKey}|${deadline.toISOString()}|${checkpoint}` },
    owing,
    districts,
    now,
  });
}

describe('composeDigests', () => {
  it('sends one digest per district that owes a district step, listing only its stations', () => {
    const out = digests('recommendation', 'before:P7D', [
      station('b', '500105', '乙'),
      station('a', '500103', '甲'),
      station('c', '500103', '丙'),
    ]);
    expect(out.map((d) => [d.kind, d.districtCode, d.to.map((c) => c.email), d.stations.map((s) => s.name)])).toEqual([
      ['district', '500103', ['yz@example.org'], ['丙', '甲']],
      ['district', '500105', ['jb@example.org'], ['乙']],
    ]);
    expect(out[0].key).toBe('r1|recommendation|2024-09-30T15:59:59.000Z|before:P7D|district:500103');
    expect(out[0].daysLeft).toBe(7);
    expect(out[0].stations[0].districtName).toBe('渝中区');
  });

  it('sends nothing when nobody owes the step', () => {
    expect(digests('recommendation', 'before:P7D', [])).toEqual([]);
    expect(digests('recommendation', 'after:P1D', [])).toEqual([]);
  });

  it('escalates an overdue district step to the city office with every district behind', () => {
    const out = digests(
      'recommendation',
      'after:P1D',
      [station('a', '500103', '甲'), station('b', '500105', '乙')],
      new Date('2024-10-08T01:00:00Z'),
    );
    expect(out.map((d) => d.kind)).toEqual(['district', 'district', 'escalation']);
    const escalation = out[2];
    expect(escalation.to).toEqual(round.cityContacts);
    expect(escalation.districtCode).toBeNull();
    expect(escalation.stations.map((s) => s.name)).toEqual(['甲', '乙']);
    expect(escalation.daysLeft).toBe(-8);
    expect(escalation.key).toMatch(/\|escalation$/);
  });

  it('reminds the city office of its own steps, once, with no district digests', () => {
    const out = digests('filing', 'before:P3D', [station('a', '500103', '甲', 'filing'), station('b', '500105', '乙', 'filing')]);
    expect(out.map((d) => [d.kind, d.to.map((c) => c.email), d.stations.length])).toEqual([['city', ['city@example.org'], 2]]);
    expect(digests('filing', 'after:P1D', [station('a', '500103', '甲', 'filing')]).map((d) => d.kind)).toEqual(['city']);
  });

  it('copies the stations’ own contacts on self-assessment digests, once each, never the district itself', () => {
    const out = digests('selfAssessment', 'before:P7D', [
      station('a', '500103', '甲', 'cultivation', 'a@station.org'),
      station('b', '500103', '乙', 'self_assessment', 'A@station.org'),
      station('c', '500103', '丙', 'cultivation', 'yz@example.org'),
      station('d', '500103', '丁', 'cultivation', null),
    ]);
    expect(out[0].cc).toEqual(['a@station.org']);
    expect(digests('recommendation', 'before:P7D', [station('a', '500103', '甲', 'recommendation', 'a@station.org')])[0].cc).toEqual([]);
  });

  it('still composes a digest for a district without contacts (the sender records it as undeliverable)', () => {
    const [d] = digests('recommendation', 'before:P7D', [station('x', '500106', '戊')]);
    expect(d.to).toEqual([]);
    expect(d.stations[0].districtName).toBe('沙坪坝区');
  });
});
