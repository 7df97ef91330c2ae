import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { UUID_PATTERN } from '@app/domain';
import { DateOnly, SingleLine } from '../common/validation';

export class ReminderListQuery {
  @IsOptional() @Matches(UUID_PATTERN, { message: '应为批次编号（UUID）' }) roundId?: string;
  @IsOptional() @Matches(/^\d{6}$/, { message: '应为 6 位数字的区县代码' }) districtCode?: string;
  @IsOptional() @Matches(UUID_PATTERN, { message: '应为站点编号（UUID）' }) stationId?: string;
  @IsOptional() @IsIn(['pending', 'sent', 'failed']) status?: 'pending' | 'sent' | 'failed';
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: '不是有效的翻页游标' }) cursor?: string;
}

export class OutboxListQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: '不是有效的翻页游标' }) cursor?: string;
}

/** One year of the work calendar (国务院办公厅 notice): days off and adjusted working days (调休). */
export class WorkCalendarYearDto {
  @IsArray() @ArrayMaxSize(120) @DateOnly({ each: true }) holidays: string[];
  @IsArray() @ArrayMaxSize(30) @DateOnly({ each: true }) adjustedWorkdays: string[];
  @IsOptional() @IsString() @MaxLength(200) @SingleLine() source?: string;
}
