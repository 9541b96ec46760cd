import { Query, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GetUserSummariesQuery } from '../../auth/index.js';
import { StationMemberRepository } from '../station-member.repository.js';

/**
 * User ids of a station's active chefs with a live account: the station's capacity. Lean on purpose
 * (asked on every availability read and capacity check): no station lookup, no member details.
 */
export class ListActiveChefIdsQuery extends Query<string[]> {
  constructor(readonly stationId: string) {
    super();
  }
}

@QueryHandler(ListActiveChefIdsQuery)
export class ListActiveChefIdsHandler implements IQueryHandler<ListActiveChefIdsQuery> {
  constructor(
    private readonly members: StationMemberRepository,
    private readonly queryBus: QueryBus,
  ) {}

  async execute({ stationId }: ListActiveChefIdsQuery): Promise<string[]> {
    const chefIds = (await this.members.list(stationId))
      .filter((member) => member.role === 'chef' && member.isActive)
      .map((member) => member.userId);
    const live = new Set((await this.queryBus.execute(new GetUserSummariesQuery(chefIds))).map((user) => user.id));
    return chefIds.filter((id) => live.has(id));
  }
}
