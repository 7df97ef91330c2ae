import vocab from './vocabulary.js';

/**
 * What the signed-in token may do, so that the page offers only that. The API decides in the end
 * (and scopes what it returns); these rules come from the same domain tables (vocabulary.js).
 */
export const isAdmin = (me) => me.role === 'admin';
/** The city office (and admins) run the round: publication, promotion, deadlines, new rounds, the outbox. */
export const runsRounds = (me) => me.role === 'admin' || me.role === 'city';
/** Who may file an application (a district only for its own district). */
export const mayApply = (me) => ['admin', 'city', 'district'].includes(me.role);

export function ownsStation(me, station) {
  if (me.role === 'district') return station.districtCode === me.districtCode;
  if (me.role === 'station') return station.id === me.stationId;
  return true;
}

/** Who may take which action in which stage, for the station's programme. */
export function actionTables(station) {
  return station.programme === 'star-rating'
    ? { roles: vocab.starRatingActionRoles, stages: vocab.starRatingActionStages }
    : { roles: vocab.actionRoles, stages: vocab.actionStages };
}

/** May `me` take `type` (a station action of the domain) on `station` as it is now? */
export function mayAct(me, type, station) {
  const { roles, stages } = actionTables(station);
  return ownsStation(me, station) && !!roles[type]?.includes(me.role) && !!stages[type]?.includes(station.stage);
}
