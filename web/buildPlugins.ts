import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * What the first screen needs, in one chunk. Left alone, the bundler splits the modules the entry
 * imports statically into some forty small chunks (each shared with a lazy page), and a phone on HTTP/1.1
 * fetches them six at a time, one round trip per six — over a second on a 4G link. Grouping the entry's
 * static import closure loads the same bytes in one request; the lazy pages keep their own chunks.
 */
export function initialChunk() {
  const initial = new Set<string>();
  const plugin: Plugin = {
    name: 'dutyflow-initial-chunk',
    apply: 'build',
    buildEnd() {
      const pending = [...this.getModuleIds()].filter((id) => this.getModuleInfo(id)?.isEntry);
      while (pending.length) {
        const id = pending.pop()!;
        if (initial.has(id)) continue;
        initial.add(id);
        pending.push(...(this.getModuleInfo(id)?.importedIds ?? []));
      }
    },
  };
  return { plugin, group: { name: 'app', test: (id: string) => initial.has(id) } };
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
