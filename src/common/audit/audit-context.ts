import { Injectable, SetMetadata } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsService } from 'nestjs-cls';
import { Observable } from 'rxjs';
import type { AuthenticatedUser } from '../auth/roles.js';
import { diffFields, withoutSecrets } from './audit-diff.js';

/** What a staff write changed, as the handler that made it knows it. */
export interface AuditChange {
  action: string;
  entity: string;
  entityId?: string | null;
  stationId?: string | null;
  before?: object | null;
  after?: object | null;
  /** Used instead of a diff when the handler described no before/after (the request body). */
  request?: unknown;
}

/** Who made the change and from where. */
export interface AuditActor {
  user: AuthenticatedUser;
  ip: string;
  userAgent: string | null;
  requestId: string;
}

interface AuditSlot {
  actor: AuditActor;
  recorded: boolean;
}

const AUDIT_SLOT_KEY = 'audit.slot';
export const SKIP_AUDIT_KEY = 'audit.skip';

/** For writes that are not staff actions on records. */
export const SkipAudit = (): MethodDecorator & ClassDecorator => SetMetadata(SKIP_AUDIT_KEY, true);

/**
 * The audit trail of staff writes. The global interceptor opens a slot with the actor for each
 * staff write; the handler records its change with `record()`, which inserts the row through the
 * handler's own transaction, so the change and its audit row commit or roll back together.
 */
@Injectable()
export class AuditContext {
  constructor(
    private readonly cls: ClsService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /**
   * Runs a request's handling (subscribed inside) in a CLS context holding the actor. The slot is a
   * mutable object because `@Transactional()` runs handlers in a nested context: values set there do
   * not reach this one, a shared object does.
   */
  run<T>(actor: AuditActor, handle: () => Observable<T>): Observable<T> {
    return new Observable<T>((subscriber) =>
      this.cls.run({ ifNested: 'inherit' }, () => {
        this.cls.set(AUDIT_SLOT_KEY, { actor, recorded: false } satisfies AuditSlot);
        return handle().subscribe(subscriber);
      }),
    );
  }

  /** Records `change` in the caller's transaction; a no-op outside an audited request (e.g. in a worker). */
  async record(change: AuditChange): Promise<void> {
    const slot = this.slot();
    if (!slot) return;
    await this.insert(slot.actor, change);
    slot.recorded = true;
  }

  /** True once the current request's handler recorded its change. */
  wasRecorded(): boolean {
    return this.slot()?.recorded ?? false;
  }

  private slot(): AuditSlot | undefined {
    return this.cls.isActive() ? this.cls.get<AuditSlot | undefined>(AUDIT_SLOT_KEY) : undefined;
  }

  private async insert({ user, ip, userAgent, requestId }: AuditActor, change: AuditChange): Promise<void> {
    const stationRole = change.stationId
      ? user.stations.find((membership) => membership.stationId === change.stationId)?.role
      : undefined;
    const changes =
      change.before !== undefined || change.after !== undefined
        ? diffFields(change.before, change.after)
        : { request: withoutSecrets(change.request ?? {}) };
    await this.txHost.tx.query(
      `INSERT INTO audit_logs (actor_user_id, actor_role, actor_ip, actor_user_agent, action, entity, entity_id, station_id, changes, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        user.id,
        user.role === 'super_admin' ? user.role : (stationRole ?? user.role),
        ip,
        userAgent,
        change.action,
        change.entity,
        change.entityId ?? null,
        change.stationId ?? null,
        changes,
        requestId,
      ],
    );
  }
}
