import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, type RequestOrigin } from '../../../common/index.js';
import { InvalidCredentialsError } from '../domain/auth.errors.js';
import { normaliseEmail } from '../domain/email.js';
import { LoginAttemptLimiter } from '../login-attempt-limiter.js';
import { PasswordHasher } from '../password-hasher.js';
import { SessionIssuer, type Session } from '../session-issuer.js';
import { UserRepository } from '../user.repository.js';

export class LoginCommand extends Command<Session> {
  constructor(
    readonly email: string,
    readonly password: string,
    readonly origin: RequestOrigin,
  ) {
    super();
  }
}

@CommandHandler(LoginCommand)
export class LoginHandler implements ICommandHandler<LoginCommand> {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly limiter: LoginAttemptLimiter,
    private readonly sessions: SessionIssuer,
    private readonly clock: Clock,
  ) {}

  async execute({ email, password, origin }: LoginCommand): Promise<Session> {
    const normalised = normaliseEmail(email);
    await this.limiter.assertAllowed(normalised, origin.ip);
    const user = await this.users.findByEmail(normalised);
    // Verify even when the user is unknown or disabled: the answer and its timing must not tell.
    const passwordMatches = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !user.isActive || !passwordMatches) {
      throw new InvalidCredentialsError();
    }
    await this.limiter.reset(normalised);
    await this.users.recordLogin(user.id, this.clock.now());
    return this.sessions.issue(user, origin);
  }
}
