export * from './binaries';
export * from './connection';
export * from './dev-server';
export * from './search-attributes';
export * from './tracing';
