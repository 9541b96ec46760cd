import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { IsTimeZone, Trim, IsOptional } from '../../../common/index.js';
import type { StationEntity } from '../station.entity.js';
import { ServiceAreaDto, StationAddressDto, StationSettingsDto } from './station-settings.dto.js';

export class CreateStationDto {
  @ApiProperty({ example: 'San Jose' })
  @IsString()
  @Length(2, 80)
  name: string;

  @ApiProperty({ example: 'America/Los_Angeles' })
  @IsTimeZone()
  timezone: string;

  @ApiProperty({ type: StationAddressDto })
  @ValidateNested()
  @Type(() => StationAddressDto)
  address: StationAddressDto;

  @ApiProperty({ example: 37.3382 })
  @IsNumber()
  @IsLatitude()
  latitude: number;

  @ApiProperty({ example: -121.8863 })
  @IsNumber()
  @IsLongitude()
  longitude: number;

  @ApiProperty({ type: ServiceAreaDto })
  @ValidateNested()
  @Type(() => ServiceAreaDto)
  serviceArea: ServiceAreaDto;

  @ApiPropertyOptional({ example: '+1 408 555 0100' })
  @IsOptional()
  @Matches(/^\+?[0-9 ().-]{7,20}$/, { message: 'contactPhone must be a phone number' })
  contactPhone?: string;

  @ApiPropertyOptional({ example: 'sanjose@myhibachi.com' })
  @IsOptional()
  @Trim()
  @IsEmail()
  contactEmail?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;

  @ApiPropertyOptional({ type: StationSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => StationSettingsDto)
  settings?: StationSettingsDto;
}

export class UpdateStationDto extends PartialType(CreateStationDto) {}

export class PublicStationResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'SJO' })
  code: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  timezone: string;

  @ApiProperty({ example: 'San Jose' })
  city: string;

  @ApiProperty({ example: 'CA' })
  region: string;

  @ApiProperty({ nullable: true, type: String })
  contactPhone: string | null;

  @ApiProperty({ nullable: true, type: String })
  contactEmail: string | null;

  static from(station: StationEntity): PublicStationResponseDto {
    return {
      id: station.id,
      code: station.code,
      name: station.name,
      timezone: station.timezone,
      city: station.address.city,
      region: station.address.region,
      contactPhone: station.contactPhone,
      contactEmail: station.contactEmail,
    };
  }
}

export class StationResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  code: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  timezone: string;

  @ApiProperty({ type: StationAddressDto })
  address: StationAddressDto;

  @ApiProperty()
  latitude: number;

  @ApiProperty()
  longitude: number;

  @ApiProperty({ type: ServiceAreaDto })
  serviceArea: ServiceAreaDto;

  @ApiProperty({ nullable: true, type: String })
  contactPhone: string | null;

  @ApiProperty({ nullable: true, type: String })
  contactEmail: string | null;

  @ApiProperty()
  isActive: boolean;

  @ApiProperty({ type: StationSettingsDto })
  settings: StationSettingsDto;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;

  static from(station: StationEntity): StationResponseDto {
    const { deletedAt: _deletedAt, ...fields } = station;
    return fields;
  }
}

export class PublicStationListResponseDto {
  @ApiProperty({ type: [PublicStationResponseDto] })
  data: PublicStationResponseDto[];
}
