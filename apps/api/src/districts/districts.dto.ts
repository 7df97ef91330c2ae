import { IsString, Length, Matches } from 'class-validator';
import { SingleLine } from '../common/validation';
import { ContactDto, ContactList } from '../rounds/rounds.dto';

export class ContactsDto {
  @ContactList()
  contacts: ContactDto[];
}

export class CreateDistrictDto extends ContactsDto {
  @Matches(/^\d{6}$/, { message: '应为 6 位数字的区县代码' })
  code: string;

  @IsString()
  @Length(1, 100)
  @SingleLine()
  name: string;
}
