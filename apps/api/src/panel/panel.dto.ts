import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

/** An expert's id (a user id, or an expert token's id); the domain's `isExpertId`. */
const EXPERT_ID = /^[\w.@:-]{1,100}$/;
const ExpertIds = () => Matches(EXPERT_ID, { each: true, message: '每位专家应为一个用户编号' });

/** PUT /rounds/:id/panel: the panel's members (expert user ids) and its rules; the domain checks each id. */
export class RoundPanelDto {
  @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) @ExpertIds() experts: string[];
  @IsInt() @Min(1) @Max(20) perStation: number;
  @IsBoolean() excludeSameDistrict: boolean;
  /** conflicts of interest the city records: `{ expertId, stationId? , districtCode?, reason? }` */
  @IsOptional() @IsArray() @ArrayMaxSize(1000) conflicts?: unknown[];
}

/** PUT /stations/:id/experts: the station's experts (a manual change). */
export class StationExpertsDto {
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @ExpertIds() experts: string[];
}

/**
 * POST /stations/:id/reviews: six haves `{ sixHaves, recommendation, comments? }`, star rating
 * `{ items, facts?, comments? }`; the station's programme decides which, the domain validates it.
 */
export class ReviewDto {
  @IsOptional() @IsObject() sixHaves?: Record<string, unknown>;
  @IsOptional() @IsIn(['pass', 'fail']) recommendation?: 'pass' | 'fail';
  @IsOptional() @IsObject() items?: Record<string, unknown>;
  @IsOptional() @IsObject() facts?: Record<string, unknown>;
  @IsOptional() @IsString() @MaxLength(2000) comments?: string;
}
