import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsOptional, Trim } from '../../../common/index.js';
import type { Quote, QuoteLine } from '../domain/pricing.js';

export class UpgradeRequestDto {
  @ApiProperty({ example: 'filet' })
  @IsString()
  @Length(1, 40)
  code: string;

  @ApiProperty({ example: 4, description: 'Per-person upgrades: how many guests; per-event upgrades: 1' })
  @IsInt()
  @Min(1)
  @Max(500)
  quantity: number;
}

/** The party and menu: what the price depends on. */
export class PartyDto {
  @ApiProperty({ minimum: 1, example: 10 })
  @IsInt()
  @Min(1)
  @Max(500)
  adults: number;

  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'Children at the child price (ages per station)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(500)
  children?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'Toddlers eat free' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(500)
  toddlers?: number;

  @ApiPropertyOptional({ type: [UpgradeRequestDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => UpgradeRequestDto)
  upgrades?: UpgradeRequestDto[];
}

export class QuoteAddressDto {
  @ApiProperty({ example: '95112' })
  @Trim()
  @IsString()
  @Matches(/^[A-Za-z0-9 -]{3,10}$/, { message: 'postalCode must be a postal code' })
  postalCode: string;

  @ApiPropertyOptional({ example: 37.35, description: 'With longitude: distance-based travel fee' })
  @IsOptional()
  @IsNumber()
  @IsLatitude()
  latitude?: number;

  @ApiPropertyOptional({ example: -121.9 })
  @IsOptional()
  @IsNumber()
  @IsLongitude()
  longitude?: number;
}

export class QuoteBookingDto extends PartyDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  stationId: string;

  @ApiProperty({ type: QuoteAddressDto })
  @ValidateNested()
  @Type(() => QuoteAddressDto)
  address: QuoteAddressDto;
}

export class QuoteLineDto implements QuoteLine {
  @ApiProperty({ example: 'adult', description: 'adult, child, toddler, upgrade:<code>, minimum_order, travel_fee' })
  code: string;

  @ApiProperty({ example: 'Adult' })
  description: string;

  @ApiProperty()
  quantity: number;

  @ApiProperty({ description: 'Integer cents' })
  unitCents: number;

  @ApiProperty({ description: 'Integer cents' })
  amountCents: number;
}

export class QuoteResponseDto implements Quote {
  @ApiProperty({ example: 'USD' })
  currency: string;

  @ApiProperty({ type: [QuoteLineDto] })
  lines: QuoteLineDto[];

  @ApiProperty({ description: 'Food and upgrades, before the minimum order and travel fee' })
  subtotalCents: number;

  @ApiProperty()
  travelFeeCents: number;

  @ApiProperty()
  minimumOrderAdjustmentCents: number;

  @ApiProperty({ description: 'Always the sum of the lines' })
  totalCents: number;

  @ApiProperty({ description: 'Due now to hold the date' })
  depositCents: number;

  @ApiProperty()
  balanceCents: number;

  @ApiProperty({ description: 'Adults and children: the headcount chefs are planned for' })
  guests: number;

  @ApiProperty({ nullable: true, type: Number })
  distanceMiles: number | null;
}
