import { SearchAttributeType } from '@temporalio/common';
import { WORKFLOW_SEARCH_ATTRIBUTES } from '@app/domain';

/**
 * The custom search attributes a server must have registered: the workflows' list (libs/domain,
 * from which workflows/messages.ts makes its typed keys).
 */
export const SEARCH_ATTRIBUTES: Readonly<Record<string, SearchAttributeType>> = WORKFLOW_SEARCH_ATTRIBUTES;

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
