import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { StationMemberRepository, type UserMembership } from '../station-member.repository.js';

/** A user's active memberships at active stations (the auth module puts them into tokens). */
export class GetUserMembershipsQuery extends Query<UserMembership[]> {
  constructor(readonly userId: string) {
    super();
  }
}

@QueryHandler(GetUserMembershipsQuery)
export class GetUserMembershipsHandler implements IQueryHandler<GetUserMembershipsQuery> {
  constructor(private readonly members: StationMemberRepository) {}

  execute({ userId }: GetUserMembershipsQuery): Promise<UserMembership[]> {
    return this.members.listForUser(userId);
  }
}
