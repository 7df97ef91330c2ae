import { arrayOf, component, instant, integer, nullableInstant, nullableObject, nullableString, page, ROLES, string } from './schema-kit';

/* The refusals, health, tokens, the audit log and the admin's reconcile report. */

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
  required: ['role', 'label', 'kind', 'userId'],
  properties: {
    role: { type: 'string', enum: [...ROLES, 'expert'] },
    label: string,
    districtCode: string,
    stationId: string,
    kind: { type: 'string', enum: ['token', 'session'] },
    userId: nullableString,
    username: { type: 'string', description: 'a person only' },
    totpEnrolled: { type: 'boolean', description: 'a person only' },
    mustEnrolTotp: { type: 'boolean', description: 'a person only: an admin or city account that may not write before enrolling' },
    csrfToken: { type: 'string', description: "a person only: the session's X-CSRF-Token (for a page reloaded since sign-in)" },
  },
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

export const ReconcileReport = component('ReconcileReport', {
  type: 'object',
  required: ['dryRun', 'roundIds', 'checked', 'repaired', 'problems'],
  properties: {
    dryRun: { type: 'boolean' },
    roundIds: arrayOf(string),
    checked: { type: 'object', required: ['rounds', 'stations'], properties: { rounds: integer, stations: integer } },
    repaired: arrayOf({
      type: 'object',
      required: ['kind', 'id', 'fields'],
      properties: { kind: string, id: string, fields: arrayOf(string) },
    }),
    problems: arrayOf({ type: 'object', required: ['kind', 'id', 'problem'], properties: { kind: string, id: string, problem: string } }),
  },
});

export const AuditPage = component(
  'AuditPage',
  page({
    type: 'object',
    required: ['id', 'at', 'tokenId', 'userId', 'actor', 'role', 'action', 'targetType', 'targetId', 'fromStage', 'toStage', 'details'],
    properties: {
      id: integer,
      at: instant,
      tokenId: { type: 'string', description: "the token's id, or for a person their user id" },
      userId: { type: 'string', nullable: true, description: 'the person who acted; null for a bearer token' },
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
