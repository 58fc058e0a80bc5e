/**
 * Reads the bench makes straight from PostgreSQL, so that waiting for the workflow costs the
 * product nothing (a person would see the task in the inbox, not poll for it).
 */
export interface Probe {
  /** The instance's open task with this step key, once the workflow has opened it. */
  openTaskId(instanceId: string, stepKey: string): Promise<string | undefined>;
  /** How many regrades ended `completed` between the two instants. */
  completedRegrades(from: Date, to: Date): Promise<number>;
}

/** Where the product answers; aborting `signal` ends every request and load loop at once (Ctrl-C). */
export interface Api { baseUrl: string; signal: AbortSignal; probe: Probe }

/** One HTTP answer with its round-trip time. `status` 0: the request itself failed. */
export interface Reply { status: number; body: any; ms: number }

/** A logged-in demo user. */
export interface Session { username: string; id: number; token: string }

/** A customer a lane may regrade; `tier` follows the approvals the bench makes. */
export interface BenchCustomer { id: number; tier: number }

/** A manager with the customers one client may use, and the supervisor who decides. */
export interface Lane { manager: Session; supervisor: Session; head: Session; customers: BenchCustomer[] }

/** Counts of one load phase; timestamps are `performance.now()` values. */
export interface LoadStats {
  tasksDone: number[];
  completeMs: number[];
  errors: Record<string, number>;
}



/** A JSON request against the product; never throws. */
export async function call(api: Api, method: string, path: string, token?: string, body?: unknown): Promise<Reply> {
  const started = performance.now();
  try {
    const res = await fetch(api.baseUrl + path, {
      method,
      signal: api.signal,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = null;
    try { parsed = text ? JSON.parse(text) : null; } catch { parsed = text; }
    return { status: res.status, body: parsed, ms: performance.now() - started };
  } catch (err) {
    return { status: 0, body: String(err), ms: performance.now() - started };
  }
}

/** Logs a demo user in (password `dutyflow`). */
export async function login(api: Api, username: string): Promise<Session> {
  const reply = await call(api, 'POST', '/api/auth/login', undefined, { username, password: 'dutyflow' });
  if (reply.status !== 200) throw new Error(`login ${username}: HTTP ${reply.status}`);
  return { username, id: reply.body.user.id, token: reply.body.token };
}

/** The manager's customers (up to 100), as the manager sees them. */
export async function customersOf(api: Api, manager: Session): Promise<BenchCustomer[]> {
  const reply = await call(api, 'GET', `/api/customers?managerId=${manager.id}&size=100`, manager.token);
  if (reply.status !== 200) throw new Error(`customers of ${manager.username}: HTTP ${reply.status}`);
  return (reply.body.items as BenchCustomer[]).map(({ id, tier }) => ({ id, tier }));
}

export async function refreshTier(api: Api, manager: Session, customer: BenchCustomer): Promise<void> {
  const reply = await call(api, 'GET', `/api/customers/${customer.id}`, manager.token);
  if (reply.status === 200) customer.tier = reply.body.tier;
}
