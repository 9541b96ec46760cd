import { Query, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '../../../common/index.js';
import { GetUserMembershipsQuery, type UserMembership } from '../../stations/index.js';
import type { UserEntity } from '../user.entity.js';
import { UserRepository } from '../user.repository.js';

export interface CurrentUserView {
  user: UserEntity;
  memberships: UserMembership[];
}

export class GetCurrentUserQuery extends Query<CurrentUserView> {
  constructor(readonly userId: string) {
    super();
  }
}

@QueryHandler(GetCurrentUserQuery)
export class GetCurrentUserHandler implements IQueryHandler<GetCurrentUserQuery> {
  constructor(
    private readonly users: UserRepository,
    private readonly queryBus: QueryBus,
  ) {}

  async execute({ userId }: GetCurrentUserQuery): Promise<CurrentUserView> {
    const user = await this.users.findById(userId);
    if (!user) throw new NotFoundError('User', userId);
    return { user, memberships: await this.queryBus.execute(new GetUserMembershipsQuery(userId)) };
  }
}
