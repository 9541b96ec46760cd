import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { StationEntity } from '../station.entity.js';
import { StationRepository } from '../station.repository.js';

export class ListActiveStationsQuery extends Query<StationEntity[]> {}

@QueryHandler(ListActiveStationsQuery)
export class ListActiveStationsHandler implements IQueryHandler<ListActiveStationsQuery> {
  constructor(private readonly stations: StationRepository) {}

  execute(): Promise<StationEntity[]> {
    return this.stations.listActive();
  }
}
