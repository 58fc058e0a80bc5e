import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router, type Request } from 'express';

/** Where `vite build` writes the web app in this checkout. */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** The API and the probes keep their own answers (and their JSON 404s). */
function isServerPath(path: string): boolean {
  return /^\/(api|healthz|readyz)(\/|$)/.test(path);
}

/** A page load: browsers name text/html; fetches and scripts (`*\/*`) do not, so a missing asset stays a 404. */
function wantsPage(req: Request): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && /\btext\/html\b/i.test(req.get('accept') ?? '') && req.accepts('html') === 'html';
}

/**
 * The built web app from `distDir`: its files (content-hashed `/assets/*` cached for a year, everything else
 * revalidated), and index.html for any other page a browser asks for, so client-side routes survive a reload.
 * Without a build (no `index.html` at start) it passes every request on.
 */
export function webAssets(distDir: string = WEB_DIST): Router {
  const router = Router();
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) return router;
  const assetsDir = join(distDir, 'assets') + sep;
  const files = express.static(distDir, {
    cacheControl: false,
    redirect: false,
    setHeaders(res, path) {
      res.setHeader('Cache-Control', path.startsWith(assetsDir) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  router.use((req, res, next) => {
    if (isServerPath(req.path)) next();
    else files(req, res, next);
  });
  router.use((req, res, next) => {
    if (isServerPath(req.path) || !wantsPage(req)) next();
    else res.sendFile(index, { cacheControl: false, headers: { 'Cache-Control': 'no-cache' } });
  });
  return router;
}
