import { Global, Module } from '@nestjs/common';
import { AuditContext } from './audit/audit-context.js';
import { Clock } from './clock.js';

/** Shared-kernel services every module may inject. */
@Global()
@Module({ providers: [Clock, AuditContext], exports: [Clock, AuditContext] })
export class CommonModule {}
