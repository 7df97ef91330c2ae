import { Inject, Injectable, Logger } from '@nestjs/common';
import { AttachmentRepository, type FileStore, type SweepReport } from '@app/persistence';
import { FILE_STORE } from './attachment-upload.interceptor';

/** Bytes younger than this stay: an upload stores its bytes a moment before its record. */
export const SWEEP_GRACE_HOURS = 24;

/**
 * POST /admin/files/sweep: the bytes of deleted attachments (the store keeps them when a record
 * goes, as the same bytes may belong to another attachment) and unfinished uploads, found and,
 * only when asked in so many words (`dryRun: false`), removed. Like reconcile, anything else is
 * a dry run.
 */
@Injectable()
export class SweepFiles {
  private readonly log = new Logger('Files');

  constructor(
    private readonly attachments: AttachmentRepository,
    @Inject(FILE_STORE) private readonly store: FileStore,
  ) {}

  async execute(request: { dryRun?: boolean | null }, now = new Date()): Promise<SweepReport & { dryRun: boolean; olderThan: string }> {
    const dryRun = request.dryRun !== false;
    const olderThan = new Date(now.getTime() - SWEEP_GRACE_HOURS * 3600_000);
    const report = await this.store.sweep({ referenced: await this.attachments.referencedHashes(), olderThan, dryRun });
    this.log.log(
      `file store ${dryRun ? 'dry run' : 'swept'}: ${report.files} unreferenced file(s), ${report.bytes} bytes, ${report.partialUploads} unfinished upload(s)`,
    );
    return { dryRun, olderThan: olderThan.toISOString(), ...report };
  }
}
