import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { LEVELS, OUTCOMES, PROGRAMMES, STAGES } from '@app/domain';

/**
 * The shapes the API answers with, as named component schemas (OpenAPI 3.0). They state the
 * fields every answer has and their types; objects stay open (a later field is no breaking
 * change), and what the domain keeps as free-form data (an application form, a workflow's state)
 * is an object without further detail. The schemathesis run (test/openapi-fuzz.e2e.spec.ts) checks
 * real answers against them.
 */
const components: Record<string, SchemaObject> = {};

function component(name: string, schema: SchemaObject): ReferenceObject {
  components[name] = schema;
  return { $ref: `#/components/schemas/${name}` };
}

/** Every response schema, for the document's `components.schemas`. */
export const RESPONSE_SCHEMAS: Readonly<Record<string, SchemaObject>> = components;

const string: SchemaObject = { type: 'string' };
const instant: SchemaObject = { type: 'string', format: 'date-time' };
const nullableInstant: SchemaObject = { ...instant, nullable: true };
const nullableString: SchemaObject = { type: 'string', nullable: true };
const integer: SchemaObject = { type: 'integer' };
const object: SchemaObject = { type: 'object' };
const nullableObject: SchemaObject = { type: 'object', nullable: true };
const arrayOf = (items: SchemaObject | ReferenceObject): SchemaObject => ({ type: 'array', items });
const page = (items: SchemaObject | ReferenceObject): SchemaObject => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: arrayOf(items), nextCursor: { type: 'string', nullable: true, description: 'null on the last page' } },
});
const ROLES = ['admin', 'city', 'district', 'station'];

export const ErrorBody = component('ErrorBody', {
  type: 'object',
  description: 'Every refusal and failure: a stable `code` (VALIDATION_FAILED, NOT_FOUND, STATION.WRONG_STAGE, …) and a zh-CN message',
  required: ['statusCode', 'code', 'message'],
  properties: {
    statusCode: { type: 'integer', minimum: 400, maximum: 599 },
    code: string,
    message: string,
    details: { description: 'what exactly is wrong (validation messages, ineligibility reasons, …)' },
  },
  additionalProperties: false,
});

export const Health = component('Health', {
  type: 'object',
  required: ['status', 'temporal', 'database'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded'] },
    temporal: { type: 'string', enum: ['up', 'down'] },
    database: { type: 'string', enum: ['up', 'down'] },
  },
});

export const Me = component('Me', {
  type: 'object',
  required: ['role', 'label'],
  properties: { role: { type: 'string', enum: ROLES }, label: string, districtCode: string, stationId: string },
});

export const IssuedToken = component('IssuedToken', {
  type: 'object',
  required: ['id', 'token'],
  properties: { id: { type: 'string', format: 'uuid' }, token: { type: 'string', description: 'the secret, shown this once' } },
});

export const Token = component('Token', {
  type: 'object',
  required: ['id', 'role', 'label', 'districtCode', 'stationId', 'createdAt', 'revokedAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    role: { type: 'string', enum: ROLES },
    label: string,
    districtCode: nullableString,
    stationId: nullableString,
    createdAt: instant,
    revokedAt: nullableInstant,
  },
});

const Contact: SchemaObject = { type: 'object', required: ['name', 'email'], properties: { name: string, email: string } };

export const District = component('District', {
  type: 'object',
  required: ['code', 'name', 'contacts', 'createdAt', 'updatedAt'],
  properties: { code: string, name: string, contacts: arrayOf(Contact), createdAt: instant, updatedAt: instant },
});

export const Round = component('Round', {
  type: 'object',
  required: [
    'id', 'code', 'name', 'programme', 'status', 'deadlines', 'serviceCutoff', 'reminders', 'cityContacts',
    'changes', 'escalations', 'publication', 'promotion', 'createdAt', 'updatedAt', 'stageCounts', 'byDistrict',
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
  programme: { type: 'string', enum: [...PROGRAMMES] },
  starRating: { type: 'object', description: 'star-rating stations: score sheets, stars, exit review' },
  version: integer,
};
const stationRequired = ['id', 'roundId', 'districtCode', 'name', 'stage', 'outcome', 'level', 'overdue', 'nextDeadline', 'application', 'version'];

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

export const Reminder = component('Reminder', {
  type: 'object',
  required: ['id', 'roundId', 'kind', 'districtCode', 'recipients', 'stage', 'deadline', 'checkpoint', 'status', 'subject', 'createdAt', 'sentAt', 'stationIds'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    roundId: { type: 'string', format: 'uuid' },
    kind: string,
    districtCode: nullableString,
    recipient: string,
    recipients: arrayOf(string),
    stage: string,
    deadlineKey: string,
    deadline: instant,
    checkpoint: string,
    status: { type: 'string', enum: ['pending', 'sent', 'failed'] },
    attempts: integer,
    error: nullableString,
    subject: string,
    messageId: string,
    createdAt: instant,
    sentAt: nullableInstant,
    stationIds: arrayOf(string),
  },
});

export const ReminderPage = component('ReminderPage', page(Reminder));

/** The station's page: the listed fields, its history and the reminders about it. */
export const StationDetail = component('StationDetail', {
  type: 'object',
  required: [...stationRequired, 'createdAt', 'updatedAt', 'history', 'reminders'],
  properties: { ...stationFields, createdAt: instant, updatedAt: instant, history: arrayOf(HistoryEntry), reminders: arrayOf(Reminder) },
});

export const WorkflowDescription = component('WorkflowDescription', {
  type: 'object',
  required: ['workflowId', 'runId', 'type', 'status', 'startTime', 'closeTime', 'historyLength', 'pendingActivities', 'state', 'temporalUi'],
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

export const ReminderCheckpoint = component('ReminderCheckpoint', {
  type: 'object',
  required: ['stage', 'deadline', 'checkpoint', 'sendAt', 'skipped', 'reminders'],
  properties: {
    stage: string,
    stageLabel: string,
    deadline: instant,
    checkpoint: { type: 'string', description: '`before:P14D`, `on-the-day`, `after:P1D`, …' },
    sendAt: instant,
    skipped: { type: 'boolean', description: 'in the past when planned: never sent' },
    reminders: { type: 'integer', description: 'reminders sent (or tried) at this checkpoint' },
  },
});

export const OutboxPage = component(
  'OutboxPage',
  page({
    type: 'object',
    required: ['id', 'messageId', 'to', 'subject', 'createdAt', 'reminderId'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      messageId: string,
      to: arrayOf(string),
      cc: arrayOf(string),
      subject: string,
      createdAt: instant,
      reminderId: nullableString,
    },
  }),
);

export const WorkCalendar = component('WorkCalendar', {
  type: 'object',
  required: ['years'],
  properties: {
    years: {
      type: 'object',
      description: 'year → its days off and adjusted working days (调休)',
      additionalProperties: {
        type: 'object',
        required: ['holidays', 'adjustedWorkdays'],
        properties: { holidays: arrayOf({ type: 'string', format: 'date' }), adjustedWorkdays: arrayOf({ type: 'string', format: 'date' }) },
      },
    },
  },
});

export const ReconcileReport = component('ReconcileReport', {
  type: 'object',
  required: ['dryRun', 'roundIds', 'checked', 'repaired', 'problems'],
  properties: {
    dryRun: { type: 'boolean' },
    roundIds: arrayOf(string),
    checked: { type: 'object', required: ['rounds', 'stations'], properties: { rounds: integer, stations: integer } },
    repaired: arrayOf({ type: 'object', required: ['kind', 'id', 'fields'], properties: { kind: string, id: string, fields: arrayOf(string) } }),
    problems: arrayOf({ type: 'object', required: ['kind', 'id', 'problem'], properties: { kind: string, id: string, problem: string } }),
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

export const AuditPage = component(
  'AuditPage',
  page({
    type: 'object',
    required: ['id', 'at', 'tokenId', 'actor', 'role', 'action', 'targetType', 'targetId', 'fromStage', 'toStage', 'details'],
    properties: {
      id: integer,
      at: instant,
      tokenId: string,
      actor: string,
      role: string,
      action: string,
      targetType: string,
      targetId: nullableString,
      fromStage: nullableString,
      toStage: nullableString,
      details: nullableObject,
    },
  }),
);

/** A spreadsheet download (xlsx, or csv in UTF-8 with BOM). */
export const File: SchemaObject = { type: 'string', format: 'binary' };

export const listOf = (items: ReferenceObject): SchemaObject => arrayOf(items);
