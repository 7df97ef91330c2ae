/**
 * The custom search attributes the workflows set, so that admins can filter in the Temporal UI
 * (e.g. `StationStage = "filing" AND DistrictCode = "500103"`), with Temporal's type of each.
 * The one list: workflows/messages.ts makes the typed keys from it, libs/temporal registers it.
 */
export const WORKFLOW_SEARCH_ATTRIBUTES = {
  RoundId: 'KEYWORD',
  DistrictCode: 'KEYWORD',
  StationStage: 'KEYWORD',
  StationOverdue: 'BOOL',
} as const;

export type WorkflowSearchAttribute = keyof typeof WORKFLOW_SEARCH_ATTRIBUTES;
