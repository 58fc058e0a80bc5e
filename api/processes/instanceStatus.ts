/** Where a process instance stands; tasks' completion answers and instances both show it. */
export const INSTANCE_STATUS = { type: 'string', enum: ['running', 'completed', 'rejected', 'cancelled', 'failed'] } as const;
