import vocab from './vocabulary.js';

/**
 * The districts a person may pick for a round, as `[code, name]` sorted by code: a district office
 * its own; the city office the districts of the round's city (a Hangzhou star-rating round offers
 * Hangzhou's, not Chongqing's), plus any other district that already has stations in the round.
 */
export function roundDistricts(round, names, me) {
  if (me.role === 'district') return [[me.districtCode, names.get(me.districtCode) ?? me.districtCode]];
  const city = new Set(vocab.programmeDistricts[round.programme] ?? []);
  const present = new Set(Object.keys(round.byDistrict ?? {}));
  const codes = [...names.keys()].filter((code) => city.has(code) || present.has(code));
  // A service whose districts are none of the seeded cities' still offers all of them.
  const offered = codes.length ? codes : [...names.keys()];
  return offered.sort().map((code) => [code, names.get(code) ?? code]);
}
