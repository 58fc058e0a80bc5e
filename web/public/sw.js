/*
 * dutyflow's service worker: the app shell works on a weak or lost connection. The built assets are
 * content-hashed (a new build has new names), so they are served from the cache once fetched; a page
 * load tries the network first and falls back to the cached shell. The API is never cached: what a
 * user sees of their work always comes from the server (the app says when it cannot reach it).
 */
const CACHE = 'dutyflow-shell-v1';
const SHELL = ['/', '/manifest.webmanifest', '/icon-192.png', '/icon-512.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || /^\/(api|healthz|readyz)(\/|$)/.test(url.pathname)) return;
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request).then((response) => {
      if (response.ok) {
        const copy = response.clone();
        void caches.open(CACHE).then((cache) => cache.put(request, copy));
      }
      return response;
    })));
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).then((response) => {
      const copy = response.clone();
      // Not the sign-in page: it comes with its form drawn in, which on any other page would stay on top.
      if (response.ok && url.pathname !== '/login') void caches.open(CACHE).then((cache) => cache.put('/', copy));
      return response;
    }).catch(() => caches.match('/').then((hit) => hit ?? Response.error())));
  }
});
