import { Injectable, SetMetadata } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';

/** What a staff write changed, as the handler that made it knows it. */
export interface AuditChange {
  action: string;
  entity: string;
  entityId?: string;
  stationId?: string | null;
  before?: object | null;
  after?: object | null;
}

const AUDIT_CHANGE_KEY = 'audit.change';
export const SKIP_AUDIT_KEY = 'audit.skip';

/** For writes that are not staff actions on records (e.g. one's own password change, audited elsewhere or not at all). */
export const SkipAudit = (): MethodDecorator & ClassDecorator => SetMetadata(SKIP_AUDIT_KEY, true);

/**
 * Request-scoped hand-over from a handler to the audit interceptor: the handler describes its
 * change (one line), the interceptor records who, when, from where, with secrets removed.
 */
@Injectable()
export class AuditContext {
  constructor(private readonly cls: ClsService) {}

  describe(change: AuditChange): void {
    if (this.cls.isActive()) this.cls.set(AUDIT_CHANGE_KEY, change);
  }

  take(): AuditChange | undefined {
    if (!this.cls.isActive()) return undefined;
    const change = this.cls.get<AuditChange | undefined>(AUDIT_CHANGE_KEY);
    this.cls.set(AUDIT_CHANGE_KEY, undefined);
    return change;
  }
}
