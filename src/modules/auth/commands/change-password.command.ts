import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { Clock, NotFoundError } from '../../../common/index.js';
import { APP_CONFIG, type AppConfig } from '../../../config/index.js';
import { InvalidCurrentPasswordError, WeakPasswordError } from '../domain/auth.errors.js';
import { isAcceptablePassword } from '../domain/password-policy.js';
import { PasswordHasher } from '../password-hasher.js';
import { RefreshTokenRepository } from '../refresh-token.repository.js';
import { UserRepository } from '../user.repository.js';

export class ChangePasswordCommand extends Command<void> {
  constructor(
    readonly userId: string,
    readonly currentPassword: string,
    readonly newPassword: string,
  ) {
    super();
  }
}

/** Changes the password and ends every session of the user (other devices must log in again). */
@CommandHandler(ChangePasswordCommand)
export class ChangePasswordHandler implements ICommandHandler<ChangePasswordCommand> {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: RefreshTokenRepository,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Transactional()
  async execute({ userId, currentPassword, newPassword }: ChangePasswordCommand): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) throw new NotFoundError('User', userId);
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) throw new InvalidCurrentPasswordError();
    if (!isAcceptablePassword(newPassword, this.config.auth.passwordMinLength)) {
      throw new WeakPasswordError(this.config.auth.passwordMinLength);
    }
    const now = this.clock.now();
    await this.users.updatePassword(user.id, await this.hasher.hash(newPassword), now);
    await this.tokens.revokeAllOfUser(user.id, 'password_changed', now);
  }
}
