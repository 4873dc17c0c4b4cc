/*
 * Cutplan dashboard: the header (iteration name, type, window, status), the live indicator, the view tabs
 * and the "changed since you last looked" control.
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el;

  var TYPE_LABEL = { RUN: 'Rehearsal run', DRESS_REHEARSAL: 'Dress rehearsal', CUTOVER: 'Cutover' };
  var ITER_STATUS_LABEL = { PLANNED: 'Planned', IN_PROGRESS: 'In progress', COMPLETED: 'Completed', CANCELLED: 'Cancelled' };
  var LIVE_TEXT = { connecting: 'Connecting\u2026', live: 'Live', reconnecting: 'Reconnecting', offline: 'Offline', paused: 'Paused' };
  var LIVE_ICON = { connecting: '\u25CC', live: '\u25CF', reconnecting: '\u21BB', offline: '\u2715', paused: '\u275A\u275A' };

  var Header = C.Header = {};

  Header.build = function (app) {
    var h = app.els;
    h.migration = el('span', { class: 'cp-migration' });
    h.title = el('h1', { class: 'cp-title', id: U.domId('cp-title', app.uid) });
    h.type = el('span', { class: 'cp-chip cp-chip--type' });
    h.iterStatus = el('span', { class: 'cp-chip cp-chip--istatus' });
    h.window = el('span', { class: 'cp-window' });
    h.liveIcon = el('span', { class: 'cp-live-icon', 'aria-hidden': 'true' });
    h.liveText = el('span', { class: 'cp-live-text' });
    // Times change every poll and every second while retrying: shown, but kept out of the live region so a
    // screen reader announces state changes only.
    h.liveDetail = el('span', { class: 'cp-live-detail', 'aria-hidden': 'true' });
    h.liveRetry = el('button', { type: 'button', class: 'cp-link-button cp-live-retry', hidden: true, text: 'Retry now',
      on: { click: function () { app.poller && app.poller.pollNow(); } } });
    h.live = el('div', { class: 'cp-live cp-live--connecting', role: 'status', 'aria-live': 'polite', 'data-state': 'connecting' },
      [h.liveIcon, h.liveText, h.liveDetail, h.liveRetry]);
    h.user = el('span', { class: 'cp-user' });

    h.tabs = el('div', { class: 'cp-tabs', role: 'tablist', 'aria-label': 'Views' });
    h.tabButtons = {};
    [['runsheet', 'Runsheet'], ['ready', 'Ready for my teams'], ['planning', 'Planning'], ['admin', 'Notifications']].forEach(function (t) {
      var b = el('button', { type: 'button', role: 'tab', class: 'cp-tab', 'aria-selected': 'false', 'data-view': t[0],
        on: { click: function () { app.setView(t[0]); } } }, [el('span', { text: t[1] })]);
      if (t[0] === 'ready') { h.readyCount = el('span', { class: 'cp-tab-count' }); b.appendChild(h.readyCount); }
      h.tabButtons[t[0]] = b;
      h.tabs.appendChild(b);
    });
    h.tabs.addEventListener('keydown', function (e) {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      var buttons = Array.prototype.filter.call(h.tabs.children, function (b) { return !b.hidden; });
      var i = buttons.indexOf(document.activeElement);
      if (i < 0) return;
      var next = buttons[(i + (e.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length];
      next.focus();
      next.click();
      e.preventDefault();
    });

    h.unseen = el('span', { class: 'cp-unseen-count', hidden: true });
    h.markSeen = el('button', { type: 'button', class: 'cp-button cp-button--subtle', hidden: true, text: 'Mark all seen',
      on: { click: function () { app.markAllSeen(); } } });

    return el('header', { class: 'cp-header' }, [
      el('div', { class: 'cp-header-main' }, [
        el('div', { class: 'cp-header-titles' }, [h.migration, h.title]),
        el('div', { class: 'cp-header-meta' }, [h.type, h.iterStatus, h.window])
      ]),
      el('div', { class: 'cp-header-side' }, [h.live, h.user]),
      el('nav', { class: 'cp-header-nav', 'aria-label': 'Dashboard views' }, [h.tabs,
        el('div', { class: 'cp-seen' }, [h.unseen, h.markSeen])])
    ]);
  };

  Header.update = function (app) {
    var h = app.els, it = app.store.iteration || {};
    U.setText(h.migration, it.migrationName || it.migrationCode || '');
    h.migration.hidden = !(it.migrationName || it.migrationCode);
    U.setText(h.title, (it.code && it.name && it.name !== it.code ? it.code + ' \u00B7 ' : '') + (it.name || it.code || 'Iteration'));
    U.setText(h.type, TYPE_LABEL[it.type] || it.type || '');
    h.type.hidden = !it.type;
    U.setText(h.iterStatus, ITER_STATUS_LABEL[it.status] || it.status || '');
    h.iterStatus.className = 'cp-chip cp-chip--istatus cp-istatus--' + String(it.status || '').toLowerCase();
    h.iterStatus.hidden = !it.status;
    var s = U.toDate(it.plannedStart), e = U.toDate(it.plannedEnd);
    U.setText(h.window, s && e ? 'Window ' + U.fmtDateTime(s) + ' \u2192 ' + U.fmtDateTime(e) + ' (' +
      U.fmtDuration((e - s) / 60000) + ')' : '');
    var c = app.store.caller;
    var role = c.role ? { ADMIN: 'Admin', PILOT: 'Pilot', NORMAL: 'Executor' }[c.role] || c.role : 'Read only';
    U.setText(h.user, (c.displayName || c.username || '') + (c.username ? ' \u00B7 ' : '') + role);
    h.tabButtons.admin.hidden = !app.store.mayAdminister();
    Object.keys(h.tabButtons).forEach(function (v) {
      var on = app.view === v;
      h.tabButtons[v].setAttribute('aria-selected', on ? 'true' : 'false');
      h.tabButtons[v].tabIndex = on ? 0 : -1;
    });
  };

  Header.updateUnseen = function (app, n) {
    var h = app.els;
    h.unseen.hidden = h.markSeen.hidden = n === 0;
    U.setText(h.unseen, n === 1 ? '1 step changed since you looked' : U.fmtNumber(n) + ' steps changed since you looked');
  };

  /** The indicator always says in words what state it is in (colour is only a second signal). */
  Header.updateLive = function (app, info) {
    var h = app.els, st = info.state;
    h.live.className = 'cp-live cp-live--' + st;
    h.live.setAttribute('data-state', st);
    U.setText(h.liveIcon, LIVE_ICON[st] || '');
    var text = LIVE_TEXT[st] || st, detail = '';
    if (st === 'live' && info.lastOk) detail = ' \u00B7 updated ' + U.fmtClock(info.lastOk);
    if (st === 'paused') text += ' while this tab is hidden';
    if (st === 'reconnecting' || st === 'offline') text += ': the server does not answer';
    if ((st === 'reconnecting' || st === 'offline') && info.nextInMs !== null) {
      detail = ' \u00B7 retry in ' + Math.ceil(info.nextInMs / 1000) + ' s';
      if (info.lastOk) detail += ' \u00B7 last update ' + U.fmtClock(info.lastOk);
    }
    U.setText(h.liveText, text);
    U.setText(h.liveDetail, detail);
    h.live.title = text + detail;
    h.liveRetry.hidden = !(st === 'reconnecting' || st === 'offline');
  };
})(window.Cutplan = window.Cutplan || {});
