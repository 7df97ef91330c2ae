import { PROGRAMMES, WEBHOOK_KINDS } from '@app/domain';
import type { SchemaObject } from '@nestjs/swagger';
import { arrayOf, component, instant, integer, nullableInstant, nullableObject, nullableString, object, string } from './schema-kit';

/* Districts, rounds, their workflow, programmes and the import report. */

/** A contact as answers show it: an e-mail, a group robot (its URL and secret masked), or both. */
const Webhook: SchemaObject = {
  type: 'object',
  required: ['kind', 'url'],
  properties: {
    kind: { type: 'string', enum: [...WEBHOOK_KINDS] },
    url: { type: 'string', description: 'masked: scheme and host, then ******' },
    secret: { type: 'string', description: 'masked (******) when one is set' },
  },
};
const Contact: SchemaObject = { type: 'object', required: ['name'], properties: { name: string, email: string, webhook: Webhook } };

export const District = component('District', {
  type: 'object',
  required: ['code', 'name', 'contacts', 'createdAt', 'updatedAt'],
  properties: { code: string, name: string, contacts: arrayOf(Contact), createdAt: instant, updatedAt: instant },
});

export const Round = component('Round', {
  type: 'object',
  required: [
    'id',
    'code',
    'name',
    'programme',
    'status',
    'deadlines',
    'serviceCutoff',
    'reminders',
    'cityContacts',
    'changes',
    'escalations',
    'publication',
    'promotion',
    'createdAt',
    'updatedAt',
    'stageCounts',
    'byDistrict',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    code: string,
    name: string,
    programme: { type: 'string', enum: [...PROGRAMMES] },
    status: { type: 'string', enum: ['open', 'published', 'closed'] },
    deadlines: { type: 'object', description: 'round date key → ISO instant', additionalProperties: instant },
    serviceCutoff: { type: 'string', format: 'date' },
    reminders: { type: 'object', description: 'the reminder policy, defaults filled in' },
    cityContacts: arrayOf(Contact),
    starRating: { type: 'object', description: 'star-rating rounds: rubric, rating year, exit rule' },
    changes: arrayOf(object),
    escalations: arrayOf(object),
    publication: nullableObject,
    promotion: nullableObject,
    createdAt: instant,
    updatedAt: instant,
    stageCounts: { type: 'object', description: 'stage → stations in it (within what the caller may see)', additionalProperties: integer },
    byDistrict: { type: 'object', description: 'district code → stage → { count, overdue }', additionalProperties: object },
  },
});

export const WorkflowDescription = component('WorkflowDescription', {
  type: 'object',
  required: [
    'workflowId',
    'runId',
    'type',
    'status',
    'startTime',
    'closeTime',
    'historyLength',
    'pendingActivities',
    'state',
    'temporalUi',
  ],
  properties: {
    workflowId: string,
    runId: string,
    type: string,
    status: string,
    startTime: instant,
    closeTime: nullableInstant,
    historyLength: integer,
    historySizeBytes: integer,
    pendingActivities: arrayOf(object),
    searchAttributes: object,
    state: { description: "the workflow's `state` query, or `{ unavailable }` when it cannot answer" },
    temporalUi: string,
  },
});

export const ImportReport = component('ImportReport', {
  type: 'object',
  required: ['dryRun', 'rows', 'accepted', 'rejected'],
  properties: {
    dryRun: { type: 'boolean' },
    rows: arrayOf({
      type: 'object',
      required: ['row', 'status'],
      properties: {
        row: integer,
        sheet: string,
        status: { type: 'string', enum: ['accepted', 'rejected'] },
        stationId: string,
        errors: arrayOf({ type: 'object', required: ['field', 'message'], properties: { field: string, message: string } }),
      },
    }),
    accepted: integer,
    rejected: integer,
  },
});

export const Programme = component('Programme', {
  type: 'object',
  required: ['key', 'name', 'steps', 'dates', 'evaluation', 'eligibility'],
  properties: {
    key: { type: 'string', enum: [...PROGRAMMES] },
    name: string,
    city: string,
    source: string,
    steps: arrayOf(object),
    dates: arrayOf(object),
    evaluation: object,
    eligibility: nullableString,
  },
});
