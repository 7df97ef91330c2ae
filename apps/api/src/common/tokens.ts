export const CONFIG = Symbol('CONFIG');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
