// Test-only re-exports, so specs under workflows/ read like the rest of the project.
export { HAVE_KEYS } from '@app/domain';
export type { SixHavesAssessment } from '@app/domain';
export { ReminderEntity, StationEventEntity } from '@app/persistence';
