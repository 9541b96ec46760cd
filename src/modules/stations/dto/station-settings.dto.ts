import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO4217CurrencyCode,
  IsNumber,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsOptional } from '../../../common/index.js';

/** $1,000,000: far above any real price, low enough to keep every sum a safe integer. */
const MAX_CENTS = 100_000_000;

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class PriceUpgradeDto {
  @ApiProperty({ example: 'filet' })
  @Matches(/^[a-z0-9_-]{1,40}$/, { message: 'code must be 1-40 lower-case letters, digits, "-" or "_"' })
  code: string;

  @ApiProperty({ example: 'Filet mignon' })
  @IsString()
  @Length(1, 80)
  name: string;

  @ApiProperty({ example: 1000 })
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  priceCents: number;

  @ApiProperty({ enum: ['person', 'event'] })
  @IsIn(['person', 'event'])
  per: 'person' | 'event';
}

export class StationPricesDto {
  @ApiPropertyOptional({ example: 'USD' })
  @IsOptional()
  @IsISO4217CurrencyCode()
  currency?: string;

  @ApiPropertyOptional({ example: 6000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  adultCents?: number;

  @ApiPropertyOptional({ example: 3000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  childCents?: number;

  @ApiPropertyOptional({ example: 12 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(17)
  childMaxAge?: number;

  @ApiPropertyOptional({ example: 3 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(17)
  toddlerMaxAge?: number;

  @ApiPropertyOptional({ example: 55000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  minimumOrderCents?: number;

  @ApiPropertyOptional({ example: 10000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  depositCents?: number;

  @ApiPropertyOptional({ type: [PriceUpgradeDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PriceUpgradeDto)
  upgrades?: PriceUpgradeDto[];
}

export class CancellationRuleDto {
  @ApiProperty({ example: 48 })
  @IsInt()
  @Min(0)
  minHoursBefore: number;

  @ApiProperty({ example: 50 })
  @IsInt()
  @Min(0)
  @Max(100)
  refundPercent: number;
}

/** Every field optional: on create, missing ones take the defaults; on update, they stay as they are. */
export class StationSettingsDto {
  @ApiPropertyOptional({ example: ['12:00', '17:30'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(48)
  @ArrayUnique()
  @Matches(HH_MM, { each: true, message: 'slotTimes must be times written HH:MM (24 h)' })
  slotTimes?: string[];

  @ApiPropertyOptional({ example: 120 })
  @IsOptional()
  @IsInt()
  @Min(15)
  @Max(24 * 60)
  eventDurationMinutes?: number;

  @ApiPropertyOptional({ example: 60 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(24 * 60)
  bufferMinutes?: number;

  @ApiPropertyOptional({ example: 48 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(24 * 90)
  minNoticeHours?: number;

  @ApiPropertyOptional({ example: 180 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(730)
  maxDaysAhead?: number;

  @ApiPropertyOptional({ example: 15 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  guestsPerChef?: number;

  @ApiPropertyOptional({ example: ['2026-12-25'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsCalendarDate({ each: true })
  blackoutDates?: string[];

  @ApiPropertyOptional({ type: StationPricesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => StationPricesDto)
  prices?: StationPricesDto;

  @ApiPropertyOptional({ type: [CancellationRuleDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CancellationRuleDto)
  cancellationPolicy?: CancellationRuleDto[];
}

export class TravelFeeTierDto {
  @ApiProperty({ example: 15 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(500)
  upToMiles: number;

  @ApiProperty({ example: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  feeCents: number;
}

export class ServiceAreaDto {
  @ApiProperty({ example: ['95112', '95113'] })
  @IsArray()
  @ArrayMaxSize(5000)
  @Matches(/^\d{5}$/, { each: true, message: 'zipCodes must be 5-digit ZIP codes' })
  zipCodes: string[];

  @ApiProperty({ example: 40 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(500)
  radiusMiles: number;

  @ApiProperty({ type: [TravelFeeTierDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => TravelFeeTierDto)
  travelFeeTiers: TravelFeeTierDto[];
}

export class StationAddressDto {
  @ApiProperty({ example: '1 Market St' })
  @IsString()
  @Length(1, 200)
  line1: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 200)
  line2?: string;

  @ApiProperty({ example: 'San Jose' })
  @IsString()
  @Length(1, 100)
  city: string;

  @ApiProperty({ example: 'CA' })
  @IsString()
  @Length(2, 50)
  region: string;

  @ApiProperty({ example: '95112' })
  @IsString()
  @Length(3, 12)
  postalCode: string;

  @ApiProperty({ example: 'US' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country: string;
}
