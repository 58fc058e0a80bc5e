import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { Link as RouterLink, useLocation } from 'react-router';
import { useSession } from '../session';

/**
 * 投放方案 | 投放策略: the two pages of 货源投放, one top-bar link (the bar of the dept head is full at
 * 1440 px), a tab each. `month` carries over to the strategies.
 */
export function AllocationTabs({ month }: { month?: string }) {
  const { t } = useSession();
  const { pathname } = useLocation();
  const query = month ? `?month=${month}` : '';
  return (
    <Tabs value={pathname.startsWith('/allocation/strategies') ? 1 : 0} sx={{ mb: 1, minHeight: 44 }} aria-label={t('nav.allocation')}>
      <Tab label={t('allocation.planTab')} component={RouterLink} to="/allocation" sx={{ minHeight: 44 }} data-testid="tab-plans" />
      <Tab label={t('nav.strategies')} component={RouterLink} to={`/allocation/strategies${query}`} sx={{ minHeight: 44 }} data-testid="tab-strategies" />
    </Tabs>
  );
}
