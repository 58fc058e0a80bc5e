import { Router, type Response } from 'express';
import { currentConfig } from '../../activities/businessSettings.js';
import type { Locale } from '../../forms/formDefinition.js';
import { currentUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { answerImport, importUpload } from '../http/importRoute.js';
import { serve } from '../http/apiRoute.js';
import { ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { allocationStrategyApi as api } from './allocationStrategyApi.js';
import type { ProductStrategyBody, StrategyPreviewBody } from './allocationStrategyContract.js';
import { createAllocationStrategyService } from './allocationStrategyService.js';

/** 投放策略 per product and month, its preview and the re-draft of a product (issue 18). */
export function allocationStrategyRoutes(deps: ApiDeps): Router {
  const router = Router();
  const strategies = createAllocationStrategyService(deps.orm, async () => (await currentConfig(deps.orm, deps.config)).allocation.cap);
  const locale = (res: Response) => res.locals.locale as Locale;
  const productId = (raw: string, res: Response) => {
    const id = Number(raw);
    if (!/^\d{1,9}$/.test(raw) || id < 1) throw new ValidationError([{ path: '/productId', message: t(locale(res), 'strategyUnknownProduct') }]);
    return id;
  };

  serve(router, api.listAllocationStrategies, async (req, res) => {
    res.json(await strategies.list(currentUser(res), req.params.month, locale(res)));
  });
  serve(router, api.putAllocationStrategies, async (req, res) => {
    const body = req.body as { items: { productId: number; strategy: ProductStrategyBody }[] };
    res.json(await strategies.putMany(currentUser(res), req.params.month, body.items, locale(res)));
  });
  serve(router, api.copyAllocationStrategies, async (req, res) => {
    res.json(await strategies.copy(currentUser(res), req.params.month, (req.body as { from?: string }).from, locale(res)));
  });
  serve(router, api.importAllocationFixed, async (req, res) => {
    await answerImport(req, res, () => strategies.importFixed(currentUser(res), req.params.month, locale(res), importUpload(req)));
  });
  serve(router, api.getAllocationStrategy, async (req, res) => {
    res.json(await strategies.get(currentUser(res), req.params.month, productId(req.params.productId, res), locale(res)));
  });
  serve(router, api.putAllocationStrategy, async (req, res) => {
    res.json(await strategies.put(currentUser(res), req.params.month, productId(req.params.productId, res), req.body as ProductStrategyBody, locale(res)));
  });
  serve(router, api.redraftAllocationProduct, async (req, res) => {
    res.json(await strategies.redraft(currentUser(res), req.params.month, productId(req.params.productId, res), locale(res)));
  });
  serve(router, api.previewAllocation, async (req, res) => {
    res.json(await strategies.preview(currentUser(res), req.body as StrategyPreviewBody, locale(res)));
  });
  return router;
}
