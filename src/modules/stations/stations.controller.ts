import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiProblems,
  CurrentUser,
  Public,
  Roles,
  StationScoped,
  UuidParam,
  type AuthenticatedUser,
} from '../../common/index.js';
import { AddStationMemberCommand } from './commands/add-station-member.command.js';
import { CreateStationCommand } from './commands/create-station.command.js';
import { RemoveStationMemberCommand } from './commands/remove-station-member.command.js';
import { UpdateStationMemberCommand } from './commands/update-station-member.command.js';
import { UpdateStationCommand } from './commands/update-station.command.js';
import {
  AddStationMemberDto,
  StationMemberListResponseDto,
  StationMemberResponseDto,
  UpdateStationMemberDto,
} from './dto/station-member.dto.js';
import {
  CreateStationDto,
  PublicStationListResponseDto,
  PublicStationResponseDto,
  StationResponseDto,
  UpdateStationDto,
} from './dto/station.dto.js';
import { GetStationQuery } from './queries/get-station.query.js';
import { ListActiveStationsQuery } from './queries/list-active-stations.query.js';
import { ListStationMembersQuery } from './queries/list-station-members.query.js';

@ApiTags('stations')
@Controller('stations')
export class StationsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Active stations, public fields only (customer site)' })
  @ApiOkResponse({ type: PublicStationListResponseDto })
  @ApiProblems()
  async listPublic(): Promise<PublicStationListResponseDto> {
    const stations = await this.queryBus.execute(new ListActiveStationsQuery());
    return { data: stations.map((station) => PublicStationResponseDto.from(station)) };
  }

  @Post()
  @Roles('super_admin')
  @ApiOperation({ summary: 'Create a station; its short code is generated from the name' })
  @ApiCreatedResponse({ type: StationResponseDto })
  @ApiProblems(400, 409)
  async create(@Body() body: CreateStationDto): Promise<StationResponseDto> {
    return StationResponseDto.from(await this.commandBus.execute(new CreateStationCommand(body)));
  }

  @Get(':id')
  @Roles('station_admin', 'manager', 'chef', 'staff')
  @StationScoped()
  @ApiOperation({ summary: 'A station with its settings (members of the station)' })
  @ApiOkResponse({ type: StationResponseDto })
  @ApiProblems(400)
  async get(@UuidParam('id') id: string): Promise<StationResponseDto> {
    return StationResponseDto.from(await this.queryBus.execute(new GetStationQuery(id)));
  }

  @Patch(':id')
  @Roles('station_admin')
  @StationScoped()
  @ApiOperation({ summary: 'Change a station; settings merge per top-level rule' })
  @ApiOkResponse({ type: StationResponseDto })
  @ApiProblems(400)
  async update(
    @UuidParam('id') id: string,
    @Body() body: UpdateStationDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<StationResponseDto> {
    return StationResponseDto.from(await this.commandBus.execute(new UpdateStationCommand(id, body, user)));
  }

  @Get(':id/members')
  @Roles('station_admin', 'manager')
  @StationScoped()
  @ApiOperation({ summary: 'Members of a station (chefs are members with the chef role)' })
  @ApiOkResponse({ type: StationMemberListResponseDto })
  @ApiProblems(400)
  async listMembers(@UuidParam('id') id: string): Promise<StationMemberListResponseDto> {
    const members = await this.queryBus.execute(new ListStationMembersQuery(id));
    return { data: members.map((member) => StationMemberResponseDto.from(member)) };
  }

  @Post(':id/members')
  @Roles('station_admin')
  @StationScoped()
  @ApiOperation({ summary: 'Add a member; creates the staff account when the e-mail is new' })
  @ApiCreatedResponse({ type: StationMemberResponseDto })
  @ApiProblems(400, 409, 422)
  async addMember(@UuidParam('id') id: string, @Body() body: AddStationMemberDto): Promise<StationMemberResponseDto> {
    return StationMemberResponseDto.from(await this.commandBus.execute(new AddStationMemberCommand(id, body)));
  }

  @Patch(':id/members/:userId')
  @Roles('station_admin')
  @StationScoped()
  @ApiOperation({ summary: "Change a member's role, display name or active flag" })
  @ApiOkResponse({ type: StationMemberResponseDto })
  @ApiProblems(400)
  async updateMember(
    @UuidParam('id') id: string,
    @UuidParam('userId') userId: string,
    @Body() body: UpdateStationMemberDto,
  ): Promise<StationMemberResponseDto> {
    return StationMemberResponseDto.from(
      await this.commandBus.execute(new UpdateStationMemberCommand(id, userId, body)),
    );
  }

  @Delete(':id/members/:userId')
  @Roles('station_admin')
  @StationScoped()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member from the station (the account stays)' })
  @ApiNoContentResponse()
  @ApiProblems(400)
  removeMember(@UuidParam('id') id: string, @UuidParam('userId') userId: string): Promise<void> {
    return this.commandBus.execute(new RemoveStationMemberCommand(id, userId));
  }
}
