import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { HAVE_KEYS } from '@app/domain';
import { SingleLine } from '../common/validation';
import { ATTACHMENT_PURPOSES, AttachmentPurpose } from './attachment-policy';

/** The text fields of an upload (multipart, beside `file`). */
export class AttachmentUploadDto {
  @IsIn([...ATTACHMENT_PURPOSES]) purpose: AttachmentPurpose;
  /** a six-haves key: the file is evidence for that have */
  @IsOptional() @IsIn([...HAVE_KEYS]) have?: string;
  @IsOptional() @IsString() @MaxLength(500) @SingleLine() note?: string;
}

/** POST /admin/files/sweep: `{"dryRun": false}` removes; anything else only reports. */
export class SweepFilesDto {
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}
