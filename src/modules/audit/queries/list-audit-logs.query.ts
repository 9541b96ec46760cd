import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  decodeCursor,
  RequestValidationError,
  stationScope,
  toPage,
  type AuthenticatedUser,
  type Page,
} from '../../../common/index.js';
import { AuditLogRepository } from '../audit-log.repository.js';
import { AuditLogResponseDto, type ListAuditLogsQueryDto } from '../dto/audit-log.dto.js';

function parseTimestamp(field: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new RequestValidationError([{ field, messages: [`${field} is not a real date`] }]);
  return date;
}

export const AUDIT_READER_ROLES = ['station_admin', 'manager'] as const;

export class ListAuditLogsQuery extends Query<Page<AuditLogResponseDto>> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly filter: ListAuditLogsQueryDto,
  ) {
    super();
  }
}

@QueryHandler(ListAuditLogsQuery)
export class ListAuditLogsHandler implements IQueryHandler<ListAuditLogsQuery> {
  constructor(private readonly auditLogs: AuditLogRepository) {}

  async execute({ user, filter }: ListAuditLogsQuery): Promise<Page<AuditLogResponseDto>> {
    const limit = filter.limit ?? 50;
    const rows = await this.auditLogs.list({
      stations: stationScope(user, AUDIT_READER_ROLES),
      stationId: filter.stationId,
      entity: filter.entity,
      entityId: filter.entityId,
      actorUserId: filter.actorUserId,
      action: filter.action,
      from: parseTimestamp('from', filter.from),
      to: parseTimestamp('to', filter.to),
      after: decodeCursor(filter.cursor),
      limit,
    });
    const page = toPage(rows, limit, (row) => ({ position: row.position, id: row.id }));
    return {
      data: page.data.map(({ position: _position, ...row }) => AuditLogResponseDto.from(row)),
      nextCursor: page.nextCursor,
    };
  }
}
