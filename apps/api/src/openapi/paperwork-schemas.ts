import { HAVE_KEYS, STAGES } from '@app/domain';
import { ATTACHMENT_PURPOSES } from '../attachments/attachment-policy';
import { arrayOf, component, instant, integer, nullableInstant, nullableString, string } from './schema-kit';

/* The paperwork of a real round: attachments, comments, the to-do list. */

export const Attachment = component('Attachment', {
  type: 'object',
  required: ['id', 'name', 'size', 'sha256', 'contentType', 'purpose', 'have', 'uploadedBy', 'uploadedAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    stationId: { type: 'string', format: 'uuid' },
    name: string,
    size: integer,
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    contentType: string,
    purpose: { type: 'string', enum: [...ATTACHMENT_PURPOSES] },
    have: { type: 'string', enum: [...HAVE_KEYS], nullable: true },
    note: nullableString,
    stage: { type: 'string', enum: [...STAGES] },
    uploadedBy: string,
    uploadedAt: instant,
  },
});

export const AttachmentList = component('AttachmentList', {
  type: 'object',
  required: ['items'],
  properties: {
    items: arrayOf({
      allOf: [
        Attachment,
        {
          type: 'object',
          required: ['mayDelete'],
          // whether the caller may delete the file now (its uploader in the step it was added in, or an admin)
          properties: { mayDelete: { type: 'boolean' } },
        },
      ],
    }),
  },
});

export const FileSweepReport = component('FileSweepReport', {
  type: 'object',
  required: ['dryRun', 'olderThan', 'files', 'bytes', 'partialUploads'],
  properties: { dryRun: { type: 'boolean' }, olderThan: instant, files: integer, bytes: integer, partialUploads: integer },
});

export const Comment = component('Comment', {
  type: 'object',
  required: ['id', 'text', 'author', 'role', 'createdAt'],
  properties: { id: integer, text: string, author: string, role: string, createdAt: instant },
});

export const CommentThread = component('CommentThread', { type: 'object', required: ['items'], properties: { items: arrayOf(Comment) } });

export const Task = component('Task', {
  type: 'object',
  required: ['stationId', 'stationName', 'roundId', 'roundName', 'programme', 'districtCode', 'stage', 'action', 'deadline', 'overdue'],
  properties: {
    stationId: { type: 'string', format: 'uuid' },
    stationName: string,
    roundId: { type: 'string', format: 'uuid' },
    roundName: string,
    programme: string,
    districtCode: string,
    stage: { type: 'string', enum: [...STAGES] },
    action: string,
    actionLabel: string,
    deadline: nullableInstant,
    overdue: { type: 'boolean' },
    returned: { type: 'object', nullable: true },
  },
});

export const TaskList = component('TaskList', { type: 'object', required: ['items'], properties: { items: arrayOf(Task) } });
