import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '../../../common/index.js';
import type { StationEntity } from '../station.entity.js';
import { StationRepository } from '../station.repository.js';

export class GetStationQuery extends Query<StationEntity> {
  constructor(readonly stationId: string) {
    super();
  }
}

@QueryHandler(GetStationQuery)
export class GetStationHandler implements IQueryHandler<GetStationQuery> {
  constructor(private readonly stations: StationRepository) {}

  async execute({ stationId }: GetStationQuery): Promise<StationEntity> {
    const station = await this.stations.findById(stationId);
    if (!station) throw new NotFoundError('Station', stationId);
    return station;
  }
}
