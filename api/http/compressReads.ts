import compression from 'compression';
import type { RequestHandler } from 'express';

/**
 * The API's answers to reads (GET) compressed for a client that accepts it (brotli, else gzip): a task
 * page's 37 KB of JSON goes as ~5 KB, and on a phone's network that is the bandwidth the app's code is
 * loading with. Answers to actions are sent as they are: those that carry a secret (a session token, a
 * one-time password) then never have a size that depends on it and on something the request chose (BREACH).
 */
export function compressReads(): RequestHandler {
  return compression({ threshold: 1024, filter: (req, res) => req.method === 'GET' && compression.filter(req, res) });
}
