import { REMINDER_CHANNELS } from '@app/domain';
import { arrayOf, component, instant, integer, nullableInstant, nullableString, page, string } from './schema-kit';

/* Reminders, their plan, the outbox and the work calendar. */

export const Reminder = component('Reminder', {
  type: 'object',
  required: [
    'id',
    'roundId',
    'kind',
    'districtCode',
    'recipients',
    'stage',
    'deadline',
    'checkpoint',
    'status',
    'subject',
    'createdAt',
    'sentAt',
    'stationIds',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    roundId: { type: 'string', format: 'uuid' },
    kind: string,
    channel: {
      type: 'string',
      enum: [...REMINDER_CHANNELS],
      description: 'mail, or the group robot (wecom, dingtalk, feishu) it was posted to',
    },
    districtCode: nullableString,
    recipient: string,
    recipients: arrayOf(string),
    stage: string,
    deadlineKey: string,
    deadline: instant,
    checkpoint: string,
    status: { type: 'string', enum: ['pending', 'sent', 'failed'] },
    attempts: integer,
    error: nullableString,
    subject: string,
    messageId: string,
    createdAt: instant,
    sentAt: nullableInstant,
    stationIds: arrayOf(string),
  },
});

export const ReminderPage = component('ReminderPage', page(Reminder));

export const ReminderCheckpoint = component('ReminderCheckpoint', {
  type: 'object',
  required: ['stage', 'deadline', 'checkpoint', 'sendAt', 'skipped', 'reminders'],
  properties: {
    stage: string,
    stageLabel: string,
    deadline: instant,
    checkpoint: { type: 'string', description: '`before:P14D`, `on-the-day`, `after:P1D`, …' },
    sendAt: instant,
    skipped: { type: 'boolean', description: 'in the past when planned: never sent' },
    reminders: { type: 'integer', description: 'reminders sent (or tried) at this checkpoint' },
  },
});

export const OutboxPage = component(
  'OutboxPage',
  page({
    type: 'object',
    required: ['id', 'messageId', 'to', 'subject', 'createdAt', 'reminderId'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      messageId: string,
      to: arrayOf(string),
      cc: arrayOf(string),
      subject: string,
      createdAt: instant,
      reminderId: nullableString,
    },
  }),
);

export const WorkCalendar = component('WorkCalendar', {
  type: 'object',
  required: ['years'],
  properties: {
    years: {
      type: 'object',
      description: 'year → its days off and adjusted working days (调休)',
      additionalProperties: {
        type: 'object',
        required: ['holidays', 'adjustedWorkdays'],
        properties: {
          holidays: arrayOf({ type: 'string', format: 'date' }),
          adjustedWorkdays: arrayOf({ type: 'string', format: 'date' }),
        },
      },
    },
  },
});
