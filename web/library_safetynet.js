// The browser half of web/web_platform.cpp and web/main.cpp, linked with --js-library.
// Only same-origin static files are ever fetched: the page sends nothing anywhere.
mergeInto(LibraryManager.library, {
  safetynet_js_fetch: function (pathPtr, request) {
    var path = UTF8ToString(pathPtr);
    // A relative path under the app's own origin; refuse anything that could leave it.
    if (/^[a-z]+:|^\/\//i.test(path) || path.indexOf('..') !== -1) {
      console.error('safetynet: refusing to fetch ' + path);
      Module._safetynet_fetch_done(request, 0, 0, 0);
      return;
    }
    fetch(path, { credentials: 'same-origin', cache: 'no-cache' })
      .then(function (r) { return r.ok ? r.arrayBuffer() : null; })
      .catch(function () { return null; })
      .then(function (buf) {
        if (!buf) { Module._safetynet_fetch_done(request, 0, 0, 0); return; }
        var bytes = new Uint8Array(buf);
        var ptr = Module._malloc(Math.max(1, bytes.length));
        HEAPU8.set(bytes, ptr);
        Module._safetynet_fetch_done(request, ptr, bytes.length, 1);
      });
  },

  safetynet_js_speech_available: function () {
    return (typeof speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined') ? 1 : 0;
  },

  safetynet_js_speak: function (textPtr, langPtr) {
    if (typeof speechSynthesis === 'undefined') return;
    var u = new SpeechSynthesisUtterance(UTF8ToString(textPtr));
    var lang = UTF8ToString(langPtr);
    u.lang = lang;
    // Prefer a voice for the exact language; otherwise the browser picks by u.lang.
    var voices = speechSynthesis.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang && voices[i].lang.toLowerCase().indexOf(lang.toLowerCase()) === 0) { u.voice = voices[i]; break; }
    }
    speechSynthesis.cancel();
    speechSynthesis.speak(u);
  },

  safetynet_js_stop_speaking: function () {
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
  },

  // The first frame is on screen: the page is interactive. The startup benchmark reads
  // window.__interactive_ms (navigation start -> first interactive frame), as it does for
  // LHC-Forms.
  safetynet_js_first_frame: function () {
    if (typeof window.__interactive_ms === 'undefined') window.__interactive_ms = performance.now();
    if (Module.onFirstFrame) Module.onFirstFrame();
  },

  safetynet_js_fatal: function (msgPtr) {
    if (Module.showError) Module.showError(UTF8ToString(msgPtr));
  },

  safetynet_js_set_title: function (titlePtr) {
    document.title = UTF8ToString(titlePtr);
  },
});
