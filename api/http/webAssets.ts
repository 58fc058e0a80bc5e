import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router, type Request, type RequestHandler } from 'express';
import { SESSION_COOKIE } from './auth.js';

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

/** A browser that holds no session cookie: the page it opens will ask it to sign in. */
function withoutSession(req: Request): boolean {
  return !(req.get('cookie') ?? '').split(';').some((pair) => pair.trim().startsWith(`${SESSION_COOKIE}=`));
}

/** The built scripts and style sheets: the build (web/buildPlugins.ts) writes a `.br` and a `.gz` copy of each. */
const COMPRESSED_ASSET = /^\/assets\/[\w.-]+\.(js|css)$/;
const SUFFIX = { br: '.br', gzip: '.gz' } as const;
const ENCODINGS = ['br', 'gzip'] as const;

/**
 * A script or style sheet in the encoding the browser prefers, from the copies the build wrote beside it
 * (brotli, then gzip): a phone on 4G loads about a third of the bytes. Without a copy, the file as it is.
 */
function precompressed(distDir: string): RequestHandler {
  return (req, res, next) => {
    const match = COMPRESSED_ASSET.exec(req.path);
    if (!match) return next();
    res.vary('Accept-Encoding');
    // Brotli whenever accepted: browsers list gzip first, at the same weight.
    const encoding = ENCODINGS.find((e) => req.acceptsEncodings(e) === e);
    if (!encoding || !existsSync(join(distDir, req.path + SUFFIX[encoding]))) return next();
    const suffix = SUFFIX[encoding];
    res.type(match[1]!);
    res.setHeader('Content-Encoding', encoding);
    req.url = req.path + suffix;
    next();
  };
}

/**
 * The built web app from `distDir`: its files (content-hashed `/assets/*` cached for a year and sent compressed, everything else
 * revalidated), and index.html for any other page a browser asks for, so client-side routes survive a reload;
 * /login without a session gets login.html, the same page with the sign-in form already in it.
 * Without a build (no `index.html` at start) it passes every request on.
 */
export function webAssets(distDir: string = WEB_DIST): Router {
  const router = Router();
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) return router;
  // The sign-in page with its form drawn in (web/buildPlugins.ts), for /login opened without a session.
  const signInPage = existsSync(join(distDir, 'login.html')) ? join(distDir, 'login.html') : index;
  const assetsDir = join(distDir, 'assets') + sep;
  const files = express.static(distDir, {
    cacheControl: false,
    redirect: false,
    setHeaders(res, path) {
      res.setHeader('Cache-Control', path.startsWith(assetsDir) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  router.use(precompressed(distDir));
  router.use((req, res, next) => {
    if (isServerPath(req.path)) next();
    else files(req, res, next);
  });
  router.use((req, res, next) => {
    if (isServerPath(req.path) || !wantsPage(req)) return next();
    res.vary('Cookie');
    res.sendFile(req.path === '/login' && withoutSession(req) ? signInPage : index, { cacheControl: false, headers: { 'Cache-Control': 'no-cache' } });
  });
  return router;
}
