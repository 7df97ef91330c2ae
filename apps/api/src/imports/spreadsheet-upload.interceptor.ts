import { CallHandler, ExecutionContext, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { ApiError } from '../common/error-codes';

export const MAX_UPLOAD_MB = 5;

/** What multer (memory storage) hands over for the `file` field. */
export interface UploadedSpreadsheet {
  buffer: Buffer;
  size: number;
  originalname: string;
  mimetype: string;
}

const SingleFile = FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_MB * 1024 * 1024, files: 1, fields: 10, parts: 20 } });

/**
 * Receives one spreadsheet in the multipart field `file`, in memory, up to 5 MB. multer's own
 * refusals (too large, another field name, a malformed body) leave as the contract's errors with a
 * zh-CN message instead of multer's English (or a 500 for a malformed body).
 */
@Injectable()
export class SpreadsheetUploadInterceptor implements NestInterceptor {
  private readonly multer = new SingleFile();

  async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return (await this.multer.intercept(ctx, next)) as Observable<unknown>;
    } catch (e) {
      if (e instanceof PayloadTooLargeException) throw new ApiError('PAYLOAD_TOO_LARGE', `上传文件不能超过 ${MAX_UPLOAD_MB} MB`);
      throw new ApiError('IMPORT.BAD_FILE', '无法读取上传内容：请以 multipart/form-data 上传一个文件，字段名为 file');
    }
  }
}
