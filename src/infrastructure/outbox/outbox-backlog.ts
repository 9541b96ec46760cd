import type { DataSource } from 'typeorm';

export interface OutboxBacklog {
  pending: number;
  /** Age in seconds of the oldest unpublished event; 0 when none. */
  lagSeconds: number;
}

/** How far the relay is behind: read by readiness and by the metrics scrape. */
export async function readOutboxBacklog(dataSource: DataSource): Promise<OutboxBacklog> {
  const [row] = await dataSource.query<{ pending: string; lag: string | null }[]>(
    'SELECT count(*) AS pending, EXTRACT(EPOCH FROM now() - min(occurred_at)) AS lag FROM outbox WHERE published_at IS NULL',
  );
  return { pending: Number(row.pending), lagSeconds: Number(row.lag ?? 0) };
}
