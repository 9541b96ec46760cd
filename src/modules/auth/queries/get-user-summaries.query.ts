import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UserRepository } from '../user.repository.js';

/** What other modules may show about an account: never its role, password or tokens. */
export interface UserSummary {
  id: string;
  email: string;
  fullName: string;
  /** For SMS to staff; null when the account has none. */
  phone: string | null;
}

/** Live (not deleted) accounts among `userIds`; unknown ids are simply absent. */
export class GetUserSummariesQuery extends Query<UserSummary[]> {
  constructor(readonly userIds: readonly string[]) {
    super();
  }
}

@QueryHandler(GetUserSummariesQuery)
export class GetUserSummariesHandler implements IQueryHandler<GetUserSummariesQuery> {
  constructor(private readonly users: UserRepository) {}

  async execute({ userIds }: GetUserSummariesQuery): Promise<UserSummary[]> {
    if (userIds.length === 0) return [];
    const users = await this.users.findByIds(userIds);
    return users.map(({ id, email, fullName, phone }) => ({ id, email, fullName, phone }));
  }
}
