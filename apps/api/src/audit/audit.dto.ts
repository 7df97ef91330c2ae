import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export class AuditListQuery {
  /** a station, round or token id, a district code or a work-calendar year */
  @IsOptional() @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'targetId must be an id, district code or year' }) targetId?: string;
  @IsOptional() @IsString() @Length(1, 60) action?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'cursor is not valid' }) cursor?: string;
}
