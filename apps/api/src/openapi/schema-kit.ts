import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';

/**
 * How the response schemas are written. The shapes the API answers with, as named component schemas (OpenAPI 3.0). They state the
 * fields every answer has and their types; objects stay open (a later field is no breaking
 * change), and what the domain keeps as free-form data (an application form, a workflow's state)
 * is an object without further detail. The schemathesis run (test/openapi-fuzz.e2e.spec.ts) checks
 * real answers against them.
 */
const components: Record<string, SchemaObject> = {};

/** Registers a named component schema and answers the reference to it. */
export function component(name: string, schema: SchemaObject): ReferenceObject {
  components[name] = schema;
  return { $ref: `#/components/schemas/${name}` };
}

/** Every response schema, for the document's `components.schemas`. */
export const RESPONSE_SCHEMAS: Readonly<Record<string, SchemaObject>> = components;

export const string: SchemaObject = { type: 'string' };
export const instant: SchemaObject = { type: 'string', format: 'date-time' };
export const nullableInstant: SchemaObject = { ...instant, nullable: true };
export const nullableString: SchemaObject = { type: 'string', nullable: true };
export const integer: SchemaObject = { type: 'integer' };
export const object: SchemaObject = { type: 'object' };
export const nullableObject: SchemaObject = { type: 'object', nullable: true };
export const arrayOf = (items: SchemaObject | ReferenceObject): SchemaObject => ({ type: 'array', items });
export const page = (items: SchemaObject | ReferenceObject): SchemaObject => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: arrayOf(items), nextCursor: { type: 'string', nullable: true, description: 'null on the last page' } },
});
export const ROLES = ['admin', 'city', 'district', 'station', 'expert'];

/** A spreadsheet download (xlsx, or csv in UTF-8 with BOM). */
export const File: SchemaObject = { type: 'string', format: 'binary' };

export const listOf = (items: ReferenceObject): SchemaObject => arrayOf(items);
