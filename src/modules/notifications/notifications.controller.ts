import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiProblems,
  CurrentUser,
  Roles,
  StationScoped,
  UuidParam,
  type AuthenticatedUser,
  type Page,
} from '../../common/index.js';
import { CreateNotificationGroupCommand } from './commands/create-notification-group.command.js';
import { DeleteNotificationGroupCommand } from './commands/delete-notification-group.command.js';
import { RetryNotificationCommand } from './commands/retry-notification.command.js';
import { UpdateNotificationGroupCommand } from './commands/update-notification-group.command.js';
import {
  CreateNotificationGroupDto,
  NotificationGroupListResponseDto,
  NotificationGroupResponseDto,
  UpdateNotificationGroupDto,
} from './dto/notification-group.dto.js';
import {
  ListNotificationsQueryDto,
  NotificationPageResponseDto,
  type NotificationResponseDto,
} from './dto/notification.dto.js';
import { ListNotificationGroupsQuery } from './queries/list-notification-groups.query.js';
import { ListNotificationsQuery, NOTIFICATION_LOG_ROLES } from './queries/list-notifications.query.js';

const STATION = { in: 'path', name: 'stationId' } as const;

@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Get('stations/:stationId/notification-groups')
  @Roles('station_admin', 'manager')
  @StationScoped(STATION)
  @ApiOperation({ summary: 'Notification groups of a station: which staff get which alerts' })
  @ApiOkResponse({ type: NotificationGroupListResponseDto })
  @ApiProblems(400)
  async listGroups(@UuidParam('stationId') stationId: string): Promise<NotificationGroupListResponseDto> {
    const groups = await this.queryBus.execute(new ListNotificationGroupsQuery(stationId));
    return { data: groups.map((group) => NotificationGroupResponseDto.from(group)) };
  }

  @Post('stations/:stationId/notification-groups')
  @Roles('station_admin')
  @StationScoped(STATION)
  @ApiOperation({ summary: 'Create a notification group (members must belong to the station)' })
  @ApiCreatedResponse({ type: NotificationGroupResponseDto })
  @ApiProblems(400, 409)
  async createGroup(
    @UuidParam('stationId') stationId: string,
    @Body() body: CreateNotificationGroupDto,
  ): Promise<NotificationGroupResponseDto> {
    return NotificationGroupResponseDto.from(
      await this.commandBus.execute(new CreateNotificationGroupCommand(stationId, body)),
    );
  }

  @Patch('stations/:stationId/notification-groups/:groupId')
  @Roles('station_admin')
  @StationScoped(STATION)
  @ApiOperation({ summary: "Change a group's name, alerts, channels or members" })
  @ApiOkResponse({ type: NotificationGroupResponseDto })
  @ApiProblems(400, 409)
  async updateGroup(
    @UuidParam('stationId') stationId: string,
    @UuidParam('groupId') groupId: string,
    @Body() body: UpdateNotificationGroupDto,
  ): Promise<NotificationGroupResponseDto> {
    return NotificationGroupResponseDto.from(
      await this.commandBus.execute(new UpdateNotificationGroupCommand(stationId, groupId, body)),
    );
  }

  @Delete('stations/:stationId/notification-groups/:groupId')
  @Roles('station_admin')
  @StationScoped(STATION)
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a notification group' })
  @ApiNoContentResponse()
  @ApiProblems(400)
  deleteGroup(@UuidParam('stationId') stationId: string, @UuidParam('groupId') groupId: string): Promise<void> {
    return this.commandBus.execute(new DeleteNotificationGroupCommand(stationId, groupId));
  }

  @Get('admin/notifications')
  @Roles(...NOTIFICATION_LOG_ROLES)
  @StationScoped({ in: 'query', name: 'stationId' })
  @ApiOperation({ summary: "Delivery log of e-mails and SMS, newest first, limited to the caller's stations" })
  @ApiOkResponse({ type: NotificationPageResponseDto })
  @ApiProblems(400)
  listNotifications(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListNotificationsQueryDto,
  ): Promise<Page<NotificationResponseDto>> {
    return this.queryBus.execute(new ListNotificationsQuery(user, query));
  }

  @Post('admin/notifications/:id/retry')
  @Roles(...NOTIFICATION_LOG_ROLES)
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a failed or unsent notification again' })
  @ApiOkResponse({ description: 'Queued again' })
  @ApiProblems(400, 404, 409)
  retry(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<{ id: string }> {
    return this.commandBus.execute(new RetryNotificationCommand(user, id));
  }
}
