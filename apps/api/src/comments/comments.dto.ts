import { IsString, Length, Matches } from 'class-validator';

/** A comment: 1–2,000 characters of text, line breaks allowed (the pipe refuses other control characters). */
export class CommentDto {
  @IsString() @Length(1, 2000) @Matches(/\S/, { message: '不能只有空白' }) text: string;
}
