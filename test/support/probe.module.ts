import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { ApiProblems, RateLimited } from '../../src/common/index.js';
import { Public } from '../../src/common/auth/public.decorator.js';

class ProbeAddressDto {
  @IsString()
  zip: string;
}

export class ProbeDto {
  @IsString()
  name: string;

  @IsEmail()
  email: string;

  @IsInt()
  @Min(1)
  guests: number;

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
  @ApiProblems(400)
  echo(@Body() body: ProbeDto): ProbeDto {
    return body;
  }

  @Get('boom')
  @ApiProblems()
  boom(): never {
    throw new Error('relation "secret_table" does not exist at /srv/app/internal.ts:42');
  }

  @Get('limited')
  @RateLimited({ limit: 2, ttlMs: 60_000 })
  @ApiProblems()
  limited(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
