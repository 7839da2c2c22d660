// Starts SafetyNet: checks the browser can run it, shows download progress, explains any
// failure in plain words (English and Spanish), and hides the loading panel at the first frame.
// No inline script anywhere: the Content-Security-Policy allows only the app's own files.
// The file is one function only to keep its names out of the page's globals (a module scope);
// inside, it reads top to bottom as the start-up steps.
(function () {
  'use strict';
  var bar = document.getElementById('loading-bar');
  var loading = document.getElementById('loading');

  function showError(en, es) {
    document.getElementById('problem-en').textContent = en;
    document.getElementById('problem-es').textContent = es || en;
    document.getElementById('problem').hidden = false;
    loading.classList.add('done');
  }
  function progress(fraction) {
    bar.style.width = Math.max(4, Math.min(100, Math.round(fraction * 100))) + '%';
  }

  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    showError('This browser cannot run WebAssembly. Please use a current version of Chrome, Edge, Firefox or Safari.',
              'Este navegador no puede ejecutar WebAssembly. Use una versión actual de Chrome, Edge, Firefox o Safari.');
    return;
  }
  if (typeof WebGL2RenderingContext === 'undefined') {
    showError('This browser does not support WebGL 2, which SafetyNet needs to draw its screens. Please use a current browser, or turn on hardware acceleration.',
              'Este navegador no admite WebGL 2, que SafetyNet necesita para mostrar sus pantallas. Use un navegador actual o active la aceleración por hardware.');
    return;
  }

  var canvas = document.getElementById('canvas');
  canvas.addEventListener('webglcontextlost', function (e) {
    e.preventDefault();
    showError('The graphics context was lost. Please reload the page.', 'Se perdió el contexto gráfico. Vuelva a cargar la página.');
  }, false);
  canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });
  // The mode (#kiosk, #clinic, #org) is chosen at start: a new one starts the app afresh, so
  // nothing of one mode's session carries into another.
  window.addEventListener('hashchange', function () { location.reload(); });

  function showLoadError(what) {
    showError('SafetyNet could not be loaded: ' + what + '. Check the connection and reload the page.',
              'No se pudo cargar SafetyNet: ' + what + '. Revise la conexión y vuelva a cargar la página.');
  }

  // Start-up work runs side by side (bench/startup/README.md): the program (safetynet.wasm)
  // downloads and compiles from here on, while safetynet.js loads and while the browser sets up
  // WebGL, instead of one after the other.
  // Three programs (web/CMakeLists.txt): the kiosk alone, the first load of a kiosk tablet, and
  // the whole app with the staff workspace for #clinic and #org.
  // A third, the kiosk with the text shaper, for a page opened in a right-to-left language
  // (?lang=ar: the kiosk program starts it so when a patient picks one). The build writes
  // the list from assets/i18n/languages.json.
  var rtlLanguages = [@SAFETYNET_RTL_LANGUAGES@];
  var lang = new URLSearchParams(location.search).get('lang');
  // The same program runs a site's own form with FHIRPath expressions (?forms=expressions: the
  // kiosk program starts it so when the site's form needs them; core/screening/form_expressions.hpp).
  var expressions = new URLSearchParams(location.search).get('forms') === 'expressions';
  var programName = /^#(clinic|org)$/i.test(location.hash) ? 'safetynet-staff'
    : rtlLanguages.indexOf(lang) >= 0 || expressions ? 'safetynet-rtl' : 'safetynet';
  var download = typeof AbortController === 'function' ? new AbortController() : null;
  var program = fetch(programName + '.wasm', { credentials: 'same-origin', signal: download && download.signal }).then(function (resp) {
    if (!resp.ok) throw new Error(programName + '.wasm: HTTP ' + resp.status);
    // Count the bytes for the progress bar as they stream into the compiler.
    // A compressed answer (serve.py's .br/.gz copies) gives the compressed length while the
    // stream counts decompressed bytes: then the bar only moves at the end.
    var total = resp.headers.get('Content-Encoding') ? 0 : Number(resp.headers.get('Content-Length')) || 0;
    var loaded = 0;
    var reader = resp.body.getReader();
    var counted = new ReadableStream({
      pull: function (controller) {
        return reader.read().then(function (r) {
          if (r.done) { controller.close(); return; }
          loaded += r.value.byteLength;
          if (total) progress(0.9 * Math.min(1, loaded / total));
          controller.enqueue(r.value);
        });
      }
    });
    return WebAssembly.compileStreaming(new Response(counted, { headers: { 'Content-Type': 'application/wasm' } }));
  });
  var programFailed = false;
  program.catch(function (err) {
    if (programFailed) return;
    programFailed = true;
    // A browser too old for the WebAssembly features the program uses (exception handling:
    // Chrome 95, Firefox 100, Safari 15.2) cannot compile it; the connection is not the problem.
    if (err instanceof WebAssembly.CompileError) {
      showError('This browser is too old to run SafetyNet. Please update it, or use a current version of Chrome, Edge, Firefox or Safari.',
                'Este navegador es demasiado antiguo para SafetyNet. Actualícelo o use una versión actual de Chrome, Edge, Firefox o Safari.');
      return;
    }
    showLoadError(err.message);
  });

  // The WebGL2 context SafetyNet draws with, made now: creating one takes the browser tens of
  // milliseconds (more on a first start), which overlap the download. The program's request for a
  // context on this canvas (web/main.cpp) then returns this one, so these attributes are the
  // app's: an opaque canvas (the UI paints every pixel), no depth or stencil buffer (Dear ImGui
  // uses neither), no multisampling (its shapes are anti-aliased in the mesh); and the canvas
  // keeps its pixels between frames, so a frame repaints only what changed (web/main.cpp, paint:
  // issue 16, a tap's paint in software WebGL is the pixels it shades).
  var gl = canvas.getContext('webgl2', {
    alpha: false, depth: false, stencil: false, antialias: false,
    premultipliedAlpha: true, preserveDrawingBuffer: true, powerPreference: 'default'
  });
  if (!gl) {
    programFailed = true;
    if (download) download.abort();
    showError('This browser could not start WebGL 2, which SafetyNet needs to draw its screens. Please use a current browser, or turn on hardware acceleration.',
              'Este navegador no pudo iniciar WebGL 2, que SafetyNet necesita para mostrar sus pantallas. Use un navegador actual o active la aceleración por hardware.');
    return;
  }

  window.Module = {
    canvas: canvas,
    print: function (t) { console.log(t); },
    printErr: function (t) { console.warn(t); },
    showError: function (msg) { showError(msg); },
    onAbort: function (what) {
      showError('SafetyNet stopped unexpectedly (' + what + '). Please reload the page.',
                'SafetyNet se detuvo inesperadamente (' + what + '). Vuelva a cargar la página.');
    },
    onFirstFrame: function () {
      progress(1);
      loading.classList.add('done');
      reportBuild();
      registerServiceWorker();
    },
    // The program compiled above, instantiated with the imports safetynet.js provides.
    instantiateWasm: function (imports, receiveInstance) {
      program.then(function (module) {
        return WebAssembly.instantiate(module, imports).then(function (instance) {
          progress(0.95);
          receiveInstance(instance, module);
        }, function (err) { showLoadError(err.message); });
      }, function () { /* shown above */ });
      return {};
    }
  };

  // ---------------------------------------------------------------- offline and updates
  // The service worker (sw.js) caches the app for offline use. A new version installs in the
  // background and waits; it is applied when SafetyNet next starts (here, before the program
  // loads), never in the middle of a session.
  function notice(key, args) {
    if (!window.Module || !Module.calledRun) return;
    Module.ccall('safetynet_show_notice', null, ['string', 'string'], [key, JSON.stringify(args || {})]);
    if (Module.safetynetWake) Module.safetynetWake();  // the frame loop may be asleep (main_loop.hpp)
  }
  function applyWaitingUpdate() {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return Promise.resolve();
    return navigator.serviceWorker.getRegistration().then(function (reg) {
      if (!reg || !reg.waiting || !navigator.serviceWorker.controller) return;
      return new Promise(function (resolve) {
        navigator.serviceWorker.addEventListener('controllerchange', function () { location.reload(); });
        reg.waiting.postMessage({ type: 'skip-waiting' });
        setTimeout(resolve, 5000);  // if the switch does not happen, start the version we have
      });
    }).catch(function () {});
  }
  function registerServiceWorker() {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
    // "installed" while another worker controls this page: an update waits for the next start.
    function watch(worker) {
      if (!worker) return;
      if (worker.state === 'installed' && navigator.serviceWorker.controller) { notice('notice.update_ready'); return; }
      worker.addEventListener('statechange', function () {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) notice('notice.update_ready');
      });
    }
    navigator.serviceWorker.register('sw.js', { updateViaCache: 'none' }).then(function (reg) {
      // The browser may have found the update while the program was loading.
      watch(reg.waiting || reg.installing);
      reg.addEventListener('updatefound', function () { watch(reg.installing); });
      // register() does not re-check an existing registration; ask for the server's sw.js.
      if (reg.active) reg.update().catch(function () {});  // offline: nothing to do
    }).catch(function (e) { console.warn('service worker not registered: ' + e.message); });
  }
  // Which build is running, compared with the one that ran last time on this device: the
  // build id is the only thing SafetyNet keeps in localStorage, and it is not about anyone.
  function reportBuild() {
    fetch('build.json', { cache: 'no-cache' }).then(function (r) { return r.ok ? r.json() : null; }).then(function (b) {
      if (!b || !b.build) return;
      var last = null;
      try { last = localStorage.getItem('safetynet.build'); localStorage.setItem('safetynet.build', b.build); } catch (e) {}
      if (last && last !== b.build) notice('notice.updated', { version: b.version });
    }).catch(function () {});
  }

  // A waiting update reloads the page before the program starts; the download begun above is
  // then simply dropped.
  applyWaitingUpdate().then(function () {
    var script = document.createElement('script');
    script.src = programName + '.js';
    script.async = true;
    script.onerror = function () { showLoadError(programName + '.js'); };
    document.body.appendChild(script);
  });
})();
