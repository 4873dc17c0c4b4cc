/*
 * Cutplan dashboard: the header (iteration name, type, window, status, who you are), the live indicator, the nav
 * of registered views (Cutplan.views, in registration order, where visible) and "changed since you looked".
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el;

  var TYPE_LABEL = { RUN: 'Rehearsal run', DRESS_REHEARSAL: 'Dress rehearsal', CUTOVER: 'Cutover' };
  var ITER_STATUS_LABEL = { PLANNED: 'Planned', IN_PROGRESS: 'In progress', COMPLETED: 'Completed', CANCELLED: 'Cancelled' };
  var ROLE_LABEL = { ADMIN: 'Admin', PILOT: 'Pilot', NORMAL: 'Executor' };
  var LIVE_TEXT = { connecting: 'Connecting\u2026', live: 'Live', reconnecting: 'Reconnecting', offline: 'Offline', paused: 'Paused' };
  var LIVE_ICON = { connecting: '\u25CC', live: '\u25CF', reconnecting: '\u21BB', offline: '\u2715', paused: '\u275A\u275A' };

  var Header = C.Header = {};
  var doms = new WeakMap();

  function build(box, actions) {
    var h = {};
    h.migration = el('span', { class: 'cp-migration' });
    h.title = el('h1', { class: 'cp-title' });
    h.type = el('span', { class: 'cp-chip cp-chip--type' });
    h.iterStatus = el('span', { class: 'cp-chip cp-chip--istatus' });
    h.window = el('span', { class: 'cp-window' });
    // The forecast end beside the window, in words (colour and icon are second signals).
    h.forecastIcon = el('span', { class: 'cp-forecast-icon', 'aria-hidden': 'true' });
    h.forecastText = el('span', { class: 'cp-forecast-text' });
    h.forecast = el('span', { class: 'cp-forecast', 'data-testid': 'forecast-end', hidden: true }, [h.forecastIcon, h.forecastText]);
    // The finish probability beside it: "78% to finish in the window" (a Monte Carlo run of the forecast).
    h.probability = el('span', { class: 'cp-probability', 'data-testid': 'finish-probability', hidden: true });
    h.liveIcon = el('span', { class: 'cp-live-icon', 'aria-hidden': 'true' });
    h.liveText = el('span', { class: 'cp-live-text' });
    // Times change every poll and every second while retrying: shown, but kept out of the live region so a
    // screen reader announces state changes only.
    h.liveDetail = el('span', { class: 'cp-live-detail', 'aria-hidden': 'true' });
    h.liveRetry = el('button', { type: 'button', class: 'cp-link-button cp-live-retry', hidden: true, text: 'Retry now',
      on: { click: function () { actions.retryNow(); } } });
    h.live = el('div', { class: 'cp-live cp-live--connecting', role: 'status', 'aria-live': 'polite', 'data-state': 'connecting' },
      [h.liveIcon, h.liveText, h.liveDetail, h.liveRetry]);
    h.user = el('span', { class: 'cp-user' });

    h.tabs = el('div', { class: 'cp-tabs', role: 'tablist', 'aria-label': 'Views' });
    h.tabButtons = {};
    h.badges = {};
    C.views.list().forEach(function (v) {
      var b = el('button', { type: 'button', role: 'tab', class: 'cp-tab', 'aria-selected': 'false', 'data-view': v.id,
        on: { click: function () { actions.setView(v.id); } } }, [el('span', { text: v.label })]);
      if (v.badge) { h.badges[v.id] = el('span', { class: 'cp-tab-count' }); b.appendChild(h.badges[v.id]); }
      h.tabButtons[v.id] = b;
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
      on: { click: function () { actions.markAllSeen(); } } });

    U.replace(box, el('header', { class: 'cp-header' }, [
      el('div', { class: 'cp-header-main' }, [
        el('div', { class: 'cp-header-titles' }, [h.migration, h.title]),
        el('div', { class: 'cp-header-meta' }, [h.type, h.iterStatus, h.window, h.forecast, h.probability])
      ]),
      el('div', { class: 'cp-header-side' }, [h.live, h.user]),
      el('nav', { class: 'cp-header-nav', 'aria-label': 'Dashboard views' }, [h.tabs,
        el('div', { class: 'cp-seen' }, [h.unseen, h.markSeen])])
    ]));
    doms.set(box, h);
    return h;
  }

  Header.render = function (box, state, actions) {
    var h = doms.get(box) || build(box, actions);
    var it = state.iteration || {}, mig = it.migration || {};
    U.setText(h.migration, mig.name || mig.code || '');
    h.migration.hidden = !(mig.name || mig.code);
    U.setText(h.title, (it.code && it.name && it.name !== it.code ? it.code + ' \u00B7 ' : '') + (it.name || it.code || 'Iteration'));
    U.setText(h.type, TYPE_LABEL[it.type] || it.type || '');
    h.type.hidden = !it.type;
    U.setText(h.iterStatus, ITER_STATUS_LABEL[it.status] || it.status || '');
    h.iterStatus.className = 'cp-chip cp-chip--istatus cp-istatus--' + String(it.status || '').toLowerCase();
    h.iterStatus.hidden = !it.status;
    var s = U.toDate(it.plannedStart), e = U.toDate(it.plannedEnd);
    U.setText(h.window, s && e ? 'Window ' + U.fmtDateTime(s) + ' \u2192 ' + U.fmtDateTime(e) + ' (' +
      U.fmtDuration((e - s) / 60000) + ')' : '');
    renderForecast(h, state);
    renderProbability(h, state);
    var c = state.caller || {};
    var role = c.known && c.role ? ROLE_LABEL[c.role] || c.role : 'Read only';
    U.setText(h.user, (c.displayName || c.username || '') + (c.username ? ' \u00B7 ' : '') + role);
    C.views.list().forEach(function (v) {
      var b = h.tabButtons[v.id];
      if (!b) return;
      var on = state.ui.view === v.id;
      b.hidden = !v.visible(state);
      b.setAttribute('aria-selected', on ? 'true' : 'false');
      b.tabIndex = on ? 0 : -1;
      if (h.badges[v.id]) {
        var text = v.badge(state);
        U.setText(h.badges[v.id], text || '');
        // Empty, the count keeps its place: a tab that widened when its count arrived would move its neighbours
        // under a finger already on its way to them (the strip scrolls sideways on a phone).
        h.badges[v.id].classList.toggle('cp-tab-count--empty', !text);
      }
    });
    var n = state.ui.unseen.size;
    h.unseen.hidden = h.markSeen.hidden = n === 0;
    U.setText(h.unseen, n === 1 ? '1 step changed since you looked' : U.fmtNumber(n) + ' steps changed since you looked');
    Header.renderLive(box, state, actions);
  };

  var FORECAST_ICON = { ok: '\u2713', behind: '\u25CF', over: '\u25B2' };

  /** "forecast Sat 04:24, 16 h 49 min over the window" (see C.Forecast.headerSummary), or nothing yet. */
  function renderForecast(h, state) {
    var sum = C.Forecast.headerSummary(state.forecast);
    h.forecast.hidden = !sum;
    if (!sum) return;
    var cls = 'cp-forecast cp-forecast--' + sum.level;
    if (h.forecast.className !== cls) h.forecast.className = cls;
    U.setText(h.forecastIcon, FORECAST_ICON[sum.level]);
    U.setText(h.forecastText, sum.text);
    if (h.forecast.title !== sum.detail) h.forecast.title = sum.detail;
    // Which computation is on screen (tests compare it with the API's answer of the same computedAt).
    h.forecast.setAttribute('data-computed-at', state.forecast.computedAt || '');
  }

  /** "78% to finish in the window", with P50/P80/P95 in the tooltip; nothing for a finished iteration. */
  function renderProbability(h, state) {
    var p = state.probability;
    var show = !!(p && !p.finished && p.iterationId === state.iterationId);
    h.probability.hidden = !show;
    if (!show) return;
    U.setText(h.probability, p.percentInWindow + '% to finish in the window');
    var title = 'P50 ' + U.fmtDateTime(p.p50) + ' \u00B7 P80 ' + U.fmtDateTime(p.p80) + ' \u00B7 P95 ' + U.fmtDateTime(p.p95) +
      ' (' + U.fmtNumber(p.runs) + ' simulated runs from the durations of past rehearsals)';
    if (h.probability.title !== title) h.probability.title = title;
    h.probability.setAttribute('data-computed-at', p.computedAt || '');
  }

  /** The indicator always says in words what state it is in (colour is only a second signal). */
  Header.renderLive = function (box, state) {
    var h = doms.get(box);
    if (!h) return;
    var info = state.ui.live, st = info.state;
    h.live.className = 'cp-live cp-live--' + st;
    h.live.setAttribute('data-state', st);
    U.setText(h.liveIcon, LIVE_ICON[st] || '');
    var text = LIVE_TEXT[st] || st, detail = '';
    if (st === 'live' && info.lastOk) detail = ' \u00B7 updated ' + U.fmtClock(info.lastOk);
    if (st === 'paused') text += ' while this tab is hidden';
    if (st === 'reconnecting' || st === 'offline') text += ': the server does not answer';
    if ((st === 'reconnecting' || st === 'offline') && info.nextInMs !== null && info.nextInMs !== undefined) {
      detail = ' \u00B7 retry in ' + Math.ceil(info.nextInMs / 1000) + ' s';
      if (info.lastOk) detail += ' \u00B7 last update ' + U.fmtClock(info.lastOk);
    }
    U.setText(h.liveText, text);
    U.setText(h.liveDetail, detail);
    h.live.title = text + detail;
    h.liveRetry.hidden = !(st === 'reconnecting' || st === 'offline');
  };
})(window.Cutplan = window.Cutplan || {});
