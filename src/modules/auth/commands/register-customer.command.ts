import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import type { RequestOrigin } from '../../../common/index.js';
import { APP_CONFIG, type AppConfig } from '../../../config/index.js';
import { EmailTakenError, WeakPasswordError } from '../domain/auth.errors.js';
import { normaliseEmail } from '../domain/email.js';
import { isAcceptablePassword } from '../domain/password-policy.js';
import { PasswordHasher } from '../password-hasher.js';
import { SessionIssuer, type Session } from '../session-issuer.js';
import { UserRepository } from '../user.repository.js';

export class RegisterCustomerCommand extends Command<Session> {
  constructor(
    readonly input: { email: string; password: string; fullName: string; phone?: string },
    readonly origin: RequestOrigin,
  ) {
    super();
  }
}

/** Self-service sign-up: always a customer account, whatever the request says. */
@CommandHandler(RegisterCustomerCommand)
export class RegisterCustomerHandler implements ICommandHandler<RegisterCustomerCommand> {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionIssuer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Transactional()
  async execute({ input, origin }: RegisterCustomerCommand): Promise<Session> {
    if (!isAcceptablePassword(input.password, this.config.auth.passwordMinLength)) {
      throw new WeakPasswordError(this.config.auth.passwordMinLength);
    }
    const user = await this.users.insert({
      email: normaliseEmail(input.email),
      passwordHash: await this.hasher.hash(input.password),
      fullName: input.fullName.trim(),
      phone: input.phone?.trim() ?? null,
      role: 'customer',
    });
    if (!user) throw new EmailTakenError();
    return this.sessions.issue(user, origin);
  }
}
