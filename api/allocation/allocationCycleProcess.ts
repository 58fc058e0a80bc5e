import { cycleBusinessKey } from '../../activities/allocationMonth.js';
import { ProductAvailabilitySchema } from '../../db/entities/index.js';
import { allocationCycleStartForm, type AllocationCycleStart } from '../../forms/allocationReview.js';
import { allocationCycleSettings } from '../../worker/allocationSchedule.js';
import { ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { defineProcess } from '../processes/processDefinition.js';
import { readMonth } from './availabilityService.js';
import { currentConfig } from '../../activities/businessSettings.js';

/**
 * 月度货源投放 for `data.month` (YYYY-MM), by an admin or the dept head: 422 without that month's
 * availability, 409 while another cycle of the month runs. The month's configuration (bound, cap,
 * SLAs) goes into the workflow's input; the month is kept in the instance's summary, not as a record.
 */
export const allocationCycleProcess = defineProcess<AllocationCycleStart, 'allocationCycle'>({
  key: 'allocation-cycle',
  title: { 'zh-CN': '月度货源投放', en: 'Monthly allocation cycle' },
  startForm: allocationCycleStartForm,
  startRoles: ['admin', 'dept_head'],
  overseenBy: ['supervisor'],
  workflow: 'allocationCycle',
  busy: 'allocationCycleOpen',
  keepsStartRecord: false,
  storedData: (instance) => ({ month: String(instance.summary.month) }),
  async check(deps, _user, data, locale) {
    const { start } = readMonth(data.month, locale);
    if ((await deps.orm.em.fork().count(ProductAvailabilitySchema, { month: start })) === 0) {
      throw new ValidationError([{ path: '/month', message: t(locale, 'allocationNoAvailability') }]);
    }
  },
  async describe({ month }) {
    return { businessKey: cycleBusinessKey(month), title: `${month} 月度货源投放`, summary: { month, planStatus: 'drafting' }, audit: { month } };
  },
  async input(deps, instance, { month }) {
    return { instanceId: instance.id, month, ...allocationCycleSettings((await currentConfig(deps.orm, deps.config)).allocation) };
  },
});
