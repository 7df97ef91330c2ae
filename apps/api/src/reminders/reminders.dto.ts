import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { UUID_PATTERN as ID } from '../common/ids';
import { DateOnly, SingleLine } from '../common/validation';

export class ReminderListQuery {
  @IsOptional() @Matches(ID, { message: 'roundId must be a round id' }) roundId?: string;
  @IsOptional() @Matches(/^\d{6}$/, { message: 'districtCode must be a 6-digit code' }) districtCode?: string;
  @IsOptional() @Matches(ID, { message: 'stationId must be a station id' }) stationId?: string;
  @IsOptional() @IsIn(['pending', 'sent', 'failed']) status?: 'pending' | 'sent' | 'failed';
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'cursor is not valid' }) cursor?: string;
}

export class OutboxListQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'cursor is not valid' }) cursor?: string;
}

/** One year of the work calendar (国务院办公厅 notice): days off and adjusted working days (调休). */
export class WorkCalendarYearDto {
  @IsArray() @ArrayMaxSize(120) @DateOnly({ each: true }) holidays: string[];
  @IsArray() @ArrayMaxSize(30) @DateOnly({ each: true }) adjustedWorkdays: string[];
  @IsOptional() @IsString() @MaxLength(200) @SingleLine() source?: string;
}
