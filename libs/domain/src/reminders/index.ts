export * from './policy';
export * from './plan';
export * from './digest';
export * from './schedule';
export * from './delivery';
export * from './calendar-coverage';
export * from './channels';
