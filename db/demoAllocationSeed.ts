import type { EntityManager } from '@mikro-orm/postgresql';
import { chinaDate, nextAllocationMonth } from '../domain/chinaTime.js';
import { ProductAvailabilitySchema, ProductSchema } from './entities/index.js';

interface DemoProduct {
  code: string;
  name: string;
  brand: string;
  priceClass: 1 | 2 | 3 | 4 | 5;
  /** 批发价, yuan per carton. */
  price: string;
  /** This month's 可供量 in cartons, for the 360 demo customers. */
  cartons: number;
}

/** Invented brands and specs (规格) across the five price classes, dear ones scarce, cheap ones plentiful. */
export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  { code: '5301001', name: '云峰(珍品)', brand: '云峰', priceClass: 1, price: '860.00', cartons: 120 },
  { code: '5301002', name: '云峰(细支金)', brand: '云峰', priceClass: 1, price: '540.00', cartons: 260 },
  { code: '5301003', name: '翠湖(典藏)', brand: '翠湖', priceClass: 1, price: '430.00', cartons: 380 },
  { code: '5301004', name: '金沙(硬1949)', brand: '金沙', priceClass: 1, price: '390.00', cartons: 520 },
  { code: '5301005', name: '苍岭(软大红)', brand: '苍岭', priceClass: 1, price: '300.00', cartons: 700 },
  { code: '5301006', name: '洱源(中支)', brand: '洱源', priceClass: 1, price: '265.80', cartons: 640 },
  { code: '5301007', name: '彩云(细支和韵)', brand: '彩云', priceClass: 1, price: '234.50', cartons: 900 },
  { code: '5301008', name: '春城(硬经典)', brand: '春城', priceClass: 2, price: '168.00', cartons: 1100 },
  { code: '5301009', name: '翠湖(软蓝)', brand: '翠湖', priceClass: 2, price: '152.00', cartons: 1300 },
  { code: '5301010', name: '金沙(紫)', brand: '金沙', priceClass: 2, price: '140.00', cartons: 1500 },
  { code: '5301011', name: '高原(硬红)', brand: '高原', priceClass: 2, price: '128.00', cartons: 1250 },
  { code: '5301012', name: '石林(细支)', brand: '石林', priceClass: 2, price: '119.20', cartons: 1700 },
  { code: '5301013', name: '云峰(软经典)', brand: '云峰', priceClass: 2, price: '115.00', cartons: 2100 },
  { code: '5301014', name: '洱源(硬金)', brand: '洱源', priceClass: 3, price: '102.00', cartons: 2600 },
  { code: '5301015', name: '苍岭(硬红)', brand: '苍岭', priceClass: 3, price: '95.40', cartons: 2900 },
  { code: '5301016', name: '彩云(硬红)', brand: '彩云', priceClass: 3, price: '88.00', cartons: 3300 },
  { code: '5301017', name: '春城(软黄)', brand: '春城', priceClass: 3, price: '80.60', cartons: 3000 },
  { code: '5301018', name: '高原(软蓝)', brand: '高原', priceClass: 3, price: '74.20', cartons: 3600 },
  { code: '5301019', name: '石林(硬紫)', brand: '石林', priceClass: 3, price: '68.90', cartons: 4100 },
  { code: '5301020', name: '金沙(软绿)', brand: '金沙', priceClass: 3, price: '63.60', cartons: 3800 },
  { code: '5301021', name: '翠湖(硬白)', brand: '翠湖', priceClass: 4, price: '53.00', cartons: 4600 },
  { code: '5301022', name: '云峰(硬黄)', brand: '云峰', priceClass: 4, price: '47.70', cartons: 5200 },
  { code: '5301023', name: '彩云(软白)', brand: '彩云', priceClass: 4, price: '42.40', cartons: 4900 },
  { code: '5301024', name: '高原(硬绿)', brand: '高原', priceClass: 4, price: '37.10', cartons: 5600 },
  { code: '5301025', name: '春城(软红)', brand: '春城', priceClass: 4, price: '33.90', cartons: 5300 },
  { code: '5301026', name: '苍岭(硬蓝)', brand: '苍岭', priceClass: 4, price: '31.80', cartons: 6000 },
  { code: '5301027', name: '石林(软红)', brand: '石林', priceClass: 5, price: '27.60', cartons: 6400 },
  { code: '5301028', name: '洱源(软白)', brand: '洱源', priceClass: 5, price: '24.40', cartons: 7000 },
  { code: '5301029', name: '金沙(硬褐)', brand: '金沙', priceClass: 5, price: '21.20', cartons: 6700 },
  { code: '5301030', name: '高原(软黄)', brand: '高原', priceClass: 5, price: '18.00', cartons: 7500 },
];

/**
 * The demo product list and its availability for this month and next (China months) — next month's
 * a little different, as supply is. Queued in `em`; the caller flushes with its transaction.
 */
export async function seedDemoAllocationData(em: EntityManager, importedBy: number | null, now = new Date()): Promise<void> {
  const thisMonth = `${chinaDate(now).slice(0, 7)}-01`;
  const nextMonth = nextAllocationMonth(now);
  const products = DEMO_PRODUCTS.map(({ cartons: _cartons, ...p }) => em.create(ProductSchema, p));
  await em.flush();
  products.forEach((product, i) => {
    const { cartons } = DEMO_PRODUCTS[i]!;
    em.create(ProductAvailabilitySchema, { month: thisMonth, productId: product.id, cartons, importedBy });
    // ±10 % in a fixed pattern, to whole tens.
    const next = Math.round((cartons * (1 + (((i * 7) % 5) - 2) / 20)) / 10) * 10;
    em.create(ProductAvailabilitySchema, { month: nextMonth, productId: product.id, cartons: next, importedBy });
  });
}
