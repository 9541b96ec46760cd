import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Clock, type RequestOrigin } from '../../../common/index.js';
import { InvalidRefreshTokenError } from '../domain/auth.errors.js';
import { decideRefresh } from '../domain/refresh-token-state.js';
import { RefreshTokenRepository } from '../refresh-token.repository.js';
import { hashRefreshToken, SessionIssuer, type Session } from '../session-issuer.js';
import { UserRepository } from '../user.repository.js';

export class RefreshSessionCommand extends Command<Session> {
  constructor(
    readonly refreshToken: string,
    readonly origin: RequestOrigin,
  ) {
    super();
  }
}

/**
 * Rotates a refresh token: the presented one is spent and a new one of the same family issued.
 * Presenting a spent token revokes the family (theft detection); that revocation must commit even
 * though the request fails, so the transaction returns a verdict and the error is thrown after it.
 */
@CommandHandler(RefreshSessionCommand)
export class RefreshSessionHandler implements ICommandHandler<RefreshSessionCommand> {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly tokens: RefreshTokenRepository,
    private readonly users: UserRepository,
    private readonly sessions: SessionIssuer,
    private readonly clock: Clock,
  ) {}

  async execute({ refreshToken, origin }: RefreshSessionCommand): Promise<Session> {
    const session = await this.txHost.withTransaction(async (): Promise<Session | null> => {
      const now = this.clock.now();
      const token = await this.tokens.findByHashForUpdate(hashRefreshToken(refreshToken));
      if (!token) return null;
      const decision = decideRefresh(token, now);
      if (decision === 'reuse_detected') {
        await this.tokens.revokeFamily(token.familyId, 'reuse_detected', now);
        return null;
      }
      if (decision !== 'rotate') return null;
      const user = await this.users.findById(token.userId);
      if (!user?.isActive) {
        await this.tokens.revokeFamily(token.familyId, 'user_inactive', now);
        return null;
      }
      await this.tokens.markUsed(token.id, now);
      return this.sessions.issue(user, origin, token.familyId);
    });
    if (!session) throw new InvalidRefreshTokenError();
    return session;
  }
}
