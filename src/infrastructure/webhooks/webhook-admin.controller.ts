import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Roles, UuidParam, type Page } from '../../common/index.js';
import { ListWebhookEventsQuery } from './list-webhook-events.query.js';
import { ReplayWebhookEventCommand } from './replay-webhook-event.command.js';
import {
  ListWebhookEventsQueryDto,
  WebhookEventPageResponseDto,
  WebhookEventResponseDto,
} from './webhook-admin.dto.js';

/** Webhook inbox for operators: provider events are not station-scoped, so super admins only. */
@ApiTags('operations')
@Controller('admin/webhooks')
export class WebhookAdminController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly commandBus: CommandBus,
  ) {}

  @Get()
  @Roles('super_admin')
  @ApiOperation({ summary: 'Stored webhook events, newest first, by provider and status' })
  @ApiOkResponse({ type: WebhookEventPageResponseDto })
  @ApiProblems(400)
  list(@Query() query: ListWebhookEventsQueryDto): Promise<Page<WebhookEventResponseDto>> {
    return this.queryBus.execute(new ListWebhookEventsQuery(query));
  }

  @Post(':id/replay')
  @Roles('super_admin')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue a failed or ignored event again' })
  @ApiAcceptedResponse({ type: WebhookEventResponseDto })
  @ApiProblems(400, 404, 409, 503)
  replay(@UuidParam('id') id: string): Promise<WebhookEventResponseDto> {
    return this.commandBus.execute(new ReplayWebhookEventCommand(id));
  }
}
