import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import { AttachmentRepository, DiskFileStore } from '@app/persistence';
import { CONFIG } from '../common/tokens';
import { StationsModule } from '../stations/stations.module';
import { AttachmentQueries } from './attachment-queries';
import { AttachmentUploadInterceptor, FILE_STORE } from './attachment-upload.interceptor';
import { AttachmentsController } from './attachments.controller';
import { SweepFiles } from './sweep-files.use-case';
import { UploadAttachment } from './upload-attachment.use-case';

/** Evidence files of a station: metadata in the database, bytes in the file store (FILES_DIR or DATA_DIR/files). */
@Module({
  imports: [StationsModule],
  controllers: [AttachmentsController],
  providers: [
    { provide: FILE_STORE, useFactory: (config: AppConfig) => new DiskFileStore(config.files.dir), inject: [CONFIG] },
    { provide: AttachmentRepository, useFactory: (ds: DataSource) => new AttachmentRepository(ds), inject: [DataSource] },
    AttachmentUploadInterceptor,
    UploadAttachment,
    AttachmentQueries,
    SweepFiles,
  ],
})
export class AttachmentsModule {}
