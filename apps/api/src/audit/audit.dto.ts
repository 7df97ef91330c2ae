import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export class AuditListQuery {
  /** a station, round or token id, a district code or a work-calendar year */
  @IsOptional() @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: '应为编号、区县代码或年份' }) targetId?: string;
  @IsOptional() @IsString() @Length(1, 60) action?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: '不是有效的翻页游标' }) cursor?: string;
}
