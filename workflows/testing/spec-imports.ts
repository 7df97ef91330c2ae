// Test-only re-exports, so specs under workflows/ read like the rest of the project.
export { assignExperts, HAVE_KEYS } from '@app/domain';
export type { Actor, SixHavesAssessment, StationState } from '@app/domain';
export { OutboxMessageEntity, ReminderEntity, StationEventEntity, StationExpertEntity, UserEntity } from '@app/persistence';
