import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AddStationMemberHandler } from './commands/add-station-member.command.js';
import { CreateStationHandler } from './commands/create-station.command.js';
import { RemoveStationMemberHandler } from './commands/remove-station-member.command.js';
import { UpdateStationMemberHandler } from './commands/update-station-member.command.js';
import { UpdateStationHandler } from './commands/update-station.command.js';
import { GetStationHandler } from './queries/get-station.query.js';
import { GetUserMembershipsHandler } from './queries/get-user-memberships.query.js';
import { ListActiveChefIdsHandler } from './queries/list-active-chef-ids.query.js';
import { ListActiveStationsHandler } from './queries/list-active-stations.query.js';
import { ListStationMembersHandler } from './queries/list-station-members.query.js';
import { StationMemberEntity } from './station-member.entity.js';
import { StationMemberViews } from './station-member-views.js';
import { StationMemberRepository } from './station-member.repository.js';
import { StationEntity } from './station.entity.js';
import { StationRepository } from './station.repository.js';
import { StationsController } from './stations.controller.js';

const handlers = [
  CreateStationHandler,
  UpdateStationHandler,
  AddStationMemberHandler,
  UpdateStationMemberHandler,
  RemoveStationMemberHandler,
  ListActiveStationsHandler,
  GetStationHandler,
  ListStationMembersHandler,
  GetUserMembershipsHandler,
  ListActiveChefIdsHandler,
];
const repositories = [StationRepository, StationMemberRepository];
const services = [StationMemberViews];

@Module({
  imports: [TypeOrmModule.forFeature([StationEntity, StationMemberEntity])],
  controllers: [StationsController],
  providers: [...handlers, ...repositories, ...services],
})
export class StationsModule {}
