import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

/** The decision of the one human step: validated, then taken. */
export const decideUpdate = defineUpdate<string, [string]>('decide');

/**
 * The engine's own cost of a human step, for comparison in `npm run bench`: started, one update with
 * a validator, finished — no database, no activities.
 */
export async function bareFlow(): Promise<string> {
  let outcome: string | undefined;
  setHandler(decideUpdate, (decided) => {
    outcome = decided;
    return decided;
  }, {
    validator: (decided) => {
      if (!['approve', 'reject'].includes(decided)) throw new Error(`not an outcome: ${decided}`);
    },
  });
  await condition(() => outcome !== undefined);
  return outcome!;
}
