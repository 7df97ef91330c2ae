/**
 * Score sheets of the Hangzhou 2024 rubric for tests (never imported by production code): full
 * marks, and the cases the rating must tell apart — five stars, stars withheld by a missing
 * prerequisite, and a station below every threshold.
 */
import type { ItemInput, StationScoreValues } from '../star-rating/scoring';

/** Every item at full marks: hardware 12 → 10, work 78, impact 9: 97 points (no bonus). */
export const FULL_MARKS: Readonly<Record<string, ItemInput>> = {
  signage: true,
  premises: true,
  mediationRoom: true,
  sharedCourt: true,
  activitySpace: true,
  officeFacilities: true,
  studyMaterials: 3,
  noticeWall: true,
  displayWindow: true,
  personInCharge: true,
  managementRules: true,
  mediationLedger: true,
  legalAidFiles: true,
  annualPlan: true,
  otherLedgers: true,
  funding: true,
  disputesMediated: 50,
  legalAidCases: 25,
  legalConsultations: 25,
  lectures: 25,
  publicityDrives: 25,
  bargainingGuidance: 25,
  monitoringReports: 25,
  legalCheckups: 25,
  mediators: 3,
  partTimeArbitrators: 3,
  bargainingInstructors: 3,
  suggestionsCollected: 12,
  closeToWorkers: 1,
  leadersVisit: true,
  economicDevelopment: true,
};

/** 97 points and every five-star prerequisite met: five stars. */
export const FIVE_STAR_SHEET: StationScoreValues = { items: FULL_MARKS, facts: { arbitrationTribunal: true, disputesHandledThisYear: 60 } };

/** 97 points without an arbitration branch tribunal: five and four stars withheld, three stars. */
export const NO_TRIBUNAL_SHEET: StationScoreValues = {
  items: FULL_MARKS,
  facts: { arbitrationTribunal: false, disputesHandledThisYear: 60 },
};

/** Still 97 points without a shared court (hardware 11 is capped at 10 anyway): five stars withheld, four stars. */
export const NO_SHARED_COURT_SHEET: StationScoreValues = {
  items: { ...FULL_MARKS, sharedCourt: false },
  facts: { arbitrationTribunal: true, disputesHandledThisYear: 60 },
};

/** Signage 2, mediation room 1, 10 disputes mediated 2: 5 points, no star (no tribunal, as the city states at its rating). */
export const LOW_SHEET: StationScoreValues = {
  items: { signage: true, mediationRoom: true, disputesMediated: 10 },
  facts: { arbitrationTribunal: false, disputesHandledThisYear: 10 },
};
