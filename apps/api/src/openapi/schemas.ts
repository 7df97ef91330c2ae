/**
 * The shapes the API answers with, as named component schemas, one file per group of features
 * (see schema-kit.ts for how they are written). Routes use them as `S.Round`, `S.listOf(S.Station)`, ….
 */
export { File, listOf, RESPONSE_SCHEMAS } from './schema-kit';
export * from './access-schemas';
export * from './round-schemas';
export * from './station-schemas';
export * from './reminder-schemas';
export * from './account-schemas';
export * from './paperwork-schemas';
export * from './panel-schemas';
