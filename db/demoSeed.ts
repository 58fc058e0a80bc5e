import type { EntityManager } from '@mikro-orm/postgresql';
import { hashPassword } from './passwords.js';
import { seedDemoAllocationData } from './demoAllocationSeed.js';
import { CustomerSchema, UserSchema, type MarketType, type Role } from './entities/index.js';

export const DEMO_PASSWORD = 'dutyflow';

interface DemoUser { username: string; displayName: string; roles: Role[]; supervisor?: string }

/** Every role of DOMAIN.md; mgr1–3 report to sup1, mgr4–6 to sup2. */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'admin', displayName: '系统管理员', roles: ['admin'] },
  { username: 'leader', displayName: '王局长', roles: ['leader'] },
  { username: 'head', displayName: '李经理（营销部）', roles: ['dept_head'] },
  { username: 'sup1', displayName: '张主管', roles: ['supervisor'] },
  { username: 'sup2', displayName: '刘主管', roles: ['supervisor'] },
  { username: 'safety', displayName: '赵安全员', roles: ['safety_officer'] },
  ...['陈', '杨', '黄', '周', '吴', '徐'].map((surname, i) => ({
    username: `mgr${i + 1}`,
    displayName: `${surname}客户经理`,
    roles: ['customer_manager'] as Role[],
    supervisor: i < 3 ? 'sup1' : 'sup2',
  })),
];

const AREAS = ['城东', '城西', '城南', '城北', '新区', '河口', '桥头', '南山', '北关', '东坝'];
const SHOPS = ['便利店', '超市', '烟酒店', '食杂店', '百货', '商行'];
const BUSINESS = ['convenience', 'supermarket', 'tobacco_liquor', 'grocery', 'grocery', 'other'];
export const DEMO_CUSTOMER_COUNT = 360;

/**
 * Seeds the demo accounts, 360 customers (12 per tier D1–D30, 60 per manager), and the product list
 * with this and next month's availability into an empty database. Returns false and changes nothing
 * when users already exist.
 */
export async function seedDemoData(em: EntityManager): Promise<boolean> {
  if ((await em.count(UserSchema, {})) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await em.transactional(async (tx) => {
    const byName = new Map<string, number>();
    for (const u of DEMO_USERS) {
      const user = tx.create(UserSchema, {
        username: u.username, displayName: u.displayName, roles: u.roles, passwordHash,
        supervisorId: u.supervisor ? byName.get(u.supervisor) ?? null : null,
      });
      await tx.flush();
      byName.set(u.username, user.id);
    }
    const managers = DEMO_USERS.filter((u) => u.roles.includes('customer_manager')).map((u) => byName.get(u.username)!);
    for (let i = 0; i < DEMO_CUSTOMER_COUNT; i++) {
      const shop = i % SHOPS.length;
      tx.create(CustomerSchema, {
        code: `5301${String(100001 + i)}`,
        name: `${AREAS[i % AREAS.length]}${['鑫', '福', '兴', '旺', '顺', '佳', '盛', '德'][i % 8]}${SHOPS[shop]}${i + 1}号`,
        managerId: managers[i % managers.length]!,
        tier: (Math.floor(i / 6) % 30) + 1,
        marketType: (i % 3 === 0 ? 'rural' : 'urban') as MarketType,
        businessType: BUSINESS[shop]!,
        address: `${AREAS[i % AREAS.length]}路${(i % 200) + 1}号`,
        // The manager's visiting route: their customers in the order they were signed up.
        routeOrder: Math.floor(i / managers.length) + 1,
      });
    }
    await seedDemoAllocationData(tx, byName.get('head') ?? null);
  });
  return true;
}
