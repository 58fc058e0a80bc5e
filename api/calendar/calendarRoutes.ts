import { Router, type Response } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { currentUser, requireRole } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { createWorkCalendarService } from './workCalendarService.js';
import { serve } from '../http/apiRoute.js';
import { calendarApi } from './calendarApi.js';

/** The work calendar (holidays and 调休 working days) for working-day deadlines: admins only. */
export function calendarRoutes(deps: ApiDeps): Router {
  const router = Router();
  const calendar = createWorkCalendarService(deps.orm);
  const admin = (res: Response) => {
    const user = currentUser(res);
    requireRole(user, 'admin');
    return user;
  };
  const locale = (res: Response) => res.locals.locale as Locale;

  serve(router, calendarApi.listCalendarDays, async (req, res) => {
    admin(res);
    res.json(await calendar.list(req.query.year, locale(res)));
  });
  serve(router, calendarApi.setCalendarDay, async (req, res) => {
    const { day, created } = await calendar.put(admin(res), req.params.date, req.body, locale(res));
    res.status(created ? 201 : 200).json(day);
  });
  serve(router, calendarApi.deleteCalendarDay, async (req, res) => {
    await calendar.remove(admin(res), req.params.date, locale(res));
    res.status(204).end();
  });
  return router;
}
