import type { AttachmentEntity } from '@app/persistence';

/** An attachment as the API answers it. */
export function presentAttachment(a: AttachmentEntity) {
  return {
    id: a.id,
    stationId: a.stationId,
    name: a.name,
    size: a.size,
    sha256: a.sha256,
    contentType: a.contentType,
    purpose: a.purpose,
    have: a.have,
    note: a.note,
    stage: a.stage,
    uploadedBy: a.uploadedBy,
    uploadedAt: a.uploadedAt,
  };
}
