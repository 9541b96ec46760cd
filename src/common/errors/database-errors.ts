const UNIQUE_VIOLATION = '23505';
const EXCLUSION_VIOLATION = '23P01';

/** SQLSTATE and constraint of a PostgreSQL error, whether raw from `pg` or wrapped by TypeORM. */
function postgresError(error: unknown): { code?: string; constraint?: string } {
  const candidate = error as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  return {
    code: candidate.code ?? candidate.driverError?.code,
    constraint: candidate.constraint ?? candidate.driverError?.constraint,
  };
}

/** The SQLSTATE of a PostgreSQL error (raw or wrapped by TypeORM), if it is one. */
export function sqlStateOf(error: unknown): string | undefined {
  const { code } = postgresError(error);
  return typeof code === 'string' ? code : undefined;
}

/** True for a violated unique constraint, optionally a specific one by name. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const found = postgresError(error);
  return found.code === UNIQUE_VIOLATION && (constraint === undefined || found.constraint === constraint);
}

/** True for a violated exclusion constraint (two overlapping ranges), optionally a specific one. */
export function isExclusionViolation(error: unknown, constraint?: string): boolean {
  const found = postgresError(error);
  return found.code === EXCLUSION_VIOLATION && (constraint === undefined || found.constraint === constraint);
}
