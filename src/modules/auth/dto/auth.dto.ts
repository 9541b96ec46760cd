import { Trim, IsOptional } from '../../../common/index.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsString, Length, Matches, MaxLength } from 'class-validator';

export class RegisterDto {
  @ApiProperty({ example: 'ann@example.com' })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10, example: 'correct horse battery 7' })
  @IsString()
  @Length(1, 256)
  password: string;

  @ApiProperty({ example: 'Ann Lee' })
  @IsString()
  @Length(1, 120)
  fullName: string;

  @ApiPropertyOptional({ example: '+1 408 555 0100' })
  @IsOptional()
  @Matches(/^\+?[0-9 ().-]{7,20}$/, { message: 'phone must be a phone number' })
  phone?: string;
}

export class LoginDto {
  @ApiProperty({ example: 'ann@example.com' })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @Length(1, 256)
  password: string;
}

export class RefreshTokenDto {
  @ApiProperty({ description: 'The refresh token of the last login or refresh' })
  @IsString()
  @Length(16, 256)
  refreshToken: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 256)
  currentPassword: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @Length(1, 256)
  newPassword: string;
}

export class SessionResponseDto {
  @ApiProperty({ description: 'Short-lived JWT for the Authorization header' })
  accessToken: string;

  @ApiProperty({ description: 'Opaque, single-use; exchange at /auth/refresh' })
  refreshToken: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ example: 900, description: 'Seconds until the access token expires' })
  expiresIn: number;
}

export class MembershipResponseDto {
  @ApiProperty({ format: 'uuid' })
  stationId: string;

  @ApiProperty({ example: 'SJO' })
  stationCode: string;

  @ApiProperty({ example: 'San Jose' })
  stationName: string;

  @ApiProperty({ enum: ['station_admin', 'manager', 'chef', 'staff'] })
  role: string;
}

export class MeResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  fullName: string;

  @ApiProperty({ nullable: true, type: String })
  phone: string | null;

  @ApiProperty({ enum: ['super_admin', 'staff', 'customer'] })
  role: string;

  @ApiProperty({ type: [MembershipResponseDto] })
  memberships: MembershipResponseDto[];
}
