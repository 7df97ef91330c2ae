import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const DATE_MESSAGE = '$property must be a date (YYYY-MM-DD, 23:59:59 Asia/Shanghai) or an ISO 8601 instant with offset';

export class ContactDto {
  @IsString()
  @Length(1, 100)
  name: string;

  @IsEmail()
  @MaxLength(200)
  email: string;
}

export class RoundDeadlinesDto {
  @Matches(DATE_OR_INSTANT, { message: DATE_MESSAGE })
  recommendation: string;

  @IsOptional()
  @Matches(DATE_OR_INSTANT, { message: DATE_MESSAGE })
  filing?: string;

  @IsOptional()
  @Matches(DATE_OR_INSTANT, { message: DATE_MESSAGE })
  selfAssessmentOpens?: string;

  @Matches(DATE_OR_INSTANT, { message: DATE_MESSAGE })
  selfAssessment: string;

  @Matches(DATE_OR_INSTANT, { message: DATE_MESSAGE })
  cityEvaluation: string;

  @Matches(DATE_OR_INSTANT, { message: DATE_MESSAGE })
  publication: string;

  @Matches(DATE_OR_INSTANT, { message: DATE_MESSAGE })
  promotion: string;
}

export class CreateRoundDto {
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'code: 1-64 letters, digits, ".", "_" or "-"' })
  code: string;

  @IsString()
  @Length(1, 200)
  name: string;

  @IsIn(['six-haves', 'star-rating'])
  programme: 'six-haves' | 'star-rating';

  @ValidateNested()
  @Type(() => RoundDeadlinesDto)
  deadlines: RoundDeadlinesDto;

  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'serviceCutoff must be a date (YYYY-MM-DD)' })
  serviceCutoff?: string;

  /** validated by the domain's resolveReminderPolicy (defaults filled in) */
  @IsOptional()
  @IsObject()
  reminders?: Record<string, unknown>;

  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  cityContacts: ContactDto[];
}

/** Any subset of the deadlines (null removes an optional one) plus why they change. */
export class ChangeDeadlinesDto {
  @IsOptional()
  @Matches(DATE_OR_INSTANT, { message: DATE_MESSAGE })
  recommendation?: string;

  @IsOptional()
  @Matches(DATE_OR_INSTANT, { message: DATE_MESSAGE })
  filing?: string | null;

  @IsOptional()
  @Matches(DATE_OR_INSTANT, { message: DATE_MESSAGE })
  selfAssessmentOpens?: string | null;

  @IsOptional()
  @Matches(DATE_OR_INSTANT, { message: DATE_MESSAGE })
  selfAssessment?: string;

  @IsOptional()
  @Matches(DATE_OR_INSTANT, { message: DATE_MESSAGE })
  cityEvaluation?: string;

  @IsOptional()
  @Matches(DATE_OR_INSTANT, { message: DATE_MESSAGE })
  publication?: string;

  @IsOptional()
  @Matches(DATE_OR_INSTANT, { message: DATE_MESSAGE })
  promotion?: string;

  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class PublicationDto {
  @IsOptional()
  @IsString()
  @Length(1, 100)
  documentNo?: string;
}

export class PromotionDto {
  @IsString()
  @Length(1, 5000)
  summary: string;
}
