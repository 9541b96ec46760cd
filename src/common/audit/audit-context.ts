import { Injectable, SetMetadata } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { Observable } from 'rxjs';

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

  /**
   * Runs a request's handling (an observable, subscribed inside) in a CLS context with an empty
   * hand-over slot. The slot is a mutable holder because `@Transactional()` runs the handler in a
   * nested context: values set there do not reach this one, a shared object does.
   */
  run<T>(handle: () => Observable<T>): Observable<T> {
    return new Observable<T>((subscriber) =>
      this.cls.run({ ifNested: 'inherit' }, () => {
        this.cls.set(AUDIT_CHANGE_KEY, { change: undefined } satisfies AuditSlot);
        return handle().subscribe(subscriber);
      }),
    );
  }

  describe(change: AuditChange): void {
    const slot = this.cls.isActive() ? this.cls.get<AuditSlot | undefined>(AUDIT_CHANGE_KEY) : undefined;
    if (slot) slot.change = change;
  }

  take(): AuditChange | undefined {
    const slot = this.cls.isActive() ? this.cls.get<AuditSlot | undefined>(AUDIT_CHANGE_KEY) : undefined;
    const change = slot?.change;
    if (slot) slot.change = undefined;
    return change;
  }
}

interface AuditSlot {
  change: AuditChange | undefined;
}
