import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { SingleLine } from '../common/validation';
import { PersonContactDto, ServiceList } from './application.dto';

/**
 * The registration form of a star-rating round (杭州工会和谐劳动关系综合服务站建设登记表,
 * 杭总工办〔2023〕30号 附件1): 服务站名称, 地址, 联系人/手机, 面积, 主要功能, 已建立的制度机制 — and the
 * station's ratings of earlier years, which the exit rule counts.
 */
export class RegistrationDto {
  @IsString() @Length(1, 200) @SingleLine() stationName: string;
  @Matches(/^\d{6}$/, { message: '应为 6 位数字的区县代码' }) districtCode: string;
  @IsString() @Length(1, 300) @SingleLine() address: string;
  /** 联系人, 手机 */
  @IsObject() @ValidateNested() @Type(() => PersonContactDto) contact: PersonContactDto;
  /** 面积, square metres */
  @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(1_000_000) area?: number;
  /** 主要功能 */
  @ServiceList()
  services: string[];
  /** 已建立的制度机制 */
  @IsOptional() @IsString() @MaxLength(5000) rulesInPlace?: string;
  /** 申报单位 (the union that runs the station) */
  @IsOptional() @IsString() @MaxLength(200) @SingleLine() hostUnit?: string;
  @IsOptional() @IsString() @MaxLength(1000) notes?: string;
  /** `[{ year, stars }]`, stars 0 (未达星级), 3, 4 or 5, years before the round's rating year; validated by the domain */
  @IsOptional() @IsArray() @ArrayMaxSize(20) priorRatings?: unknown[];
  @IsOptional() @IsBoolean() draft?: boolean;
}

/** 复评 by the district union: the rubric's item values and facts, and an optional note. */
export class DistrictReviewDto {
  @IsObject() items: Record<string, unknown>;
  @IsOptional() @IsObject() facts?: Record<string, unknown>;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
