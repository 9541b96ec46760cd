import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { DomainError } from './errors/domain-error.js';
import { IsOptional } from './http/validators.js';

/** `?limit=&cursor=` of every list endpoint. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/**
 * Position after the last row of a page ordered by (a timestamp, id): the list's own sort time
 * (created, received, starts) as exact database text, and the row id.
 */
export interface KeysetCursor {
  position: string;
  id: string;
}

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.position, cursor.id])).toString('base64url');
}

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function decodeCursor(raw: string | undefined): KeysetCursor | undefined {
  if (raw === undefined) return undefined;
  try {
    const [position, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof position === 'string' && CURSOR_TIME.test(position) && typeof id === 'string' && UUID.test(id)) {
      return { position, id };
    }
  } catch {
    // fall through to the error below
  }
  throw new DomainError('bad_request', 'The cursor is not one this API issued.', { field: 'cursor' });
}

/**
 * Builds a page from `limit + 1` fetched rows. `positionOf` must give the exact database timestamp
 * text (microseconds), not a JS Date: milliseconds would skip or repeat rows at page boundaries.
 */
export function toPage<T>(rows: T[], limit: number, positionOf: (row: T) => KeysetCursor): Page<T> {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null };
}
