import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { signInMarkup } from './src/signInMarkup.ts';
import { signInZh } from './src/signInMessages.ts';

type ModuleInfo = (id: string) => { importedIds: readonly string[]; isEntry?: boolean } | null;

/** `ids` and every module they import statically, leaving out those already in `taken`. */
function staticClosure(ids: string[], info: ModuleInfo, taken: Set<string>): Set<string> {
  const found = new Set<string>();
  const pending = [...ids];
  while (pending.length) {
    const id = pending.pop()!;
    if (found.has(id) || taken.has(id)) continue;
    found.add(id);
    pending.push(...(info(id)?.importedIds ?? []));
  }
  return found;
}

/**
 * The chunks a page loads, few and large. Left alone, the bundler splits modules by which pages share
 * them, into some forty small chunks, and a phone on HTTP/1.1 fetches them six at a time, one round trip
 * per six. Here: the entry (main.tsx) and what it imports, small, which asks for the page's data and
 * on-demand code at once; and the app (`appModule`, imported dynamically by the entry, preloaded by the
 * HTML beside it), one chunk of its static import closure. The pages loaded on demand keep the
 * bundler's chunks: a group of their own would also hold the small modules they share with others (an
 * icon), and load every page's code into a page that needs one icon.
 */
export function pageChunks(appModule: string) {
  let boot = new Set<string>();
  let app = new Set<string>();
  let appId = '';
  const plugin: Plugin = {
    name: 'dutyflow-page-chunks',
    apply: 'build',
    configResolved(config) {
      appId = join(config.root, appModule);
    },
    buildEnd() {
      const info: ModuleInfo = (id) => this.getModuleInfo(id);
      boot = staticClosure([...this.getModuleIds()].filter((id) => info(id)?.isEntry), info, new Set());
      app = staticClosure([appId], info, boot);
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        const chunk = Object.values(bundle ?? {}).find((c) => c.type === 'chunk' && c.moduleIds.includes(appId));
        if (chunk?.type !== 'chunk') throw new Error(`no chunk holds ${appModule}`);
        // With what it imports (the bundler's small runtime): found only once the app's chunk is parsed, a round trip later.
        return [chunk.fileName, ...chunk.imports.filter((file) => !html.includes(file))]
          .map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' as const }));
      },
    },
  };
  const groups = [{ name: 'boot', test: (id: string) => boot.has(id), priority: 2 }, { name: 'app', test: (id: string) => app.has(id), priority: 1 }];
  return { plugin, groups };
}

/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside each built script and style sheet, once, at build
 * time; the server (`api/http/webAssets.ts`) sends the one the browser accepts.
 */
export function precompressAssets(): Plugin {
  let outDir = '';
  return {
    name: 'dutyflow-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      for (const file of Object.keys(bundle)) {
        if (!/\.(js|css)$/.test(file)) continue;
        const path = join(outDir, file);
        const content = readFileSync(path);
        writeFileSync(`${path}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

/**
 * login.html: the built index.html with the sign-in form drawn into it (src/signInMarkup.ts), which the
 * server sends for /login to a browser without a session (api/http/webAssets.ts): the form is on screen
 * as soon as the page has come, before any script — on a phone some half a second sooner.
 */
export function signInPage(): Plugin {
  return {
    name: 'dutyflow-sign-in-page',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const index = bundle['index.html'];
      if (index?.type !== 'asset' || !String(index.source).includes('</body>')) throw new Error('no built index.html to draw the sign-in form into');
      // After the app's root, where the page's first script would draw it.
      this.emitFile({ type: 'asset', fileName: 'login.html', source: String(index.source).replace('</body>', `  ${signInMarkup(signInZh, true)}\n  </body>`) });
    },
  };
}
