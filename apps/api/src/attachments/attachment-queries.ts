import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { isUuid, STAGE_LABELS, Stage } from '@app/domain';
import { AttachmentEntity, AttachmentRepository, FileStore } from '@app/persistence';
import { actingIdOf, Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';
import { contentDisposition } from '../exports/spreadsheet';
import { StationScopePolicy } from '../stations/station-scope.policy';
import { presentAttachment } from './attachment.presenter';
import { FILE_STORE } from './attachment-upload.interceptor';

const notFound = (id: string) => new ApiError('NOT_FOUND', `附件 ${id} 不存在`);

/** Reading and removing attachments, scoped like their station. */
@Injectable()
export class AttachmentQueries {
  constructor(
    private readonly scope: StationScopePolicy,
    private readonly attachments: AttachmentRepository,
    @Inject(FILE_STORE) private readonly store: FileStore,
  ) {}

  /**
   * GET /stations/:id/attachments: the station's files, oldest first, each saying whether the
   * caller may delete it now (`mayDelete`, by the rule DELETE applies), so a page offers the button
   * only where it would work.
   */
  async list(stationId: string, principal: Principal) {
    const station = await this.scope.readable(stationId, principal);
    return {
      items: (await this.attachments.ofStation(stationId)).map((a) => ({
        ...presentAttachment(a),
        mayDelete: deletionRefusal(a, principal, station.stage) === null,
      })),
    };
  }

  /** An attachment the caller may see: one of another district's (or an unknown id) does not exist (404). */
  private async readable(id: string, principal: Principal): Promise<AttachmentEntity> {
    const row = isUuid(id) ? await this.attachments.findById(id) : null;
    if (!row) throw notFound(id);
    try {
      await this.scope.readable(row.stationId, principal);
    } catch {
      throw notFound(id);
    }
    return row;
  }

  /** GET /attachments/:id: the bytes, as a download (never inline), with the type decided at upload. */
  async download(id: string, principal: Principal): Promise<StreamableFile> {
    const row = await this.readable(id, principal);
    const bytes = await this.store.open(row.sha256);
    if (!bytes) throw new ApiError('NOT_FOUND', `附件 ${row.name} 的文件内容已不在存储中，请联系管理员`);
    const ascii = `attachment-${row.id.slice(0, 8)}.${row.name.split('.').pop() ?? 'bin'}`;
    return new StreamableFile(bytes, {
      type: row.contentType,
      disposition: contentDisposition({ filename: row.name, asciiFilename: ascii }),
      length: row.size,
    });
  }

  /**
   * DELETE /attachments/:id: its uploader while the station is still in the step the file was added
   * in, or an admin. The record goes; the bytes stay in the store (content-addressed, possibly the
   * same bytes as another attachment's) until an operator sweeps unreferenced files.
   */
  async remove(id: string, principal: Principal): Promise<void> {
    const row = await this.readable(id, principal);
    const station = await this.scope.readable(row.stationId, principal);
    const refusal = deletionRefusal(row, principal, station.stage);
    if (refusal) throw refusal;
    await this.attachments.remove(id);
  }
}

/** Why `principal` may not delete `row` while its station is in `stage`; null when they may. */
function deletionRefusal(row: AttachmentEntity, principal: Principal, stage: string): ApiError | null {
  if (principal.role === 'admin') return null;
  if (row.uploaderId !== actingIdOf(principal)) return new ApiError('FORBIDDEN', '只能删除自己上传的附件');
  if (stage === row.stage) return null;
  return new ApiError(
    'STATION.WRONG_STAGE',
    `附件上传于「${STAGE_LABELS[row.stage as Stage]}」阶段，站点已进入「${STAGE_LABELS[stage as Stage]}」阶段，不能再删除`,
    { stage, uploadedInStage: row.stage },
  );
}
