import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { NotFoundError } from '../../common/index.js';
import { GetStationQuery, ListActiveChefIdsQuery, type ServiceArea, type StationSettings } from '../stations/index.js';

/** What bookings need to know about a station (asked through the stations module's queries). */
export interface StationView {
  id: string;
  name: string;
  timezone: string;
  isActive: boolean;
  latitude: number;
  longitude: number;
  contactPhone: string | null;
  serviceArea: ServiceArea;
  settings: StationSettings;
}

@Injectable()
export class BookingStations {
  constructor(private readonly queryBus: QueryBus) {}

  /** The station; for customers only an active one (an inactive station takes no bookings). */
  async get(stationId: string, { activeOnly }: { activeOnly: boolean }): Promise<StationView> {
    const station = await this.queryBus.execute(new GetStationQuery(stationId));
    if (activeOnly && !station.isActive) throw new NotFoundError('Station', stationId);
    return station;
  }

  /** User ids of the station's active chefs: its capacity. */
  activeChefIds(stationId: string): Promise<string[]> {
    return this.queryBus.execute(new ListActiveChefIdsQuery(stationId));
  }
}
