/**
 * Ids in one place: the UUIDs that name rounds and stations, and the ids of their workflows
 * (workflows/messages.ts re-exports these, so that the API, the worker and the workflows agree).
 */

/** A round's or a station's id, as the API issues them (randomUUID). */
export const UUID_PATTERN = /^[0-9a-f-]{36}$/i;

/** True when `text` can be a round's or a station's id; anything else names nothing (404, not a query). */
export const isUuid = (text: string): boolean => UUID_PATTERN.test(text);

export const stationWorkflowId = (stationId: string): string => `station-${stationId}`;
export const roundWorkflowId = (roundId: string): string => `round-${roundId}`;

/** The station a workflow id names (the inverse of stationWorkflowId). */
export const stationIdOfWorkflow = (workflowId: string): string => workflowId.replace(/^station-/, '');
/** The round a workflow id names (the inverse of roundWorkflowId). */
export const roundIdOfWorkflow = (workflowId: string): string => workflowId.replace(/^round-/, '');
