import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { Clock } from '../../../common/index.js';
import { RefreshTokenRepository } from '../refresh-token.repository.js';
import { hashRefreshToken } from '../session-issuer.js';

export class LogoutCommand extends Command<void> {
  constructor(readonly refreshToken: string) {
    super();
  }
}

/** Revokes the session's whole token family. Unknown tokens are ignored: logout is idempotent. */
@CommandHandler(LogoutCommand)
export class LogoutHandler implements ICommandHandler<LogoutCommand> {
  constructor(
    private readonly tokens: RefreshTokenRepository,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async execute({ refreshToken }: LogoutCommand): Promise<void> {
    const token = await this.tokens.findByHashForUpdate(hashRefreshToken(refreshToken));
    if (token) await this.tokens.revokeFamily(token.familyId, 'logout', this.clock.now());
  }
}
