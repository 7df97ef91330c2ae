import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { STAGE_LABELS, Stage } from '@app/domain';
import { AttachmentRepository } from '@app/persistence';
import { actingIdOf, Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';
import { StationRounds } from '../stations/station-rounds';
import { StationScopePolicy } from '../stations/station-scope.policy';
import type { Programme } from '@app/domain';
import { attachmentName, mayAddFiles } from './attachment-policy';
import { presentAttachment } from './attachment.presenter';
import type { AttachmentUploadDto } from './attachments.dto';
import type { UploadedAttachment } from './attachment-upload.interceptor';
import { ATTACHMENT_TYPES, detectAttachmentType } from './content-type';

/**
 * POST /stations/:id/attachments: a file received by the upload interceptor (in the store's
 * temporary area) is checked — the caller may add files to the station in its step, its content is
 * one of the accepted types — then stored under its hash and recorded. Whatever is refused leaves
 * nothing behind.
 */
@Injectable()
export class UploadAttachment {
  constructor(
    private readonly scope: StationScopePolicy,
    private readonly rounds: StationRounds,
    private readonly attachments: AttachmentRepository,
  ) {}

  async execute(stationId: string, file: UploadedAttachment | undefined, dto: AttachmentUploadDto, principal: Principal) {
    try {
      const station = await this.scope.writable(stationId, principal);
      if (!file) throw new ApiError('VALIDATION_FAILED', '请以 multipart/form-data 上传文件，字段名为 file', ['file: 必填']);
      const round = await this.rounds.ofStation(station);
      if (!mayAddFiles(round.programme as Programme, station.stage as Stage, principal.role)) {
        throw new ApiError('FORBIDDEN', `站点处于「${STAGE_LABELS[station.stage as Stage]}」阶段，当前角色不能上传材料`);
      }
      const type = await detectAttachmentType(file.received.tempPath);
      if (!type) {
        throw new ApiError(
          'ATTACHMENT.TYPE_NOT_ALLOWED',
          '文件类型不支持：只接受 PDF、JPEG、PNG、Word（doc、docx）和 Excel（xls、xlsx）文件（按文件内容判断，不看扩展名）',
        );
      }
      await file.received.commit();
      const row = {
        id: randomUUID(),
        stationId,
        name: attachmentName(file.originalname, type),
        size: file.received.size,
        sha256: file.received.sha256,
        contentType: ATTACHMENT_TYPES[type].contentType,
        purpose: dto.purpose,
        have: dto.have ?? null,
        note: dto.note ?? null,
        stage: station.stage,
        uploadedBy: principal.label,
        uploaderId: actingIdOf(principal),
        uploaderRole: principal.role,
        uploadedAt: new Date().toISOString(),
      };
      await this.attachments.insert(row);
      return presentAttachment(row);
    } finally {
      await file?.received.discard();
    }
  }
}
