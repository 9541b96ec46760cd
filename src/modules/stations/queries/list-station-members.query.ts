import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '../../../common/index.js';
import { StationMemberViews, type StationMemberView } from '../station-member-views.js';
import { StationRepository } from '../station.repository.js';

export class ListStationMembersQuery extends Query<StationMemberView[]> {
  constructor(readonly stationId: string) {
    super();
  }
}

@QueryHandler(ListStationMembersQuery)
export class ListStationMembersHandler implements IQueryHandler<ListStationMembersQuery> {
  constructor(
    private readonly stations: StationRepository,
    private readonly views: StationMemberViews,
  ) {}

  async execute({ stationId }: ListStationMembersQuery): Promise<StationMemberView[]> {
    if (!(await this.stations.findById(stationId))) throw new NotFoundError('Station', stationId);
    return this.views.list(stationId);
  }
}
