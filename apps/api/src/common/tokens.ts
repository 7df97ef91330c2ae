export const CONFIG = Symbol('CONFIG');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
/** the process's OpenTelemetry tracing (OTEL_EXPORTER_OTLP_ENDPOINT), or null */
export const TRACING = Symbol('TRACING');
