import { applyDecorators } from '@nestjs/common';
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const DATE_MESSAGE = '$property must be a date (YYYY-MM-DD, 23:59:59 Asia/Shanghai) or an ISO 8601 instant with offset';

/** A round date: `YYYY-MM-DD` (23:59:59 Asia/Shanghai) or an ISO 8601 instant with offset. */
const RoundDate = () => Matches(DATE_OR_INSTANT, { message: DATE_MESSAGE });
/** A round date that may be left out. */
const OptionalRoundDate = () => applyDecorators(IsOptional(), RoundDate());

export class ContactDto {
  @IsString()
  @Length(1, 100)
  name: string;

  @IsEmail()
  @MaxLength(200)
  email: string;
}

/**
 * The round's dates. A six-haves round gives the six-haves keys; a star-rating round its own
 * (registration, selfScore, districtReview?, cityRating, publication, promotion) or the six-haves
 * names of the same steps (recommendation → registration, selfAssessment → selfScore,
 * cityEvaluation → cityRating). Which dates a programme needs is the domain's to say
 * (validateRoundDeadlines): a key required here is required unless its star-rating name is given.
 */
export class RoundDeadlinesDto {
  @ValidateIf((o: RoundDeadlinesDto) => o.registration === undefined)
  @RoundDate()
  recommendation: string;

  @OptionalRoundDate()
  filing?: string;

  @OptionalRoundDate()
  selfAssessmentOpens?: string;

  @ValidateIf((o: RoundDeadlinesDto) => o.selfScore === undefined)
  @RoundDate()
  selfAssessment: string;

  @ValidateIf((o: RoundDeadlinesDto) => o.cityRating === undefined)
  @RoundDate()
  cityEvaluation: string;

  @RoundDate()
  publication: string;

  @RoundDate()
  promotion: string;

  // star rating (杭总工办〔2023〕30号)

  @OptionalRoundDate()
  registration?: string;

  @OptionalRoundDate()
  selfScore?: string;

  @OptionalRoundDate()
  districtReview?: string;

  @OptionalRoundDate()
  cityRating?: string;
}

export class CreateRoundDto {
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'code: 1-64 letters, digits, ".", "_" or "-"' })
  code: string;

  @IsString()
  @Length(1, 200)
  name: string;

  @IsIn(['six-haves', 'star-rating'])
  programme: 'six-haves' | 'star-rating';

  @IsObject()
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
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  cityContacts: ContactDto[];

  /**
   * star-rating rounds: `{ rubric?: { id, version }, ratingYear?, exitAfterYears? }`, validated by the
   * domain's resolveStarRatingSettings (defaults: the current rubric, the city rating's year, 3 years)
   */
  @IsOptional()
  @IsObject()
  starRating?: Record<string, unknown>;
}

/** Any subset of the deadlines (null removes an optional one) plus why they change. */
export class ChangeDeadlinesDto {
  @OptionalRoundDate()
  recommendation?: string;

  @OptionalRoundDate()
  filing?: string | null;

  @OptionalRoundDate()
  selfAssessmentOpens?: string | null;

  @OptionalRoundDate()
  selfAssessment?: string;

  @OptionalRoundDate()
  cityEvaluation?: string;

  @OptionalRoundDate()
  publication?: string;

  @OptionalRoundDate()
  promotion?: string;

  @OptionalRoundDate()
  registration?: string;

  @OptionalRoundDate()
  selfScore?: string;

  @OptionalRoundDate()
  districtReview?: string | null;

  @OptionalRoundDate()
  cityRating?: string;

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
