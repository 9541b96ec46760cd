import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsISO8601,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsOptional, Trim } from '../../../common/index.js';
import { BookingAddressDto, ContactDto, INSTANT } from './create-booking.dto.js';
import { PartyDto } from './quote.dto.js';

export class CancelBookingDto {
  @ApiPropertyOptional({ example: 'Rain forecast; customer asked to cancel' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class RescheduleBookingDto {
  @ApiProperty({ example: '2026-12-12T02:00:00Z' })
  @Matches(INSTANT, { message: 'startsAt must be an ISO-8601 instant with an offset' })
  @IsISO8601({ strict: true })
  startsAt: string;
}

export class AssignChefsDto {
  @ApiProperty({ type: [String], format: 'uuid', description: "The booking's chefs (replaces the current ones)" })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  chefUserIds: string[];
}

/** Staff edits; a change to the party or menu is re-quoted and its capacity re-checked. */
export class UpdateBookingDto extends PartialType(PartyDto) {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  menuNotes?: string;

  @ApiPropertyOptional({ description: 'Internal notes, never shown to the customer' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  staffNotes?: string;

  @ApiPropertyOptional({ type: ContactDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;

  @ApiPropertyOptional({ type: BookingAddressDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BookingAddressDto)
  address?: BookingAddressDto;
}
