import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { DomainError } from '../../../common/index.js';
import { APP_CONFIG, type AppConfig } from '../../../config/index.js';
import { EmailTakenError, WeakPasswordError } from '../domain/auth.errors.js';
import { normaliseEmail } from '../domain/email.js';
import { isAcceptablePassword } from '../domain/password-policy.js';
import { PasswordHasher } from '../password-hasher.js';
import { UserRepository } from '../user.repository.js';

export interface EnsuredStaffUser {
  userId: string;
  created: boolean;
}

/**
 * Finds the account of a future station member, or creates a staff account with the initial
 * password the admin chose. An existing account is linked as it is (its role and password stay):
 * e-mails are not verified, so an initial password for an existing e-mail could hand a station to
 * whoever registered that address first; that case is refused.
 */
export class EnsureStaffUserCommand extends Command<EnsuredStaffUser> {
  constructor(readonly input: { email: string; fullName: string; initialPassword?: string }) {
    super();
  }
}

@CommandHandler(EnsureStaffUserCommand)
export class EnsureStaffUserHandler implements ICommandHandler<EnsureStaffUserCommand> {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Transactional()
  async execute({ input }: EnsureStaffUserCommand): Promise<EnsuredStaffUser> {
    const email = normaliseEmail(input.email);
    const existing = await this.users.findByEmail(email);
    if (existing) {
      if (input.initialPassword !== undefined) throw new EmailTakenError();
      return { userId: existing.id, created: false };
    }
    if (!input.initialPassword) {
      throw new DomainError('user_not_found', 'No account has this e-mail; give an initialPassword to create one.', {
        field: 'initialPassword',
      });
    }
    if (!isAcceptablePassword(input.initialPassword, this.config.auth.passwordMinLength)) {
      throw new WeakPasswordError(this.config.auth.passwordMinLength);
    }
    const user = await this.users.insert({
      email,
      passwordHash: await this.hasher.hash(input.initialPassword),
      fullName: input.fullName.trim(),
      phone: null,
      role: 'staff',
    });
    if (!user) throw new DomainError('conflict', 'The account was created concurrently; retry.');
    return { userId: user.id, created: true };
  }
}
