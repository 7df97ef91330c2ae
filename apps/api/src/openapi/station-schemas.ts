import type { SchemaObject } from '@nestjs/swagger';
import { LEVELS, OUTCOMES, PROGRAMMES, STAGES } from '@app/domain';
import { Reminder } from './reminder-schemas';
import { arrayOf, component, instant, integer, nullableInstant, nullableObject, nullableString, page, string } from './schema-kit';

/* Stations: as an action leaves them, as listed, and their page. */

const stationFields: Record<string, SchemaObject> = {
  id: { type: 'string', format: 'uuid' },
  roundId: { type: 'string', format: 'uuid' },
  districtCode: string,
  name: string,
  stage: { type: 'string', enum: [...STAGES] },
  outcome: { type: 'string', enum: [...OUTCOMES], nullable: true },
  level: { type: 'string', enum: [...LEVELS], nullable: true },
  overdue: { type: 'boolean' },
  nextDeadline: nullableInstant,
  application: { type: 'object', description: 'the application (or registration) form as submitted' },
  recommendation: nullableObject,
  filing: nullableObject,
  selfAssessment: nullableObject,
  evaluation: nullableObject,
  withdrawal: nullableObject,
  publication: nullableObject,
  returned: {
    ...nullableObject,
    description: '退回修改: { by, role, at, reason, fromStage, toStage } of the last return, until the station moves on',
  },
  midTermReviews: arrayOf({ type: 'object' }),
  programme: { type: 'string', enum: [...PROGRAMMES] },
  starRating: { type: 'object', description: 'star-rating stations: score sheets, stars, exit review' },
  version: integer,
};
const stationRequired = [
  'id',
  'roundId',
  'districtCode',
  'name',
  'stage',
  'outcome',
  'level',
  'overdue',
  'nextDeadline',
  'application',
  'version',
];

const HistoryEntry: SchemaObject = {
  type: 'object',
  required: ['seq', 'action', 'actor', 'role', 'at', 'fromStage', 'toStage', 'note'],
  properties: {
    seq: integer,
    action: string,
    actor: string,
    role: string,
    at: instant,
    fromStage: { type: 'string', nullable: true },
    toStage: string,
    note: nullableString,
  },
};

/** A station as an action leaves it (the workflow's state), with its whole history. */
export const Station = component('Station', {
  type: 'object',
  required: [...stationRequired, 'history'],
  properties: { ...stationFields, history: arrayOf(HistoryEntry) },
});

/** A station as listed (the projection). */
export const StationSummary = component('StationSummary', {
  type: 'object',
  required: [...stationRequired, 'createdAt', 'updatedAt'],
  properties: { ...stationFields, createdAt: instant, updatedAt: instant },
});

export const StationPage = component('StationPage', page(StationSummary));

/** The station's page: the listed fields, its history and the reminders about it. */
export const StationDetail = component('StationDetail', {
  type: 'object',
  required: [...stationRequired, 'createdAt', 'updatedAt', 'history', 'reminders'],
  properties: { ...stationFields, createdAt: instant, updatedAt: instant, history: arrayOf(HistoryEntry), reminders: arrayOf(Reminder) },
});
