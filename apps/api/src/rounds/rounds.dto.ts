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
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { roundDateProblem } from '@app/domain';
import { SingleLine } from '../common/validation';
import { WebhookDto } from '../common/webhook.dto';

/**
 * A round date: a real `YYYY-MM-DD` (23:59:59 Asia/Shanghai) or, unless `dateOnly`, an ISO 8601
 * instant with offset, within 2000–2099 (the domain's roundDateProblem says why not).
 */
const RoundDate = ({ dateOnly = false } = {}) =>
  ValidateBy({
    name: 'roundDate',
    validator: {
      validate: (value: unknown) => roundDateProblem(value, { dateOnly }) === null,
      defaultMessage: (args) => roundDateProblem(args?.value, { dateOnly }) ?? '日期无效',
    },
  });
/** A round date that may be left out. */
const OptionalRoundDate = () => applyDecorators(IsOptional(), RoundDate());

/** A contact reminders reach: an e-mail, a group robot, or both (the e-mail is required without a robot). */
export class ContactDto {
  @IsString()
  @Length(1, 100)
  @SingleLine()
  name: string;

  @ValidateIf((c: ContactDto) => c.webhook === undefined || c.email !== undefined)
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => WebhookDto)
  webhook?: WebhookDto;
}

/**
 * A list of contacts (a round's city contacts, a district's): at most 50. Listed bottom-up, the
 * order in which stacked decorators apply, so that the checks run as they always have.
 */
export const ContactList = () =>
  applyDecorators(
    Type(() => ContactDto),
    ValidateNested({ each: true }),
    IsObject({ each: true }),
    ArrayMaxSize(50),
    IsArray(),
  );

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
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: '应为 1–64 位字母、数字或 . _ -' })
  code: string;

  @IsString()
  @Length(1, 200)
  @SingleLine()
  name: string;

  @IsIn(['six-haves', 'star-rating'])
  programme: 'six-haves' | 'star-rating';

  @IsObject()
  @ValidateNested()
  @Type(() => RoundDeadlinesDto)
  deadlines: RoundDeadlinesDto;

  @IsOptional()
  @RoundDate({ dateOnly: true })
  serviceCutoff?: string;

  /** validated by the domain's resolveReminderPolicy (defaults filled in) */
  @IsOptional()
  @IsObject()
  reminders?: Record<string, unknown>;

  @ContactList()
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
  @SingleLine()
  documentNo?: string;
}

export class PromotionDto {
  @IsString()
  @Length(1, 5000)
  summary: string;
}
