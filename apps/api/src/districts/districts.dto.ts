import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { SingleLine } from '../common/validation';
import { ContactDto } from '../rounds/rounds.dto';

export class ContactsDto {
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts: ContactDto[];
}

export class CreateDistrictDto extends ContactsDto {
  @Matches(/^\d{6}$/, { message: 'code must be a 6-digit district code' })
  code: string;

  @IsString()
  @Length(1, 100)
  @SingleLine()
  name: string;
}
