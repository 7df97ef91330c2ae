import { applyDecorators } from '@nestjs/common';
import { OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { HAVE_KEYS, LEVELS, STAGES, UUID_PATTERN } from '@app/domain';
import { DateOnly, SingleLine } from '../common/validation';
import { WebhookDto } from '../common/webhook.dto';

/** 服务内容 / 主要功能: one to twenty services, each a single line of 1–200 characters (annex 2 and the 登记表 alike). */
export function ServiceList(): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(20),
    IsString({ each: true }),
    Length(1, 200, { each: true }),
    SingleLine({ each: true }),
  );
}

export class PersonContactDto {
  @IsString() @Length(1, 100) @SingleLine() name: string;
  @Matches(/^[0-9+\-() ]{5,30}$/, { message: '应为电话号码（5–30 位数字，可含 +、-、括号和空格）' }) phone: string;
  @IsOptional() @IsEmail() @MaxLength(200) email?: string;
  /** the station's own group robot, copied on its district's self-assessment reminders like its e-mail */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => WebhookDto) webhook?: WebhookDto;
}

export class CaseDto {
  @IsString() @Length(1, 200) @SingleLine() title: string;
  @IsString() @Length(1, 5000) summary: string;
}

export class HostUnitInfoDto {
  @IsOptional() @IsString() @MaxLength(200) @SingleLine() name?: string;
  @IsOptional() @IsString() @MaxLength(50) @SingleLine() organisationCode?: string;
  @IsOptional() @IsString() @MaxLength(100) @SingleLine() legalRepresentative?: string;
  @IsOptional() @IsString() @MaxLength(300) @SingleLine() address?: string;
  @IsOptional() @Matches(/^\d{6}$/) postcode?: string;
}

export class LeadDto {
  @IsString() @Length(1, 100) @SingleLine() name: string;
  @IsOptional() @IsString() @MaxLength(200) @SingleLine() unit?: string;
  @IsOptional() @IsString() @MaxLength(100) @SingleLine() post?: string;
  @IsOptional() @Matches(/^[0-9+\-() ]{5,30}$/) phone?: string;
  @IsOptional() @IsEmail() email?: string;
}

export class PlanStepDto {
  @IsString() @Length(1, 100) @SingleLine() time: string;
  @IsString() @Length(1, 2000) content: string;
  @IsOptional() @IsString() @MaxLength(300) @SingleLine() responsible?: string;
  @IsOptional() @IsString() @MaxLength(300) @SingleLine() participating?: string;
}

export class FundingDto {
  @IsOptional() @IsString() @MaxLength(2000) uses?: string;
  @IsOptional() @IsString() @MaxLength(2000) sources?: string;
}

export class OpinionsDto {
  @IsOptional() @IsString() @MaxLength(2000) host?: string;
  @IsOptional() @IsString() @MaxLength(2000) participating?: string;
  @IsOptional() @IsString() @MaxLength(2000) guidance?: string;
  @IsOptional() @IsString() @MaxLength(2000) cultivating?: string;
}

/** The application form (申请书, annex 2 of 渝人社〔2023〕474号). */
export class ApplicationDto {
  @IsString() @Length(1, 200) @SingleLine() stationName: string;
  @Matches(/^\d{6}$/, { message: '应为 6 位数字的区县代码' }) districtCode: string;
  @IsString() @Length(1, 200) @SingleLine() hostUnit: string;
  @IsString() @Length(1, 300) @SingleLine() address: string;
  @IsObject() @ValidateNested() @Type(() => PersonContactDto) contact: PersonContactDto;
  @DateOnly() establishedOn: string;
  @IsInt() @Min(0) @Max(100_000_000) workerVisitsServed: number;
  @IsBoolean() incidentsInLastTwoYears: boolean;
  @ServiceList()
  services: string[];
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CaseDto)
  cases: CaseDto[];

  @IsOptional() @IsBoolean() draft?: boolean;

  // optional fields of annex 2 and annex 1
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  @SingleLine({ each: true })
  participatingUnits?: string[];
  @IsOptional() @IsString() @MaxLength(200) @SingleLine() guidanceUnit?: string;
  @IsOptional() @IsString() @MaxLength(200) @SingleLine() cultivatingUnit?: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => HostUnitInfoDto) hostUnitInfo?: HostUnitInfoDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => LeadDto) businessLead?: LeadDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => LeadDto) stationLead?: LeadDto;
  @IsOptional() @IsIn(['national', 'city', 'no']) pairedDistrict?: 'national' | 'city' | 'no';
  @IsOptional() @IsString() @MaxLength(2000) businessScope?: string;
  @IsOptional() @IsString() @MaxLength(5000) selfEvaluation?: string;
  @IsOptional() @IsString() @MaxLength(5000) currentState?: string;
  @IsOptional() @IsString() @MaxLength(5000) expectedGoals?: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PlanStepDto)
  plan?: PlanStepDto[];
  @IsOptional() @IsObject() @ValidateNested() @Type(() => FundingDto) funding?: FundingDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => OpinionsDto) opinions?: OpinionsDto;
  @IsOptional() @IsString() @MaxLength(300) @SingleLine() location?: string;
  @IsOptional() @IsString() @MaxLength(300) @SingleLine() fundingSource?: string;
  @IsOptional() @IsString() @MaxLength(1000) notes?: string;
}

export class RecommendationDto {
  @IsBoolean() recommended: boolean;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class FilingDto {
  @IsBoolean() filed: boolean;
  @IsOptional() @IsIn(['city', 'district']) level?: 'city' | 'district';
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

/**
 * 自评. Six-haves rounds: `{ sixHaves, summary }`. Star-rating rounds: the rubric's item values and
 * facts, `{ items, facts?, summary? }` (stations/programme-actions.ts picks by the round's programme).
 */
export class SelfAssessmentDto {
  /** validated in depth by the domain (all six haves, statuses, evidence) */
  @IsOptional() sixHaves?: Record<string, unknown>;
  @ValidateIf((o: SelfAssessmentDto) => o.items === undefined || o.summary !== undefined) @IsString() @Length(1, 5000) summary: string;
  /** star rating: item key → value, validated against the round's rubric by the domain */
  @IsOptional() @IsObject() items?: Record<string, unknown>;
  /** star rating: facts the star prerequisites need (arbitrationTribunal, disputesHandledThisYear) */
  @IsOptional() @IsObject() facts?: Record<string, unknown>;
}

/** 培育评估 `{ passed, comments? }`; star-rating rounds: 评定, `{ items, facts?, comments? }` (score and stars follow). */
/**
 * A star the city grants although a missing prerequisite withholds it (star-rating rounds; the
 * notice sets the prerequisites only 原则上): one of the stars the score reaches but a prerequisite
 * blocks, with the written reason, which the summary table shows. The domain checks the star.
 */
export class StarOverrideDto {
  @IsIn([3, 4, 5]) stars: 3 | 4 | 5;
  @IsString() @Length(1, 2000) reason: string;
}

/**
 * The city's evaluation (six haves: `passed`) or its star rating: the rubric's `items`, the `facts`
 * it states (`arbitrationTribunal` is required; `disputesHandledThisYear` defaults to the disputes
 * mediated) and an optional `override`.
 */
export class EvaluationDto {
  @ValidateIf((o: EvaluationDto) => o.items === undefined || o.passed !== undefined) @IsBoolean() passed: boolean;
  /** six haves: the city's judgement per have (met / partly / not met, evidence), validated in depth by the domain */
  @IsOptional() @IsObject() sixHaves?: Record<string, unknown>;
  /** six haves: confirms or changes the level chosen at filing (default: confirmed) */
  @IsOptional() @IsIn([...LEVELS]) level?: 'city' | 'district';
  @IsOptional() @IsString() @MaxLength(5000) comments?: string;
  @IsOptional() @IsObject() items?: Record<string, unknown>;
  @IsOptional() @IsObject() facts?: Record<string, unknown>;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => StarOverrideDto) override?: StarOverrideDto;
}

export class WithdrawalDto {
  @IsString() @Length(1, 2000) reason: string;
}

/** 退回修改: why the station goes back one step. */
export class ReturnDto {
  @IsString() @Length(1, 2000) reason: string;
}

/** Any subset of the application's fields, each validated as in the application (the whole form is checked again after the merge). */
export class ApplicationChangesDto extends PartialType(OmitType(ApplicationDto, ['draft'] as const)) {}

/** 中期评估: the six haves as seen during cultivation; `additional`: the city adds another review on purpose. */
export class MidTermReviewDto {
  /** validated in depth by the domain (all six haves, statuses, evidence) */
  @IsObject() sixHaves: Record<string, unknown>;
  @IsString() @Length(1, 5000) summary: string;
  @IsOptional() @IsBoolean() additional?: boolean;
}

export const SIX_HAVE_KEYS: readonly string[] = HAVE_KEYS;

export class EmptyDto {}

export class StationListQuery {
  @IsOptional() @Matches(UUID_PATTERN, { message: '应为批次编号（UUID）' }) roundId?: string;
  @IsOptional() @Matches(/^\d{6}$/, { message: '应为 6 位数字的区县代码' }) districtCode?: string;
  @IsOptional() @IsIn([...STAGES]) stage?: string;
  @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: '不是有效的翻页游标' }) cursor?: string;
}
