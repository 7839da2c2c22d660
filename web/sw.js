// SafetyNet's service worker: the app works offline after one visit.
//
// - Everything the app needs to start (the precache list below, written by the build) is
//   cached on install under a cache named after this build; a new build is a new cache. The
//   program for right-to-left languages (safetynet-rtl, which also runs forms' FHIRPath
//   expressions) is cached too when the site's file offers one of them or names a form of its
//   own; elsewhere it is fetched (and kept) only if it is ever asked for.
// - A new version installs in the background and waits. The page applies it the next time
//   SafetyNet starts (web/loader.js), then shows a "new version" note. Nothing switches
//   under a patient in the middle of a screening.
// - Files a clinic edits without rebuilding (assets/site.json, the directory) are fetched
//   from the network first when there is one, and from the cache when there is not.
// - Only same-origin GETs are handled; the app makes no other request.
'use strict';
const BUILD = '@BUILD@';
const CACHE = 'safetynet-' + BUILD;
const PRECACHE = @PRECACHE@;
const RTL_PRECACHE = @RTL_PRECACHE@;
const RTL_LANGUAGES = @RTL_LANGUAGES@;
const NETWORK_FIRST = /\/assets\/(site\.json|directory\/)/;

// 'no-cache': each file is revalidated with the server, never taken stale from the HTTP cache,
// yet what the page has just downloaded is not downloaded again when the server answers 304
// (serve.py sends ETags; so do common static servers).
// The site's languages and form: no file, or one that does not parse, offers none of the RTL
// languages and no form (a site's own form may carry expressions only that program runs).
function siteOffersRtl() {
  return fetch('assets/site.json', { cache: 'no-cache' }).then((r) => (r.ok ? r.json() : {}))
    .then((site) => (site.languages || []).some((l) => RTL_LANGUAGES.includes(l)) || typeof site.form === 'string')
    .catch(() => false);
}

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => siteOffersRtl().then((rtl) =>
    cache.addAll(PRECACHE.concat(rtl ? RTL_PRECACHE : []).map((p) => new Request(p, { cache: 'no-cache' }))))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('safetynet-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()));
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
  if (event.data && event.data.type === 'build' && event.ports[0]) event.ports[0].postMessage({ build: BUILD });
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  // Ignore query strings: the app never uses them, and a stray one must not miss the cache.
  const key = new Request(url.origin + url.pathname);
  if (NETWORK_FIRST.test(url.pathname)) {
    event.respondWith(fetch(req).then((resp) => {
      if (resp.ok) { const copy = resp.clone(); caches.open(CACHE).then((c) => c.put(key, copy)); }
      return resp;
    }).catch(() => caches.match(key).then((hit) => hit || Response.error())));
    return;
  }
  event.respondWith(caches.match(key, { cacheName: CACHE }).then((hit) => {
    if (hit) return hit;
    if (req.mode === 'navigate') return caches.match(new Request(url.origin + '/index.html'), { cacheName: CACHE })
      .then((page) => page || fetch(req));
    // Not precached (large data loaded on demand): fetch once, keep for offline use.
    return fetch(req).then((resp) => {
      if (resp.ok) { const copy = resp.clone(); caches.open(CACHE).then((c) => c.put(key, copy)); }
      return resp;
    });
  }));
});
