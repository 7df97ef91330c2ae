export * from './actions';
export * from './stages';
export * from './station-state';
export * from './transitions';
export * from './paperwork';
