// Starts SafetyNet: checks the browser can run it, shows download progress, explains any
// failure in plain words (English and Spanish), and hides the loading panel at the first frame.
// No inline script anywhere: the Content-Security-Policy allows only the app's own files.
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

  window.Module = {
    canvas: canvas,
    print: function (t) { console.log(t); },
    printErr: function (t) { console.warn(t); },
    showError: function (msg) { showError(msg); },
    onAbort: function (what) {
      showError('SafetyNet stopped unexpectedly (' + what + '). Please reload the page.',
                'SafetyNet se detuvo inesperadamente (' + what + '). Vuelva a cargar la página.');
    },
    onFirstFrame: function () { progress(1); loading.classList.add('done'); canvas.focus(); },
    // Stream-compile the wasm while counting its bytes for the progress bar.
    instantiateWasm: function (imports, receiveInstance) {
      fetch('safetynet.wasm', { credentials: 'same-origin' }).then(function (resp) {
        if (!resp.ok) throw new Error('safetynet.wasm: HTTP ' + resp.status);
        var total = Number(resp.headers.get('Content-Length')) || 0;
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
        return WebAssembly.instantiateStreaming(
          new Response(counted, { headers: { 'Content-Type': 'application/wasm' } }), imports);
      }).then(function (result) {
        progress(0.95);
        receiveInstance(result.instance, result.module);
      }).catch(function (err) {
        showError('SafetyNet could not be loaded: ' + err.message + '. Check the connection and reload the page.',
                  'No se pudo cargar SafetyNet: ' + err.message + '. Revise la conexión y vuelva a cargar la página.');
      });
      return {};
    }
  };

  var script = document.createElement('script');
  script.src = 'safetynet.js';
  script.async = true;
  script.onerror = function () {
    showError('SafetyNet could not be loaded (safetynet.js). Check the connection and reload the page.',
              'No se pudo cargar SafetyNet (safetynet.js). Revise la conexión y vuelva a cargar la página.');
  };
  document.body.appendChild(script);
})();
