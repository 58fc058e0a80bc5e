import type { ComponentType } from 'react';

// Pages that carry the form renderer (JSON Forms, date pickers) load on demand.
export const LAZY_PAGES: { paths: string[]; load: () => Promise<{ default: ComponentType }> }[] = [
  { paths: ['/tasks/:id'], load: () => import('./pages/TaskPage') },
  { paths: ['/start', '/start/:processKey'], load: () => import('./pages/StartPage') },
  { paths: ['/instances'], load: () => import('./pages/InstancesPage') },
  { paths: ['/instances/:id'], load: () => import('./pages/InstancePage') },
  { paths: ['/customers'], load: () => import('./pages/CustomersPage') },
  { paths: ['/customers/:id'], load: () => import('./pages/CustomerPage') },
  { paths: ['/hazards'], load: () => import('./pages/HazardsPage') },
  { paths: ['/products'], load: () => import('./pages/ProductsPage') },
  { paths: ['/assignments'], load: () => import('./pages/AssignmentsPage') },
  { paths: ['/learning'], load: () => import('./pages/LearningPage') },
  { paths: ['/allocation'], load: () => import('./pages/AllocationPage') },
  { paths: ['/allocation/strategies'], load: () => import('./pages/AllocationStrategyPage') },
  { paths: ['/complaints'], load: () => import('./pages/ComplaintsPage') },
  { paths: ['/visits'], load: () => import('./pages/VisitsPage') },
  { paths: ['/service-report'], load: () => import('./pages/ServiceReportPage') },
  { paths: ['/admin', '/admin/:tab'], load: () => import('./admin/AdminPage') },
  { paths: ['/settings'], load: () => import('./pages/PersonalSettingsPage') },
];

/**
 * The `:name` parts of `pattern` (a route such as `/tasks/:id`) in `pathname`; null when it is another page.
 * Not react-router's matchPath: the page's first script uses it, and must not carry the router.
 */
export function matchRoute(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/');
  const have = pathname.replace(/\/+$/, '').split('/');
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    if (part.startsWith(':') && have[i]) params[part.slice(1)] = have[i]!;
    else if (part !== have[i]) return null;
  }
  return params;
}
