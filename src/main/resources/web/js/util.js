/*
 * Cutplan dashboard: small helpers shared by every other file.
 * Classic script (no import/export): Confluence batches web-resources by concatenation, so every file
 * adds to the one window.Cutplan namespace and files load in the order of web/manifest.txt.
 * Text is only ever put into the DOM with textContent / attributes via el(); never innerHTML.
 */
(function (C) {
  'use strict';

  var U = C.util = {};

  /**
   * Builds an element. attrs: plain attributes (strings), plus `class`, `text` (textContent),
   * `on` ({event: handler}), `dataset` ({key: value}), `hidden` (boolean). Children: nodes or strings
   * (strings become text nodes, so nothing is ever parsed as HTML).
   */
  U.el = function (tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (!Object.prototype.hasOwnProperty.call(attrs, k)) continue;
        var v = attrs[k];
        if (v === null || v === undefined || v === false) continue;
        if (k === 'class') e.className = v;
        else if (k === 'text') e.textContent = v;
        else if (k === 'on') { for (var ev in v) e.addEventListener(ev, v[ev]); }
        else if (k === 'dataset') { for (var d in v) e.dataset[d] = v[d]; }
        else if (k === 'hidden') e.hidden = true;
        else if (v === true) e.setAttribute(k, '');
        else e.setAttribute(k, String(v));
      }
    }
    if (children !== undefined && children !== null) U.append(e, children);
    return e;
  };

  U.append = function (parent, children) {
    if (!Array.isArray(children)) children = [children];
    for (var i = 0; i < children.length; i++) {
      var c = children[i];
      if (c === null || c === undefined || c === false) continue;
      parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return parent;
  };

  /** Replaces all children of a node. */
  U.replace = function (parent, children) {
    parent.textContent = '';
    return U.append(parent, children);
  };

  /** Sets textContent only when it differs (avoids needless layout work on every poll). */
  U.setText = function (node, text) {
    text = text === null || text === undefined ? '' : String(text);
    if (node.textContent !== text) node.textContent = text;
  };

  /**
   * The one way the page tells the user something: writes `text` into a message box (hidden when empty), styled
   * by kind (info, success, error, conflict) and announced as an alert for errors, as a status otherwise.
   */
  U.say = function (box, text, kind) {
    kind = kind || 'info';
    box.hidden = !text;
    box.className = (box.getAttribute('data-say-class') || 'cp-msg') + ' cp-msg--' + kind;
    box.setAttribute('role', kind === 'error' || kind === 'conflict' ? 'alert' : 'status');
    U.setText(box, text || '');
  };

  /** A message box for U.say; `cls` is its base class. */
  U.messageBox = function (cls) {
    return U.el('div', { class: cls || 'cp-msg', 'data-say-class': cls || 'cp-msg', role: 'status', 'aria-live': 'polite', hidden: true });
  };

  /** HTML escape, for the rare place a string must be built (e.g. the clipboard's text/html fallback). */
  U.escapeHtml = function (s) {
    return String(s === null || s === undefined ? '' : s)
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  };

  U.toDate = function (v) {
    if (!v) return null;
    var d = v instanceof Date ? v : new Date(v);
    return isNaN(d.getTime()) ? null : d;
  };

  function pad(n) { return n < 10 ? '0' + n : String(n); }

  var DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

  /** "Sat 14:05" - a cutover spans a weekend, so the weekday disambiguates without a full date. */
  U.fmtTime = function (v) {
    var d = U.toDate(v);
    if (!d) return '';
    return DAYS[d.getDay()] + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes());
  };

  /** "2026-11-28 14:05" */
  U.fmtDateTime = function (v) {
    var d = U.toDate(v);
    if (!d) return '';
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' +
      pad(d.getHours()) + ':' + pad(d.getMinutes());
  };

  U.fmtClock = function (v) {
    var d = U.toDate(v);
    if (!d) return '';
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  };

  /** Value for <input type="datetime-local"> in the browser's time zone. */
  U.toLocalInput = function (v) {
    var d = U.toDate(v);
    if (!d) return '';
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' +
      pad(d.getHours()) + ':' + pad(d.getMinutes());
  };

  /** An ISO instant from a datetime-local value (interpreted in the browser's time zone). */
  U.fromLocalInput = function (s) {
    if (!s) return null;
    var d = new Date(s);
    return isNaN(d.getTime()) ? null : d.toISOString();
  };

  /** "1 h 25 min", "40 min", "2 d 3 h". */
  U.fmtDuration = function (minutes) {
    if (minutes === null || minutes === undefined || isNaN(minutes)) return '';
    var m = Math.round(Math.abs(minutes));
    var sign = minutes < 0 ? '-' : '';
    if (m < 60) return sign + m + ' min';
    var h = Math.floor(m / 60);
    if (h < 48) return sign + h + ' h' + (m % 60 ? ' ' + (m % 60) + ' min' : '');
    return sign + Math.floor(h / 24) + ' d' + (h % 24 ? ' ' + (h % 24) + ' h' : '');
  };

  U.fmtNumber = function (n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  };

  U.pct = function (part, whole) {
    return whole > 0 ? Math.round((part * 100) / whole) : 0;
  };

  U.debounce = function (fn, ms) {
    var t = null;
    return function () {
      var args = arguments, self = this;
      clearTimeout(t);
      t = setTimeout(function () { fn.apply(self, args); }, ms);
    };
  };

  /** Turns an id into a safe DOM id fragment. */
  U.domId = function (prefix, id) {
    return prefix + '-' + String(id).replace(/[^A-Za-z0-9_-]/g, '_');
  };

  U.now = function () {
    return C.clock ? C.clock() : Date.now();
  };

  /** Step statuses in display order, with a text label and an icon so colour is never the only signal. */
  U.STATUSES = ['PENDING', 'READY', 'IN_PROGRESS', 'ON_HOLD', 'FAILED', 'DONE', 'SKIPPED', 'CANCELLED'];
  U.STATUS_LABEL = {
    PENDING: 'Pending', READY: 'Ready', IN_PROGRESS: 'In progress', ON_HOLD: 'On hold',
    FAILED: 'Failed', DONE: 'Done', SKIPPED: 'Skipped', CANCELLED: 'Cancelled'
  };
  U.STATUS_ICON = {
    PENDING: '\u25CB', READY: '\u25B7', IN_PROGRESS: '\u25B6', ON_HOLD: '\u2016',
    FAILED: '\u2716', DONE: '\u2714', SKIPPED: '\u21B7', CANCELLED: '\u2298'
  };
  /** Finished as far as progress goes. */
  U.FINISHED = { DONE: true, SKIPPED: true, CANCELLED: true };

  /** A status badge: icon + words, coloured by a class. */
  U.statusBadge = function (status) {
    return U.el('span', { class: 'cp-status cp-status--' + String(status).toLowerCase() }, [
      U.el('span', { class: 'cp-status-icon', 'aria-hidden': 'true', text: U.STATUS_ICON[status] || '?' }),
      U.el('span', { class: 'cp-status-text', text: U.STATUS_LABEL[status] || String(status) })
    ]);
  };

  /** Updates a badge made by statusBadge in place. */
  U.updateStatusBadge = function (badge, status) {
    var cls = 'cp-status cp-status--' + String(status).toLowerCase();
    if (badge.className !== cls) badge.className = cls;
    U.setText(badge.firstChild, U.STATUS_ICON[status] || '?');
    U.setText(badge.lastChild, U.STATUS_LABEL[status] || String(status));
  };
})(window.Cutplan = window.Cutplan || {});
