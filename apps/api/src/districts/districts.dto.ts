import { IsString, Length, Matches } from 'class-validator';
import { SingleLine } from '../common/validation';
import { ContactDto, ContactList } from '../rounds/rounds.dto';

export class ContactsDto {
  @ContactList()
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
