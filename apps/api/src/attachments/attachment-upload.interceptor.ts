import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import type { StorageEngine } from 'multer';
import { finalize, Observable } from 'rxjs';
import type { AppConfig } from '@app/config';
import { FileStore, FileTooLargeError, ReceivedFile } from '@app/persistence';
import { ApiError } from '../common/error-codes';
import { CONFIG } from '../common/tokens';

export const FILE_STORE = Symbol('FILE_STORE');

/** What the upload hands the route: the file received into the store (not yet committed) and the client's name for it. */
export interface UploadedAttachment {
  originalname: string;
  received: ReceivedFile;
}

/**
 * A multer storage engine that streams the `file` part straight into the file store: hashed and
 * counted on the way, never held in memory, and cut off as soon as it passes the limit.
 */
class FileStoreEngine implements StorageEngine {
  constructor(
    private readonly store: FileStore,
    private readonly maxBytes: number,
  ) {}

  _handleFile(_req: Request, file: Express.Multer.File, cb: (error?: unknown, info?: Partial<UploadedAttachment>) => void): void {
    this.store.receive(file.stream, this.maxBytes).then(
      (received) => cb(null, { received }),
      (e: unknown) => cb(e),
    );
  }

  _removeFile(_req: Request, file: Express.Multer.File & Partial<UploadedAttachment>, cb: (error: Error | null) => void): void {
    (file.received?.discard() ?? Promise.resolve()).then(
      () => cb(null),
      (e: Error) => cb(e),
    );
  }
}

/**
 * Receives one attachment in the multipart field `file` (with the fields `purpose`, `have`, `note`)
 * up to ATTACHMENT_MAX_MB. multer's refusals leave as the contract's errors with a zh-CN message:
 * 413 PAYLOAD_TOO_LARGE above the limit, 400 VALIDATION_FAILED for anything else it cannot read.
 */
@Injectable()
export class AttachmentUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;
  private readonly maxMb: number;

  constructor(@Inject(CONFIG) config: AppConfig, @Inject(FILE_STORE) store: FileStore) {
    const maxBytes = config.files.maxBytes;
    this.maxMb = Math.round(maxBytes / 1024 / 1024);
    const Multer = FileInterceptor('file', {
      storage: new FileStoreEngine(store, maxBytes),
      // file names in UTF-8 (browsers send them so, without saying it); busboy's default is Latin-1
      ...({ defParamCharset: 'utf8' } as object),
      limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 20, fieldSize: 4096 },
    });
    this.multer = new Multer();
  }

  async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      const handled = (await this.multer.intercept(ctx, next)) as Observable<unknown>;
      // Whatever the route answers (a refused field, scope or type included), the temporary file goes:
      // a committed one has been renamed already, so this removes nothing of it.
      const req = ctx.switchToHttp().getRequest<{ file?: Partial<UploadedAttachment> }>();
      return handled.pipe(finalize(() => void req.file?.received?.discard().catch(() => undefined)));
    } catch (e) {
      if (e instanceof PayloadTooLargeException || e instanceof FileTooLargeError) {
        throw new ApiError('PAYLOAD_TOO_LARGE', `附件不能超过 ${this.maxMb} MB`, { maxBytes: this.maxMb * 1024 * 1024 });
      }
      throw new ApiError('VALIDATION_FAILED', '无法读取上传内容：请以 multipart/form-data 上传一个文件，字段名为 file');
    }
  }
}
