import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiProblems,
  CurrentUser,
  Roles,
  StationScoped,
  type AuthenticatedUser,
  type Page,
} from '../../common/index.js';
import { AuditLogPageResponseDto, ListAuditLogsQueryDto, type AuditLogResponseDto } from './dto/audit-log.dto.js';
import { AUDIT_READER_ROLES, ListAuditLogsQuery } from './queries/list-audit-logs.query.js';

@ApiTags('operations')
@Controller('admin/audit-logs')
export class AuditController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...AUDIT_READER_ROLES)
  @StationScoped({ in: 'query', name: 'stationId' })
  @ApiOperation({ summary: "Audit trail of staff writes, newest first, limited to the caller's stations" })
  @ApiOkResponse({ type: AuditLogPageResponseDto })
  @ApiProblems(400)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListAuditLogsQueryDto,
  ): Promise<Page<AuditLogResponseDto>> {
    return this.queryBus.execute(new ListAuditLogsQuery(user, query));
  }
}
