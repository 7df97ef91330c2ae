import { SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes the workflows set so admins can filter in the Temporal UI
 * (e.g. `StationStage = "filing" AND DistrictCode = "500103"`). The typed keys the workflows use
 * live in workflows/messages.ts; this list is what a server must have registered.
 */
export const SEARCH_ATTRIBUTES: Record<string, SearchAttributeType> = {
  RoundId: SearchAttributeType.KEYWORD,
  DistrictCode: SearchAttributeType.KEYWORD,
  StationStage: SearchAttributeType.KEYWORD,
  StationOverdue: SearchAttributeType.BOOL,
};

/** `--search-attribute Name=Type` flags for `temporal server start-dev`. */
export function devServerSearchAttributeFlags(): string[] {
  const cliType: Record<SearchAttributeType, string> = {
    [SearchAttributeType.KEYWORD]: 'Keyword',
    [SearchAttributeType.BOOL]: 'Bool',
    [SearchAttributeType.TEXT]: 'Text',
    [SearchAttributeType.INT]: 'Int',
    [SearchAttributeType.DOUBLE]: 'Double',
    [SearchAttributeType.DATETIME]: 'Datetime',
    [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
  };
  return Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, type]) => ['--search-attribute', `${name}=${cliType[type]}`]);
}
