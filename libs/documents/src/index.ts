export * from './printable-table';
export * from './form-values';
export { DOCX_TYPE, FONTS } from './word';
export * from './application-form';
export * from './table-document';
export * from './published-notice';
