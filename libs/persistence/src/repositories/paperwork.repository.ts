import { DataSource } from 'typeorm';
import { AttachmentEntity } from '../entities/attachment.entity';
import { StationCommentEntity } from '../entities/station-comment.entity';

/** Attachments' metadata (the bytes are in the file store). */
export class AttachmentRepository {
  constructor(private readonly ds: DataSource) {}

  insert(row: AttachmentEntity): Promise<unknown> {
    return this.ds.getRepository(AttachmentEntity).insert(row);
  }

  findById(id: string): Promise<AttachmentEntity | null> {
    return this.ds.getRepository(AttachmentEntity).findOneBy({ id });
  }

  /** A station's files, oldest first. */
  ofStation(stationId: string): Promise<AttachmentEntity[]> {
    return this.ds.getRepository(AttachmentEntity).find({ where: { stationId }, order: { uploadedAt: 'ASC', id: 'ASC' } });
  }

  async remove(id: string): Promise<void> {
    await this.ds.getRepository(AttachmentEntity).delete({ id });
  }

  /** The SHA-256 of every stored attachment: the bytes a sweep of the file store keeps. */
  async referencedHashes(): Promise<Set<string>> {
    const rows: { sha256: string }[] = await this.ds
      .getRepository(AttachmentEntity)
      .createQueryBuilder('a')
      .select('DISTINCT a.sha256', 'sha256')
      .getRawMany();
    return new Set(rows.map((r) => r.sha256));
  }
}

/** Stations' comment threads. */
export class StationCommentRepository {
  constructor(private readonly ds: DataSource) {}

  async add(row: Omit<StationCommentEntity, 'id'>): Promise<void> {
    await this.ds.getRepository(StationCommentEntity).insert(row);
  }

  /** The thread, oldest first (at most `limit` comments, the newest ones). */
  async thread(stationId: string, limit = 500): Promise<StationCommentEntity[]> {
    const newest = await this.ds.getRepository(StationCommentEntity).find({ where: { stationId }, order: { id: 'DESC' }, take: limit });
    return newest.reverse();
  }
}
