import { ScheduleAlreadyRunning, type Client, type ScheduleOptions } from '@temporalio/client';

/**
 * Creates the Temporal Schedule `scheduleId`, or gives an existing one `parts` (a restart with new settings
 * reaches its next run), keeping its paused state and note: what every worker does at start, idempotently.
 */
export async function ensureSchedule(client: Client, scheduleId: string, parts: Omit<ScheduleOptions, 'scheduleId' | 'memo' | 'state'>): Promise<void> {
  try {
    await client.schedule.create({ scheduleId, ...parts });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...parts, state: { paused: previous.state.paused, note: previous.state.note } }));
  }
}
