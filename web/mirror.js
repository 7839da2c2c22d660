// The DOM mirror: the app's semantic tree (ui/shell/semantic_tree.hpp, as JSON from
// web/dom_mirror.cpp) as real HTML elements with WAI-ARIA roles, each placed exactly over the
// widget the canvas draws, so screen readers, switch access, voice control and browser tests find
// every control by its role and name. Flutter's web semantics and AccessKit do the same.
//
//   * Updated only when the tree changed (the app calls Module.a11yFrame after such a frame);
//     elements are kept by id and changed in place, in reading order.
//   * Invisible (opacity 0) but present: the canvas shows them. They let pointer events through
//     to the canvas, except text fields and choices, which are real <input>, <textarea> and
//     <select> elements: a tap focuses them natively, so on-screen keyboards, IME composition,
//     dictation, paste and the platform's picker all work. A field shows itself (opaque, over
//     the drawn one) only while it has the focus, and its value is emptied when it loses it.
//   * The keyboard focus is shared: Tab moves it natively through these elements; a focus here
//     becomes the app's focus (its ring on the canvas), and the app's focus moves come here.
//     Enter and Space press buttons; arrows move within radio groups, tab lists and sliders
//     (WAI-ARIA APG). Keys meant for a control never reach the canvas, others (digits for the
//     number pad, Escape for dialogs) still do.
//   * Areas (the app's scrolling parts) scroll with the app, and a scroll here (a screen reader
//     or a browser bringing an element into view) scrolls the app.
//   * Announcements go to a polite and an assertive live region. <html lang dir> follow the app.
(function () {
  'use strict';
  var STATE = { checked: 1, selected: 2, disabled: 4, expanded: 8, collapsed: 16, invalid: 32, required: 64,
                pressed: 128, notPressed: 256, modal: 512, readonly: 1024 };
  var GROUP_ROLES = { area: 1, group: 1, radiogroup: 1, region: 1, banner: 1, main: 1, navigation: 1, dialog: 1,
                      alertdialog: 1, list: 1, listitem: 1, tablist: 1, table: 1, row: 1 };
  var M = null;              // the Emscripten module
  var root = null;           // the mirror's container, after the canvas
  var polite = null, assertive = null;
  var byId = new Map();      // node id -> { el, node, key }
  var revision = -1, scrollRevision = -1;
  var programmatic = null;   // the id we are focusing ourselves, and whether its ring shows
  var rebuilding = false;
  var editing = null;        // the text field whose <input> is open
  var lastFocusVisible = true;  // whether the app shows its ring on the current focus
  var focusMoved = false;    // the focus moved since the app last drew: the browser's own scroll
                             // to it is ignored (the app scrolls it into view itself)

  function call(name, args, types) { return M.ccall(name, 'string', types || (args || []).map(function () { return 'string'; }), args || []); }
  function take(name, args) {
    var text = call(name, args);
    M.ccall('safetynet_a11y_wipe_reply', null, [], []);
    return text;
  }
  // An action from the page (a screen reader's press, a typed character) changes the app's
  // state: wake the frame loop, which sleeps while nothing happens (web/main_loop.hpp).
  function send(name, types, args) {
    M.ccall(name, null, types, args);
    if (M.safetynetWake) M.safetynetWake();
  }

  // ------------------------------------------------------------------------------- elements
  function create(n) {
    var el;
    switch (n.r) {
      case 'heading': el = document.createElement('h' + Math.min(6, Math.max(1, n.h || 2))); break;
      case 'paragraph': el = document.createElement('p'); break;
      case 'button': case 'tab': el = document.createElement('button'); el.type = 'button'; break;
      case 'textbox':
        el = document.createElement(n.k === 'multiline' ? 'textarea' : 'input');
        setupInput(el, n.k);
        break;
      case 'combobox': el = document.createElement('select'); break;
      default: el = document.createElement('div');
    }
    el.className = GROUP_ROLES[n.r] ? 'sn-box' : 'sn-leaf';
    if (n.r === 'area') el.className = 'sn-area';
    el.dataset.id = n.i;
    return el;
  }

  // A text field's keyboard: the on-screen keyboard that fits, no autofill of what a person
  // typed before (this may be a shared kiosk), passphrases hidden and never remembered.
  function setupInput(el, kind) {
    el.setAttribute('autocomplete', 'off');
    if (kind === 'password') { el.type = 'password'; el.spellcheck = false; el.setAttribute('autocapitalize', 'off'); }
    else if (kind === 'digits') { el.type = 'text'; el.inputMode = 'numeric'; el.setAttribute('pattern', '[0-9]*'); el.spellcheck = false; }
    else if (kind === 'decimal') { el.type = 'text'; el.inputMode = 'decimal'; el.spellcheck = false; }
    else if (kind === 'email') { el.type = 'email'; el.spellcheck = false; el.setAttribute('autocapitalize', 'off'); }
    else if (kind === 'phone') { el.type = 'tel'; }
    else if (kind === 'date') { el.type = 'text'; el.inputMode = 'numeric'; el.placeholder = 'YYYY-MM-DD'; el.spellcheck = false; }
    else if (el.tagName === 'INPUT') { el.type = 'text'; }
  }

  function attr(el, name, value) {
    if (value === null || value === undefined || value === false) { if (el.hasAttribute(name)) el.removeAttribute(name); }
    else if (el.getAttribute(name) !== String(value)) el.setAttribute(name, String(value));
  }

  function has(n, bit) { return ((n.s || 0) & bit) !== 0; }

  // Role, name, states and value: what assistive technology reads.
  function describe(el, n) {
    // Elements whose tag already says the role; the rest are <div>s with an ARIA role.
    var nativeRole = { heading: 1, paragraph: 1, button: 1, textbox: 1, combobox: 1 };
    attr(el, 'role', n.r === 'area' || nativeRole[n.r] ? null : n.r);
    attr(el, 'lang', n.l || null);
    var text = n.n || '';
    if (n.r === 'heading' || n.r === 'paragraph' || n.r === 'cell' || n.r === 'columnheader') {
      if (el.textContent !== text) el.textContent = text;
    } else if (n.r === 'button' || n.r === 'tab') {
      if (el.textContent !== text) el.textContent = text;
    } else if (n.r !== 'area') {
      attr(el, 'aria-label', text || null);
    }
    attr(el, 'aria-description', n.d || null);
    var disabled = has(n, STATE.disabled);
    if (el.tagName === 'BUTTON' || el.tagName === 'SELECT' || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') el.disabled = disabled;
    else attr(el, 'aria-disabled', disabled ? 'true' : null);
    attr(el, 'aria-checked', n.r === 'radio' || n.r === 'checkbox' ? (has(n, STATE.checked) ? 'true' : 'false') : null);
    attr(el, 'aria-selected', n.r === 'tab' ? (has(n, STATE.selected) ? 'true' : 'false') : null);
    attr(el, 'aria-pressed', has(n, STATE.pressed) ? 'true' : has(n, STATE.notPressed) ? 'false' : null);
    attr(el, 'aria-expanded', has(n, STATE.expanded) ? 'true' : has(n, STATE.collapsed) ? 'false' : null);
    attr(el, 'aria-invalid', has(n, STATE.invalid) ? 'true' : null);
    attr(el, 'aria-required', has(n, STATE.required) ? 'true' : null);
    attr(el, 'aria-modal', has(n, STATE.modal) ? 'true' : null);
    if (n.ps && (n.r === 'radio' || n.r === 'listitem')) { attr(el, 'aria-posinset', n.ps[0]); attr(el, 'aria-setsize', n.ps[1]); }
    if (n.r === 'slider' || n.r === 'progressbar') {
      attr(el, 'aria-valuenow', n.v[0]); attr(el, 'aria-valuemin', n.v[1]); attr(el, 'aria-valuemax', n.v[2]);
      attr(el, 'aria-valuetext', n.t || null);
    }
    if (n.r === 'combobox') syncOptions(el, n);
    // Keyboard stops: buttons and fields natively; radios roving (below); others by role.
    if (n.r === 'checkbox' || n.r === 'slider') attr(el, 'tabindex', disabled ? null : '0');
    if (n.r === 'heading' && n.h === 1) attr(el, 'tabindex', '-1');  // where the focus goes on a new screen
    if (n.r === 'textbox') {
      el.style.fontSize = (n.f || 16) + 'px';
      el.readOnly = has(n, STATE.readonly);
    }
    // Group names: a dialog, a radio group, a region are named by their title.
    if (GROUP_ROLES[n.r] && n.r !== 'area' && n.n) attr(el, 'aria-label', n.n);
  }

  function syncOptions(el, n) {
    var opts = n.o || [];
    var same = el.options.length === opts.length;
    for (var i = 0; same && i < opts.length; i++) same = el.options[i].text === opts[i];
    if (!same) {
      el.textContent = '';
      opts.forEach(function (o, k) { var op = document.createElement('option'); op.text = o; op.value = String(k); el.appendChild(op); });
    }
    var index = Math.round(n.v ? n.v[0] : 0);
    if (el.selectedIndex !== index) el.selectedIndex = index;
  }

  // Where the element goes: its bounds, relative to its parent element's box. Nodes of one area
  // share its content coordinates, so a child is placed at its bounds less its parent group's.
  function place(el, n, parent) {
    var ox = 0, oy = 0;
    if (parent && parent.r !== 'area') { ox = parent.b[0]; oy = parent.b[1]; }
    var s = el.style;
    var left = (n.b[0] - ox) + 'px', top = (n.b[1] - oy) + 'px', w = Math.max(0, n.b[2]) + 'px', h = Math.max(0, n.b[3]) + 'px';
    if (s.left !== left) s.left = left;
    if (s.top !== top) s.top = top;
    if (s.width !== w) s.width = w;
    if (s.height !== h) s.height = h;
  }

  // The roving tab stop of each radio group and tab list: the checked (selected) one, else the first.
  function rovingStops(nodes) {
    var groups = new Map();
    nodes.forEach(function (n, i) {
      if (n.r !== 'radio' && n.r !== 'tab') return;
      var g = groups.get(n.p) || { first: i, on: -1 };
      if ((n.r === 'radio' && has(n, STATE.checked)) || (n.r === 'tab' && has(n, STATE.selected))) g.on = i;
      groups.set(n.p, g);
    });
    var stops = new Set();
    groups.forEach(function (g) { stops.add(g.on >= 0 ? g.on : g.first); });
    return stops;
  }

  function rebuild() {
    var text = take('safetynet_a11y_tree');
    var tree = JSON.parse(text);
    text = null;
    if (!tree) return;
    // The focused element, if this rebuild moves it (insertBefore takes a node out of the page
    // for a moment, which blurs it), gets the focus back below: a keyboard user keeps their place.
    var focused = root.contains(document.activeElement) && document.activeElement !== root ? document.activeElement : null;
    rebuilding = true;
    if (tree.lang && document.documentElement.lang !== tree.lang) document.documentElement.lang = tree.lang;
    if (tree.dir && document.documentElement.dir !== tree.dir) document.documentElement.dir = tree.dir;
    var nodes = tree.nodes, seen = new Set(), els = [];
    var stops = rovingStops(nodes);
    var modal = -1;
    nodes.forEach(function (n, i) { if (has(n, STATE.modal)) modal = i; });
    for (var i = 0; i < nodes.length; i++) {
      var n = nodes[i];
      var entry = byId.get(n.i);
      var tag = entry && entry.node.r === n.r && entry.node.k === n.k ? entry.el : null;
      if (!tag) {
        if (entry) retire(entry);
        tag = create(n);
        entry = { el: tag, node: n };
        byId.set(n.i, entry);
      }
      entry.node = n;
      seen.add(n.i);
      els.push(tag);
      var parent = n.p >= 0 ? nodes[n.p] : null;
      describe(tag, n);
      place(tag, n, parent);
      if (n.r === 'radio' || n.r === 'tab') {
        if (n.r === 'tab') attr(tag, 'tabindex', stops.has(i) ? null : '-1');
        else attr(tag, 'tabindex', stops.has(i) && !has(n, STATE.disabled) ? '0' : '-1');
      }
      // In reading order, under its parent (after an area's sizer).
      var container = n.p >= 0 ? els[n.p] : root;
      var prev = null;
      for (var j = i - 1; j > n.p; j--) if (nodes[j].p === n.p) { prev = els[j]; break; }
      if (!prev && n.p >= 0) prev = byId.get(nodes[n.p].i).sizer || null;
      if (tag.parentNode !== container || tag.previousSibling !== prev)
        container.insertBefore(tag, prev ? prev.nextSibling : container.firstChild);
    }
    // While a modal dialog is open, everything outside it is inert (no focus, not read).
    applyInert(nodes, els, modal);
    byId.forEach(function (entry, id) { if (!seen.has(id)) { retire(entry); byId.delete(id); } });
    rebuilding = false;
    if (focused && focused.isConnected && document.activeElement !== focused && !focused.closest('[inert]')) {
      programmatic = { id: idOf(focused), visible: lastFocusVisible, restore: true };
      focused.focus({ preventScroll: true });
    }
  }

  function isAncestorOf(nodes, a, b) { for (var p = b; p >= 0; p = nodes[p].p) if (p === a) return true; return false; }

  // The siblings of the dialog and of each of its ancestors become inert.
  function applyInert(nodes, els, modal) {
    var keep = new Set();
    for (var p = modal; p >= 0; p = nodes[p].p) keep.add(p);
    nodes.forEach(function (n, i) {
      var parentKept = n.p < 0 || keep.has(n.p);
      var inert = modal >= 0 && parentKept && !keep.has(i) && !isAncestorOf(nodes, modal, i);
      if (inert) els[i].setAttribute('inert', '');
      else if (els[i].hasAttribute('inert')) els[i].removeAttribute('inert');
    });
  }

  function retire(entry) {
    if (entry.el === editing) closeField(entry.el);
    if (entry.el.parentNode) entry.el.parentNode.removeChild(entry.el);
  }

  // ------------------------------------------------------------------------------- scrolling
  var settingScroll = false;
  function syncScrolls() {
    var list = JSON.parse(take('safetynet_a11y_scrolls'));
    settingScroll = true;
    list.forEach(function (s) {
      var e = byId.get(s[0]);
      if (!e) return;
      // The area's scrollable height: what it shows plus how far it scrolls.
      var el = e.el, sizer = e.sizer;
      if (!sizer) { sizer = e.sizer = document.createElement('div'); sizer.className = 'sn-sizer'; el.insertBefore(sizer, el.firstChild); }
      var h = (e.node.b[3] + s[2]) + 'px';
      if (sizer.style.height !== h) sizer.style.height = h;
      e.scrollY = s[1];
      if (Math.abs(el.scrollTop - s[1]) > 0.5) el.scrollTop = s[1];
    });
    settingScroll = false;
  }
  // A scroll of an area in the page: a screen reader or the browser bringing an element into view
  // scrolls the app the same way. One caused by a focus move is undone instead: the app brings the
  // focused widget into view itself, and the page follows it.
  function onScroll(ev) {
    var el = ev.target;
    if (settingScroll || rebuilding || !el.classList || !el.classList.contains('sn-area')) return;
    var e = byId.get(el.dataset.id);
    if (!e || Math.abs(el.scrollTop - (e.scrollY || 0)) <= 0.5) return;
    if (focusMoved) {
      settingScroll = true;
      el.scrollTop = e.scrollY || 0;
      settingScroll = false;
      return;
    }
    e.scrollY = el.scrollTop;
    send('safetynet_a11y_scroll', ['string', 'number'], [el.dataset.id, el.scrollTop]);
  }

  // ------------------------------------------------------------------------------- focus
  function idOf(el) {
    while (el && el !== root) { if (el.dataset && el.dataset.id) return el.dataset.id; el = el.parentNode; }
    return null;
  }
  function onFocusIn(ev) {
    var id = idOf(ev.target);
    if (!id) return;
    var visible = true, person = 1, restored = false;
    if (programmatic && programmatic.id === id) { visible = programmatic.visible; person = 0; restored = !!programmatic.restore; }
    programmatic = null;
    lastFocusVisible = visible;
    focusMoved = true;
    var e = byId.get(id);
    if (e && e.node.r === 'textbox') openField(e.el, id);
    // Put back where it was after a rebuild moved its element: the app's focus is there already,
    // and telling it again would cancel a move it asked for in the same frame (a new screen's
    // heading taking the focus from the Next button that is still there).
    if (restored) return;
    send('safetynet_a11y_focus', ['string', 'number', 'number'], [id, visible ? 1 : 0, person]);
  }
  function onFocusOut(ev) {
    var el = ev.target;
    if (el === editing) closeField(el);
    if (rebuilding) return;
    // Focus left the mirror (to the page itself): the app has no focus either.
    setTimeout(function () {
      if (!root.contains(document.activeElement)) send('safetynet_a11y_focus', ['string', 'number', 'number'], ['', 0, 0]);
    }, 0);
  }
  function carryOutFocusRequest() {
    var req = JSON.parse(take('safetynet_a11y_focus_request'));
    if (!req) return;
    var e = byId.get(req.id);
    if (!e || document.activeElement === e.el) {
      send('safetynet_a11y_focus', ['string', 'number', 'number'], [e ? req.id : '', req.visible ? 1 : 0, 0]);
      return;
    }
    programmatic = req;
    e.el.focus({ preventScroll: true });
    if (document.activeElement !== e.el) { programmatic = null; send('safetynet_a11y_focus', ['string', 'number', 'number'], ['', 0, 0]); }
  }

  // A text field opens with the app's text and closes empty: what was typed stays in the app.
  function openField(el, id) {
    if (editing && editing !== el) closeField(editing);
    editing = el;
    el.value = take('safetynet_a11y_text', [id]);
    el.classList.add('sn-editing');
  }
  function closeField(el) {
    el.value = '';
    el.classList.remove('sn-editing');
    if (editing === el) editing = null;
  }
  function onInput(ev) {
    var el = ev.target, id = idOf(el);
    if (!id || el !== editing) return;
    // During an IME composition the text is not final; it arrives with compositionend.
    if (ev.isComposing) return;
    send('safetynet_a11y_set_text', ['string', 'string'], [id, el.value]);
  }
  function onCompositionEnd(ev) { onInput({ target: ev.target, isComposing: false }); }
  function onChange(ev) {
    var el = ev.target, id = idOf(el);
    if (id && el.tagName === 'SELECT') send('safetynet_a11y_set_value', ['string', 'number'], [id, el.selectedIndex]);
  }

  // ------------------------------------------------------------------------------- activation
  function activate(id) { send('safetynet_a11y_activate', ['string'], [id]); }
  function onClick(ev) {
    var el = ev.target;
    if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return;
    var id = idOf(el);
    var e = id && byId.get(id);
    if (!e || has(e.node, STATE.disabled)) return;
    if ({ button: 1, tab: 1, radio: 1, checkbox: 1 }[e.node.r]) { ev.preventDefault(); activate(id); }
  }

  // The siblings a key moves among: the radios of a group, the tabs of a list.
  function siblingsOf(id) {
    var e = byId.get(id), out = [];
    byId.forEach(function (o) { if (o.node.p === e.node.p && o.node.r === e.node.r && !has(o.node, STATE.disabled)) out.push(o); });
    out.sort(function (a, b) { return a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1; });
    return out;
  }
  function focusables() {
    return Array.prototype.filter.call(root.querySelectorAll('button, input, textarea, select, [tabindex="0"]'), function (el) {
      return !el.disabled && !el.closest('[inert]');
    });
  }

  // Keys: a control's keys stay with it (never reaching the canvas behind); Tab is always the
  // browser's. Runs first (capture on window), before the canvas's own key handlers.
  function onKey(ev) {
    if (ev.key === 'Tab') { ev.stopPropagation(); return; }
    // Escape closes the dialog on top, wherever the focus is (the app decides what closing means).
    if (ev.key === 'Escape') {
      ev.stopPropagation();
      var modal = ev.type === 'keydown' && root.querySelector('[aria-modal="true"]');
      if (modal) activate(modal.dataset.id);
      return;
    }
    var t = ev.target;
    if (!root.contains(t) || t === root) return;
    var tag = t.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') {
      ev.stopPropagation();
      if (ev.type === 'keydown' && ev.key === 'Enter' && tag === 'INPUT' && !ev.isComposing) activate(idOf(t));
      return;
    }
    var nav = { Enter: 1, ' ': 1, ArrowUp: 1, ArrowDown: 1, ArrowLeft: 1, ArrowRight: 1, Home: 1, End: 1, PageUp: 1, PageDown: 1 };
    if (!nav[ev.key]) return;  // digits, Backspace: the app's
    // A new screen's heading holds the focus (the app moves it there): Enter there is the app's
    // (on a kiosk question it goes on, as it does with the focus nowhere).
    var held = byId.get(idOf(t));
    if (ev.key === 'Enter' && held && held.node.r === 'heading') return;
    ev.stopPropagation();
    if (ev.type !== 'keydown') return;
    var id = idOf(t), e = id && byId.get(id);
    if (!e) return;
    var r = e.node.r;
    if ((r === 'radio' || r === 'checkbox') && ev.key === ' ') { ev.preventDefault(); activate(id); return; }
    if (r === 'radio' || r === 'tab') {
      var step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[ev.key];
      var sibs = siblingsOf(id);
      var k = sibs.findIndex(function (o) { return o.el === t; });
      var to = step ? (k + step + sibs.length) % sibs.length : ev.key === 'Home' ? 0 : ev.key === 'End' ? sibs.length - 1 : -1;
      if (to >= 0 && sibs[to]) {
        ev.preventDefault();
        sibs[to].el.focus({ preventScroll: true });
        activate(sibs[to].node.i);  // arrows choose, as native radios and automatic tabs do
      }
      return;
    }
    if (r === 'slider') {
      // The left and right arrows move the thumb that way: right to left a slider runs from the
      // right (ui/shell/widgets.cpp), so there the left arrow increases it, as a range input does.
      var rtl = document.documentElement.dir === 'rtl';
      var v = e.node.v, delta = { ArrowUp: 1, ArrowRight: rtl ? -1 : 1, ArrowDown: -1, ArrowLeft: rtl ? 1 : -1, PageUp: 5, PageDown: -5 }[ev.key];
      var value = ev.key === 'Home' ? v[1] : ev.key === 'End' ? v[2] : delta ? Math.min(v[2], Math.max(v[1], v[0] + delta)) : null;
      if (value !== null) { ev.preventDefault(); send('safetynet_a11y_set_value', ['string', 'number'], [id, value]); }
      return;
    }
    // Elsewhere the up and down arrows move to the previous or next control (a kiosk's keypad).
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      var list = focusables(), at = list.indexOf(t);
      var next = list[at + (ev.key === 'ArrowDown' ? 1 : -1)];
      if (next) { ev.preventDefault(); next.focus(); }
    }
  }

  // ------------------------------------------------------------------------------- announcements
  function announce() {
    var list = JSON.parse(take('safetynet_a11y_announcements'));
    list.forEach(function (a) {
      var region = a[1] ? assertive : polite;
      // Emptied first, so the same words said twice are said twice.
      region.textContent = '';
      setTimeout(function () { region.textContent = a[0]; }, 30);
    });
    // Nothing lingers in the page once said.
    clearTimeout(announce.timer);
    announce.timer = setTimeout(function () { polite.textContent = ''; assertive.textContent = ''; }, 15000);
  }

  // ------------------------------------------------------------------------------- the frame hook
  function frame(rev, srev, ann, focusRequest) {
    var rebuilt = rev !== revision;
    if (rebuilt) { revision = rev; rebuild(); }
    if (rebuilt || srev !== scrollRevision || focusMoved) { scrollRevision = srev; syncScrolls(); }
    focusMoved = false;
    if (ann) announce();
    if (focusRequest) carryOutFocusRequest();
  }

  // The system's preferences: Windows' forced colours and "more contrast" ask for the app's
  // high-contrast theme.
  function preferences() {
    var hc = window.matchMedia && (matchMedia('(forced-colors: active)').matches || matchMedia('(prefers-contrast: more)').matches);
    send('safetynet_a11y_high_contrast', ['number'], [hc ? 1 : 0]);
  }

  function start() {
    M = window.Module;
    root = document.getElementById('a11y');
    polite = document.getElementById('a11y-polite');
    assertive = document.getElementById('a11y-assertive');
    root.addEventListener('focusin', onFocusIn);
    root.addEventListener('focusout', onFocusOut);
    root.addEventListener('click', onClick);
    root.addEventListener('input', onInput);
    root.addEventListener('compositionend', onCompositionEnd);
    root.addEventListener('change', onChange);
    root.addEventListener('scroll', onScroll, true);
    // A text field's <input> lies over the canvas and takes pointer events (a tap must reach it
    // for the on-screen keyboard); a mouse wheel over it still scrolls the app's page, as it
    // would over any field of a web form.
    root.addEventListener('wheel', function (e) {
      if (!M.canvas) return;
      e.preventDefault();
      M.canvas.dispatchEvent(new WheelEvent('wheel', e));
    }, { passive: false });
    ['keydown', 'keyup', 'keypress'].forEach(function (t) { window.addEventListener(t, onKey, true); });
    M.a11yFrame = frame;
    var followPreferences = function () {
      preferences();
      ['(forced-colors: active)', '(prefers-contrast: more)'].forEach(function (q) {
        if (window.matchMedia) matchMedia(q).addEventListener('change', preferences);
      });
    };
    // The program may have drawn its first frame before this script ran (a small program from
    // the cache starts in a few hundred milliseconds): then the preferences are sent now
    // (and a frame is asked for, so that the mirror is built from the tree it missed).
    if (typeof window.__interactive_ms !== 'undefined') {
      if (M._safetynet_request_frame) M._safetynet_request_frame();
      return followPreferences();
    }
    var onRun = M.onFirstFrame;
    M.onFirstFrame = function () {
      if (onRun) onRun();
      followPreferences();
    };
  }

  if (window.Module) start();
})();
