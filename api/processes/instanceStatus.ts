/** Where a process instance stands; tasks' completion answers and instances both show it. */
export const INSTANCE_STATUS = {
  type: 'string', enum: ['starting', 'running', 'completed', 'rejected', 'cancelled', 'failed'],
  description: '`starting`: stored, its workflow not yet confirmed by Temporal (seconds; a start that never reached Temporal '
    + 'becomes `failed` within minutes). `failed`: the workflow never started.',
} as const;
