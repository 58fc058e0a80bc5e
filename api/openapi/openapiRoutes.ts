import { Router } from 'express';
import { serve } from '../http/apiRoute.js';
import { openapiApi } from './openapiApi.js';
import { openApiDocument } from './openapiDocument.js';

/** `GET /api/openapi.json`: the document, generated from the routes' declarations. */
export function openapiRoutes(): Router {
  const router = Router();
  serve(router, openapiApi.getOpenApi, (_req, res) => {
    res.json(openApiDocument);
  });
  return router;
}
