import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { ApiProblems, RateLimited } from '../../src/common/index.js';
import { Public } from '../../src/common/auth/public.decorator.js';

class ProbeAddressDto {
  @ApiProperty()
  @IsString()
  zip: string;
}

export class ProbeDto {
  @ApiProperty()
  @IsString()
  name: string;

  @ApiProperty()
  @IsEmail()
  email: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  guests: number;

  @ApiProperty({ type: ProbeAddressDto })
  @ValidateNested()
  @Type(() => ProbeAddressDto)
  address: ProbeAddressDto;
}

/** Routes that exist only in tests, to drive the global HTTP pipeline from the outside. */
@ApiTags('test-probe')
@Public()
@Controller('test-probe')
class ProbeController {
  @Post('echo')
  @HttpCode(200)
  @ApiOkResponse({ type: ProbeDto })
  @ApiProblems(400)
  echo(@Body() body: ProbeDto): ProbeDto {
    return body;
  }

  @Get('boom')
  @ApiOkResponse({ description: 'never: always fails' })
  @ApiProblems()
  boom(): never {
    throw new Error('relation "secret_table" does not exist at /srv/app/internal.ts:42');
  }

  @Get('limited')
  @RateLimited({ limit: 2, ttlMs: 60_000 })
  @ApiOkResponse({ description: 'ok' })
  @ApiProblems()
  limited(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
