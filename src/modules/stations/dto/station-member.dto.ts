import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { STATION_ROLES, type StationRole, Trim, IsOptional } from '../../../common/index.js';
import type { StationMemberView } from '../station-member-views.js';

export class AddStationMemberDto {
  @ApiProperty({ example: 'chef.kenji@myhibachi.com' })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: STATION_ROLES })
  @IsIn(STATION_ROLES)
  role: StationRole;

  @ApiProperty({ example: 'Chef Kenji' })
  @IsString()
  @Length(1, 80)
  displayName: string;

  @ApiPropertyOptional({ description: 'Required when no account has this e-mail yet: the new staff account gets it' })
  @IsOptional()
  @IsString()
  @Length(1, 256)
  initialPassword?: string;
}

export class UpdateStationMemberDto {
  @ApiPropertyOptional({ enum: STATION_ROLES })
  @IsOptional()
  @IsIn(STATION_ROLES)
  role?: StationRole;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 80)
  displayName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;
}

export class StationMemberResponseDto {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty({ format: 'uuid' })
  stationId: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  fullName: string;

  @ApiProperty({ enum: STATION_ROLES })
  role: StationRole;

  @ApiProperty()
  displayName: string;

  @ApiProperty()
  isActive: boolean;

  @ApiProperty()
  createdAt: Date;

  static from(view: StationMemberView): StationMemberResponseDto {
    return { ...view };
  }
}

export class StationMemberListResponseDto {
  @ApiProperty({ type: [StationMemberResponseDto] })
  data: StationMemberResponseDto[];
}
