import type { Request, Response } from 'express';
import type { ImportUpload } from './spreadsheetImport.js';

/** The raw body of an import request, unread: spreadsheetImport.ts reads it with its limits. */
export function importUpload(req: Request): ImportUpload {
  return { contentType: req.get('content-type'), contentLength: req.get('content-length'), body: req };
}

/** Answers an import; a refused body is not read to its end (it may be huge), so the connection closes after the answer. */
export async function answerImport(req: Request, res: Response, run: () => Promise<unknown>): Promise<void> {
  try {
    res.json(await run());
  } catch (err) {
    if (!req.complete) res.setHeader('Connection', 'close');
    throw err;
  }
}
