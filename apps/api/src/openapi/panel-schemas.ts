import { arrayOf, component, integer, nullableInstant, nullableObject, nullableString, object, string } from './schema-kit';

const strings = arrayOf(string);

export const RoundPanel = component('RoundPanel', {
  type: 'object',
  required: ['experts', 'perStation', 'excludeSameDistrict', 'conflicts'],
  properties: {
    experts: strings,
    perStation: integer,
    excludeSameDistrict: { type: 'boolean' },
    conflicts: arrayOf(object),
    updatedAt: string,
    updatedBy: string,
    members: arrayOf({
      type: 'object',
      properties: { id: string, name: nullableString, districtCode: nullableString, known: { type: 'boolean' }, load: integer },
    }),
  },
});

export const PanelAssignment = component('PanelAssignment', {
  type: 'object',
  required: ['assignments', 'shortfalls'],
  properties: {
    assignments: arrayOf({ type: 'object', required: ['stationId', 'experts'], properties: { stationId: string, experts: strings } }),
    shortfalls: arrayOf({ type: 'object', properties: { stationId: string, missing: integer } }),
  },
});

export const StationExperts = component('StationExperts', {
  type: 'object',
  required: ['stationId', 'experts'],
  properties: { stationId: string, experts: strings, assignedAt: nullableString, assignedBy: nullableString },
});

export const ExpertReview = component('ExpertReview', {
  type: 'object',
  required: ['id', 'expertId', 'revision'],
  properties: {
    id: string,
    expertId: string,
    expertName: string,
    programme: string,
    revision: integer,
    submittedAt: string,
    revisedAt: string,
    comments: nullableString,
    sixHaves: object,
    recommendation: string,
    values: object,
    score: object,
    counts: { type: 'boolean', description: 'false for a review of an expert no longer assigned' },
  },
});

export const StationReviews = component('StationReviews', {
  type: 'object',
  required: ['stationId', 'reviews', 'aggregate'],
  properties: {
    stationId: string,
    stage: string,
    experts: strings,
    reviews: arrayOf(ExpertReview),
    aggregate: { ...nullableObject, description: 'null for an expert (they see only their own review)' },
    decision: nullableObject,
  },
});

export const MyReviews = component('MyReviews', {
  type: 'object',
  required: ['items'],
  properties: {
    items: arrayOf({
      type: 'object',
      properties: {
        stationId: string,
        stationName: string,
        roundId: string,
        districtCode: string,
        stage: string,
        dueDate: nullableInstant,
        overdue: { type: 'boolean' },
        review: { type: 'object', properties: { status: string, id: nullableString, revision: integer, revisedAt: nullableString } },
      },
    }),
  },
});
