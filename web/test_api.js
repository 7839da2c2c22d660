// window.safetynet: what end-to-end tests (and curious staff in the console) can observe.
// Read-only by design: it reports the version, the screen, the language and where each named
// widget is drawn, so a test clicks that rectangle with a real pointer, as a person would.
// There is no way here to answer a question, change a screen or read a secret.
(function () {
  'use strict';
  function call(name, args) {
    var M = window.Module;
    if (!M || !M.calledRun) return null;
    var types = (args || []).map(function () { return 'string'; });
    return M.ccall(name, 'string', types, args || []);
  }
  function json(name, args) { var s = call(name, args); return s === null ? null : JSON.parse(s); }
  window.safetynet = Object.freeze({
    ready: function () { return typeof window.__interactive_ms !== 'undefined'; },
    version: function () { return call('safetynet_version'); },
    state: function () { return json('safetynet_state'); },
    widget: function (name) { return json('safetynet_widget', [String(name)]); },
    widgets: function () { return json('safetynet_widgets'); },
    // Frames painted so far: the loop draws only on demand (web/main_loop.hpp).
    frames: function () { var M = window.Module; return M && M.calledRun ? M.ccall('safetynet_frames_painted', 'number', [], []) : null; },
    // The last frames drawn: vertex counts, canvas size, and the part of the screen each shaded
    // again ("shaded", 0..1; 0: nothing changed, nothing painted).
    frameLog: function () { return json('safetynet_frame_log'); },
    asleep: function () { var M = window.Module; return !!(M && M.safetynetAsleep && M.safetynetAsleep()); },
    // How often the sleeping loop has asked the program whether a timer is due (4 times a
    // second): a stretch at rest a test can wait for without a fixed wait.
    polls: function () { var M = window.Module; return M && M.safetynetPolls ? M.safetynetPolls() : 0; },
    core: Object.freeze({
      languages: function () { return json('safetynet_languages'); }
    })
  });
})();
