/** The largest PostgreSQL `integer`, the type of the ids and numbers these parameters are compared with. */
const INT4_MAX = 2_147_483_647;

/**
 * A positive integer route or query parameter, or undefined. Above INT4_MAX it is no id of ours, and
 * PostgreSQL would refuse it in a query (a 500), so it is undefined too.
 */
export function positiveInt(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : NaN;
  return Number.isInteger(n) && n > 0 && n <= INT4_MAX ? n : undefined;
}

/** Page and size from the query: page ≥ 1, size 1–100 (default 20). */
export function paging(query: Record<string, unknown>): { page: number; size: number; offset: number } {
  const page = Math.min(positiveInt(query.page) ?? 1, 100_000);
  const size = Math.min(positiveInt(query.size) ?? 20, 100);
  return { page, size, offset: (page - 1) * size };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
