import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiProblems,
  CurrentUser,
  Origin,
  Public,
  RateLimited,
  Roles,
  type AuthenticatedUser,
  type RequestOrigin,
} from '../../common/index.js';
import { ChangePasswordCommand } from './commands/change-password.command.js';
import { LoginCommand } from './commands/login.command.js';
import { LogoutCommand } from './commands/logout.command.js';
import { RefreshSessionCommand } from './commands/refresh-session.command.js';
import { RegisterCustomerCommand } from './commands/register-customer.command.js';
import {
  ChangePasswordDto,
  LoginDto,
  MeResponseDto,
  RefreshTokenDto,
  RegisterDto,
  SessionResponseDto,
} from './dto/auth.dto.js';
import { GetCurrentUserQuery } from './queries/get-current-user.query.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post('register')
  @Public()
  @RateLimited()
  @ApiOperation({ summary: 'Create a customer account and log in' })
  @ApiCreatedResponse({ type: SessionResponseDto })
  @ApiProblems(400, 409)
  register(@Body() body: RegisterDto, @Origin() origin: RequestOrigin): Promise<SessionResponseDto> {
    return this.commandBus.execute(new RegisterCustomerCommand(body, origin));
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange e-mail and password for an access and a refresh token' })
  @ApiOkResponse({ type: SessionResponseDto })
  @ApiProblems(400, 401, 429)
  login(@Body() body: LoginDto, @Origin() origin: RequestOrigin): Promise<SessionResponseDto> {
    return this.commandBus.execute(new LoginCommand(body.email, body.password, origin));
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @RateLimited()
  @ApiOperation({ summary: 'Rotate the refresh token; a reused token revokes its whole family' })
  @ApiOkResponse({ type: SessionResponseDto })
  @ApiProblems(400, 401)
  refresh(@Body() body: RefreshTokenDto, @Origin() origin: RequestOrigin): Promise<SessionResponseDto> {
    return this.commandBus.execute(new RefreshSessionCommand(body.refreshToken, origin));
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke the session of this refresh token' })
  @ApiNoContentResponse()
  @ApiProblems(400)
  logout(@Body() body: RefreshTokenDto): Promise<void> {
    return this.commandBus.execute(new LogoutCommand(body.refreshToken));
  }

  @Get('me')
  @Roles()
  @ApiOperation({ summary: 'The caller: account, global role and station memberships' })
  @ApiOkResponse({ type: MeResponseDto })
  @ApiProblems()
  async me(@CurrentUser() user: AuthenticatedUser): Promise<MeResponseDto> {
    const { user: account, memberships } = await this.queryBus.execute(new GetCurrentUserQuery(user.id));
    return {
      id: account.id,
      email: account.email,
      fullName: account.fullName,
      phone: account.phone,
      role: account.role,
      memberships,
    };
  }

  @Post('password')
  @Roles()
  // Each guess costs an argon2 verification: a stolen access token must not buy unlimited guesses.
  @RateLimited({ limit: 5, ttlMs: 60_000 })
  @HttpCode(204)
  @ApiOperation({ summary: 'Change the password; ends every session of the account (log in again)' })
  @ApiNoContentResponse()
  @ApiProblems(400)
  changePassword(@CurrentUser() user: AuthenticatedUser, @Body() body: ChangePasswordDto): Promise<void> {
    return this.commandBus.execute(new ChangePasswordCommand(user.id, body.currentPassword, body.newPassword));
  }
}
