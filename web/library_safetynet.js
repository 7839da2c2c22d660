// The browser half of web/web_platform.cpp and web/main.cpp, linked with --js-library.
// Only same-origin static files are ever fetched and nothing is ever sent: storage is this
// browser's IndexedDB, files go out as downloads and come in through a file picker.
var LibrarySafetyNet = {
  // Draw on demand (issue 16; web/main_loop.hpp): the frame loop sleeps when a frame finds
  // nothing to paint, and wakes here.
  $SNLoop__deps: ['$Browser'],
  $SNLoop: {
    asleep: false,
    timer: 0,
    polls: 0,  // times the program was asked while asleep (the test surface: a stretch at rest)
    installed: false,
    // What a person does or sees change wakes the loop at once: the next animation frame reads
    // the input web/imgui_platform.cpp has queued and paints.
    install: function () {
      if (SNLoop.installed) return;
      SNLoop.installed = true;
      var opts = { capture: true, passive: true };
      ['pointerdown', 'pointermove', 'pointerup', 'pointercancel', 'mousedown', 'mousemove', 'mouseup', 'wheel',
       'touchstart', 'touchmove', 'touchend', 'touchcancel', 'keydown', 'keyup', 'keypress',
       'resize', 'focus', 'blur', 'orientationchange'].forEach(function (type) {
        window.addEventListener(type, SNLoop.wake, opts);
      });
      document.addEventListener('visibilitychange', SNLoop.wake, opts);
      // The page's own calls into the program (loader.js notices, the DOM mirror) wake it too.
      Module.safetynetWake = SNLoop.wake;
      Module.safetynetAsleep = function () { return SNLoop.asleep; };
      Module.safetynetPolls = function () { return SNLoop.polls; };
    },
    // Every wake-up paints at least one frame: input settles in the program (main.cpp), and
    // whatever else woke it (a reply, a notice, the tab shown again) may have changed the screen.
    wake: function () {
      Module._safetynet_request_frame();
      if (!SNLoop.asleep) return;
      SNLoop.asleep = false;
      clearTimeout(SNLoop.timer);
      Browser.mainLoop.resume();
    },
    // While asleep, at the moment the program gave: is its timer due? A call into the program,
    // not a frame; if not yet (a timer fired a little early, or the app's moment moved), sleep
    // on for as long as it says.
    poll: function () {
      if (!SNLoop.asleep) return;
      ++SNLoop.polls;
      var seconds = Module._safetynet_seconds_until_due();
      if (seconds <= 0) SNLoop.wake();
      else SNLoop.timer = setTimeout(SNLoop.poll, seconds * 1000);
    },
  },

  safetynet_js_sleep__deps: ['$SNLoop'],
  safetynet_js_sleep: function (seconds) {
    SNLoop.install();
    SNLoop.asleep = true;
    clearTimeout(SNLoop.timer);
    SNLoop.timer = setTimeout(SNLoop.poll, seconds * 1000);
  },

  // The mouse cursor ImGui asks for (web/imgui_platform.cpp), as a CSS cursor on the canvas.
  safetynet_js_set_cursor: function (cursorPtr) {
    if (Module.canvas) Module.canvas.style.cursor = UTF8ToString(cursorPtr);
  },

  safetynet_js_page_hidden: function () {
    return document.visibilityState === 'hidden' ? 1 : 0;
  },

  $SN__deps: ['$SNLoop'],
  $SN: {
    // Hands bytes (a Uint8Array, or null) to the program: safetynet_async_done(request, ...)
    // takes ownership of the malloc()ed copy.
    reply: function (request, bytes, ok) {
      var ptr = 0, size = 0;
      if (bytes && bytes.length) {
        size = bytes.length;
        ptr = Module._malloc(size);
        HEAPU8.set(bytes, ptr);
      }
      Module._safetynet_async_done(request, ptr, size, ok ? 1 : 0);
      SNLoop.wake();  // what came in may change the screen
    },
    utf8: function (s) { return new TextEncoder().encode(s); },
    copy: function (ptr, size) { return HEAPU8.slice(ptr, ptr + size); },

    // One IndexedDB database, one object store of opaque blobs. The program only ever stores
    // ciphertext in it.
    dbPromise: null,
    db: function () {
      if (!SN.dbPromise) {
        SN.dbPromise = new Promise(function (resolve, reject) {
          var open = indexedDB.open('safetynet', 1);
          open.onupgradeneeded = function () { open.result.createObjectStore('blobs'); };
          open.onsuccess = function () { resolve(open.result); };
          open.onerror = function () { reject(open.error); };
        });
      }
      return SN.dbPromise;
    },
    // Runs fn(store) in a transaction and replies when the transaction has committed, so a
    // reported success is durable (an IndexedDB transaction is atomic).
    tx: function (mode, request, fn) {
      SN.db().then(function (db) {
        var t = db.transaction('blobs', mode, { durability: 'strict' });
        var result = null;
        fn(t.objectStore('blobs'), function (r) { result = r; });
        t.oncomplete = function () { SN.reply(request, result, true); };
        t.onerror = t.onabort = function () { SN.reply(request, null, false); };
      }).catch(function () { SN.reply(request, null, false); });
    },
  },

  safetynet_js_fetch__deps: ['$SN'],
  safetynet_js_fetch: function (pathPtr, request) {
    var path = UTF8ToString(pathPtr);
    // A relative path under the app's own origin; refuse anything that could leave it.
    if (/^[a-z]+:|^\/\//i.test(path) || path.indexOf('..') !== -1) {
      console.error('safetynet: refusing to fetch ' + path);
      setTimeout(function () { SN.reply(request, null, false); }, 0);
      return;
    }
    fetch(path, { credentials: 'same-origin', cache: 'no-cache' })
      .then(function (r) { return r.ok ? r.arrayBuffer() : null; })
      .catch(function () { return null; })
      .then(function (buf) { SN.reply(request, buf ? new Uint8Array(buf) : null, !!buf); });
  },

  safetynet_js_storage_put__deps: ['$SN'],
  safetynet_js_storage_put: function (keyPtr, bytesPtr, size, request) {
    var key = UTF8ToString(keyPtr), bytes = SN.copy(bytesPtr, size);
    SN.tx('readwrite', request, function (store) { store.put(bytes, key); });
  },

  safetynet_js_storage_get__deps: ['$SN'],
  safetynet_js_storage_get: function (keyPtr, request) {
    var key = UTF8ToString(keyPtr);
    SN.db().then(function (db) {
      var get = db.transaction('blobs', 'readonly').objectStore('blobs').get(key);
      get.onsuccess = function () {
        var v = get.result;
        SN.reply(request, v ? new Uint8Array(v) : null, v !== undefined);
      };
      get.onerror = function () { SN.reply(request, null, false); };
    }).catch(function () { SN.reply(request, null, false); });
  },

  safetynet_js_storage_remove__deps: ['$SN'],
  safetynet_js_storage_remove: function (keyPtr, request) {
    var key = UTF8ToString(keyPtr);
    SN.tx('readwrite', request, function (store) { store.delete(key); });
  },

  safetynet_js_storage_keys__deps: ['$SN'],
  safetynet_js_storage_keys: function (prefixPtr, request) {
    var prefix = UTF8ToString(prefixPtr);
    SN.db().then(function (db) {
      var range = IDBKeyRange.bound(prefix, prefix + '\uffff');
      var req = db.transaction('blobs', 'readonly').objectStore('blobs').getAllKeys(range);
      req.onsuccess = function () { SN.reply(request, SN.utf8(JSON.stringify(req.result)), true); };
      req.onerror = function () { SN.reply(request, null, false); };
    }).catch(function () { SN.reply(request, null, false); });
  },

  safetynet_js_save_file__deps: ['$SN'],
  safetynet_js_save_file: function (namePtr, bytesPtr, size, mimePtr) {
    var blob = new Blob([SN.copy(bytesPtr, size)], { type: UTF8ToString(mimePtr) });
    // A hidden link, clicked and taken out of the page at once: left in for the URL's lifetime
    // it was a nameless link in the accessibility tree (axe: link-name).
    var a = document.createElement('a');
    var url = URL.createObjectURL(blob);
    a.href = url;
    a.download = UTF8ToString(namePtr);
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  },

  safetynet_js_pick_files__deps: ['$SN'],
  safetynet_js_pick_files: function (acceptPtr, multiple, request) {
    var input = document.createElement('input');
    input.type = 'file';
    input.accept = UTF8ToString(acceptPtr);
    input.multiple = !!multiple;
    input.style.display = 'none';
    var answered = false;
    function finish(parts) {
      if (answered) return;
      answered = true;
      input.remove();
      var total = 0;
      parts.forEach(function (p) { total += p.length; });
      var out = new Uint8Array(total), at = 0;
      parts.forEach(function (p) { out.set(p, at); at += p.length; });
      SN.reply(request, out, true);
    }
    input.addEventListener('cancel', function () { finish([]); });
    input.addEventListener('change', function () {
      var files = Array.prototype.slice.call(input.files || []);
      Promise.all(files.map(function (f) { return f.arrayBuffer(); })).then(function (bufs) {
        var parts = [];
        files.forEach(function (f, i) {  // [u32 name size][name][u32 data size][data], little-endian
          var name = SN.utf8(f.name), data = new Uint8Array(bufs[i]), len = new DataView(new ArrayBuffer(4));
          len.setUint32(0, name.length, true); parts.push(new Uint8Array(len.buffer.slice(0)));
          parts.push(name);
          len.setUint32(0, data.length, true); parts.push(new Uint8Array(len.buffer.slice(0)));
          parts.push(data);
        });
        finish(parts);
      }).catch(function () { finish([]); });
    });
    document.body.appendChild(input);
    input.click();
  },

  // Printing: the document is laid out as plain HTML in #print (shown only by @media print in
  // shell.css), printed, and removed again, so nothing printed stays in the page.
  safetynet_js_print: function (docPtr) {
    var doc = JSON.parse(UTF8ToString(docPtr));
    var root = document.getElementById('print');
    function el(tag, text, cls) {
      var e = document.createElement(tag);
      if (text) e.textContent = text;
      if (cls) e.className = cls;
      return e;
    }
    root.textContent = '';
    root.lang = doc.lang || 'en';
    root.appendChild(el('h1', doc.title));
    if (doc.intro) root.appendChild(el('p', doc.intro, 'intro'));
    (doc.sections || []).forEach(function (s) {
      var sec = el('section');
      sec.appendChild(el('h2', s.heading));
      (s.entries || []).forEach(function (e) {
        var div = el('div', null, 'entry');
        div.appendChild(el('h3', e.title));
        (e.lines || []).forEach(function (l) { div.appendChild(el('p', l)); });
        sec.appendChild(div);
      });
      root.appendChild(sec);
    });
    if (doc.footer) root.appendChild(el('p', doc.footer, 'footer'));
    function clear() { root.textContent = ''; window.removeEventListener('afterprint', clear); }
    window.addEventListener('afterprint', clear);
    setTimeout(function () { window.print(); setTimeout(clear, 60000); }, 0);
  },

  safetynet_js_speech_available: function () {
    return (typeof speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined') ? 1 : 0;
  },

  // Reads `text` in a voice for `lang`: one whose language tag is `lang` (es-MX for es-MX), else
  // one of the same language (BCP 47's primary subtag: es-ES or es-US for es-MX, zh-CN for
  // zh-Hans). Where the device lists its voices and none speaks the language, it says nothing and
  // returns 0 (the app says so) rather than reading in another language's voice. An empty list
  // (voices not loaded yet, or a browser that does not list them) leaves the choice to the
  // browser by u.lang.
  safetynet_js_speak: function (textPtr, langPtr) {
    if (typeof speechSynthesis === 'undefined') return 0;
    var lang = UTF8ToString(langPtr);
    var want = lang.toLowerCase(), primary = want.split('-')[0];
    var voices = speechSynthesis.getVoices() || [];
    var exact = null, same = null;
    for (var i = 0; i < voices.length; i++) {
      var tag = String(voices[i].lang || '').toLowerCase().replace('_', '-');
      if (tag === want) { exact = voices[i]; break; }
      if (!same && tag.split('-')[0] === primary) same = voices[i];
    }
    var voice = exact || same;
    if (!voice && voices.length) return 0;
    var u = new SpeechSynthesisUtterance(UTF8ToString(textPtr));
    u.lang = lang;
    if (voice) u.voice = voice;
    speechSynthesis.cancel();
    speechSynthesis.speak(u);
    return 1;
  },

  safetynet_js_stop_speaking: function () {
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
  },

  // The URL's #fragment names the mode (#kiosk, #clinic, #org); written into `out` (size n).
  safetynet_js_url_mode: function (out, n) {
    var mode = (location.hash || '').replace(/^#/, '').toLowerCase();
    if (!/^(kiosk|clinic|org)$/.test(mode)) mode = '';
    stringToUTF8(mode, out, n);
  },
  // The language the page was opened in (?lang=, a BCP 47 tag), or ''.
  safetynet_js_url_lang: function (out, n) {
    var lang = new URLSearchParams(location.search).get('lang') || '';
    if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang)) lang = '';
    stringToUTF8(lang, out, n);
  },
  // Seconds to add to UTC for the device's local time now (JavaScript counts the other way).
  safetynet_js_utc_offset: function () {
    return -new Date().getTimezoneOffset() * 60;
  },

  // The first frame is on screen: the page is interactive. The startup benchmark reads
  // window.__interactive_ms (navigation start -> first interactive frame), as it does for
  // LHC-Forms.
  safetynet_js_first_frame: function () {
    if (typeof window.__interactive_ms === 'undefined') window.__interactive_ms = performance.now();
    if (Module.onFirstFrame) Module.onFirstFrame();
  },

  // The kiosk program was asked (by assets/site.json) for a staff mode it does not carry:
  // name the mode in the URL; loader.js then starts the staff program (safetynet-staff.wasm).
  safetynet_js_start_staff_program: function (modePtr) {
    location.replace('#' + UTF8ToString(modePtr));
  },
  // A right-to-left language chosen in the kiosk program: the page starts again in it, and
  // loader.js picks the program with the text shaper (safetynet-rtl.wasm).
  safetynet_js_start_rtl_program: function (langPtr) {
    var url = new URL(location.href);
    url.searchParams.set('lang', UTF8ToString(langPtr));
    location.replace(url.toString());
  },

  // A site's own form with FHIRPath expressions, which the kiosk program does not run: the page
  // starts again and loader.js picks the kiosk program that runs them (safetynet-rtl.wasm, which
  // carries the FHIRPath engine as well as the text shaper).
  safetynet_js_start_expressions_program: function () {
    var url = new URL(location.href);
    url.searchParams.set('forms', 'expressions');
    location.replace(url.toString());
  },

  // The semantic tree changed (web/dom_mirror.cpp): the DOM mirror (web/mirror.js) catches up.
  safetynet_js_a11y_frame: function (revision, scrollRevision, announcements, focusRequest) {
    if (Module.a11yFrame) Module.a11yFrame(revision, scrollRevision, announcements, focusRequest);
  },

  safetynet_js_fatal: function (msgPtr) {
    if (Module.showError) Module.showError(UTF8ToString(msgPtr));
  },
};
mergeInto(LibraryManager.library, LibrarySafetyNet);
