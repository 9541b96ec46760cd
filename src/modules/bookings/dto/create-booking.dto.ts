import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsISO8601, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsOptional, Trim } from '../../../common/index.js';
import { PartyDto, QuoteAddressDto } from './quote.dto.js';

/** An instant with its offset: a bare local time would be ambiguous around DST changes. */
export const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export class ContactDto {
  @ApiProperty({ example: 'Ada Lovelace' })
  @Trim()
  @IsString()
  @Length(1, 120)
  name: string;

  @ApiProperty({ example: 'ada@example.com' })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: '+14085550123', description: 'E.164' })
  @Trim()
  @Matches(/^\+[1-9]\d{7,14}$/, { message: 'phone must be an E.164 number such as +14085550123' })
  phone: string;
}

export class BookingAddressDto extends QuoteAddressDto {
  @ApiProperty({ example: '1 Main St' })
  @Trim()
  @IsString()
  @Length(1, 200)
  line1: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  line2?: string;

  @ApiProperty({ example: 'San Jose' })
  @Trim()
  @IsString()
  @Length(1, 100)
  city: string;

  @ApiProperty({ example: 'CA' })
  @Trim()
  @IsString()
  @Length(1, 100)
  region: string;
}

export class CreateBookingDto extends PartyDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  stationId: string;

  @ApiProperty({ example: '2026-12-05T02:00:00Z', description: 'A slot start from the availability endpoint' })
  @Matches(INSTANT, { message: 'startsAt must be an ISO-8601 instant with an offset' })
  @IsISO8601({ strict: true })
  startsAt: string;

  @ApiProperty({ type: ContactDto })
  @ValidateNested()
  @Type(() => ContactDto)
  contact: ContactDto;

  @ApiProperty({ type: BookingAddressDto })
  @ValidateNested()
  @Type(() => BookingAddressDto)
  address: BookingAddressDto;

  @ApiPropertyOptional({ description: 'Allergies, occasion, parking' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  customerNotes?: string;

  @ApiPropertyOptional({ description: 'Protein choices and other menu wishes' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  menuNotes?: string;
}
