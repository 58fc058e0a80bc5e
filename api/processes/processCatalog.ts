import { allocationCycleProcess } from '../allocation/allocationCycleProcess.js';
import { assignedTaskProcess } from '../assignments/assignedTaskProcess.js';
import { regradeProcess } from '../customers/regradeProcess.js';
import { hazardProcess } from '../hazards/hazardProcess.js';
import { learningProcess } from '../learning/learningProcess.js';
import { complaintProcess } from '../service/complaintProcess.js';
import { dailyRecordProcess } from '../service/dailyRecordProcess.js';
import { serviceRequestProcess } from '../service/serviceRequestProcess.js';
import type { ProcessDefinition } from './processDefinition.js';

/** Every process a user can start, in the order 发起流程 lists them. */
export const PROCESSES: readonly ProcessDefinition[] = [regradeProcess, hazardProcess, assignedTaskProcess, learningProcess, allocationCycleProcess,
  serviceRequestProcess, complaintProcess, dailyRecordProcess];

/** Keys of the processes whose every instance `roles` may see. */
export function processesOverseenBy(roles: readonly string[]): string[] {
  return PROCESSES.filter((p) => p.overseenBy?.some((role) => roles.includes(role))).map((p) => p.key);
}
