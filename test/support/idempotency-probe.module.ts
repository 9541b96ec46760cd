import { setTimeout as sleep } from 'node:timers/promises';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { IsInt, IsString, Min } from 'class-validator';
import {
  ApiProblems,
  CurrentUser,
  DomainError,
  Public,
  Roles,
  type AuthenticatedUser,
} from '../../src/common/index.js';
import { Idempotent } from '../../src/infrastructure/http/idempotency.interceptor.js';

export const IDEMPOTENCY_PROBE_TABLE = `
  CREATE TABLE IF NOT EXISTS probe_orders (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(), item text NOT NULL, owner_id uuid, created_at timestamptz DEFAULT now()
  )`;

/**
 * Server-side switches the suite flips: make the next orders fail, or hold their transaction open
 * (`onHold` hears when a held order is inside its handler, so its key is taken).
 */
export const probeOrders: { failing: boolean; delayMs: number; onHold?: () => void } = { failing: false, delayMs: 0 };

export class PlaceProbeOrderDto {
  @ApiProperty()
  @IsString()
  item: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  quantity: number;
}

export class ProbeOrderDto {
  @ApiProperty()
  id: string;

  @ApiProperty()
  item: string;
}

/** Stands in for a booking or payment: a row inserted in the handler's transaction. */
class PlaceProbeOrderCommand extends Command<ProbeOrderDto> {
  constructor(
    readonly item: string,
    readonly ownerId: string | null,
  ) {
    super();
  }
}

@CommandHandler(PlaceProbeOrderCommand)
class PlaceProbeOrderHandler implements ICommandHandler<PlaceProbeOrderCommand> {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  @Transactional()
  async execute({ item, ownerId }: PlaceProbeOrderCommand): Promise<ProbeOrderDto> {
    const [{ id }] = await this.txHost.tx.query<{ id: string }[]>(
      'INSERT INTO probe_orders (item, owner_id) VALUES ($1, $2) RETURNING id',
      [item, ownerId],
    );
    if (probeOrders.delayMs > 0) {
      probeOrders.onHold?.();
      await sleep(probeOrders.delayMs);
    }
    if (probeOrders.failing) throw new DomainError('conflict', 'The probe order failed after its insert.');
    return { id, item };
  }
}

@ApiTags('test-probe')
@Controller('probe')
class IdempotencyProbeController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('orders')
  @Public()
  @Idempotent()
  @ApiCreatedResponse({ type: ProbeOrderDto })
  @ApiProblems(400, 409, 422)
  place(@Body() body: PlaceProbeOrderDto): Promise<ProbeOrderDto> {
    return this.commandBus.execute(new PlaceProbeOrderCommand(body.item, null));
  }

  @Post('member-orders')
  @Roles()
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: ProbeOrderDto })
  @ApiProblems(400, 409, 422)
  placeAsMember(@Body() body: PlaceProbeOrderDto, @CurrentUser() user: AuthenticatedUser): Promise<ProbeOrderDto> {
    return this.commandBus.execute(new PlaceProbeOrderCommand(body.item, user.id));
  }
}

@Module({ controllers: [IdempotencyProbeController], providers: [PlaceProbeOrderHandler] })
export class IdempotencyProbeModule {}
