/*
 * Cutplan dashboard: the controller. Finds every `.cutplan-dashboard` container, resolves its iteration, loads
 * the snapshot into the ONE state of that dashboard (store.js), renders the header, the active registered view and
 * the step panel, and keeps the state live with the poller. Renderers get (container, state, actions): the
 * actions below are the only way they change anything.
 *
 * Container attributes: data-iteration (id) or data-migration + data-iteration-code; data-poll-seconds
 * (default 5); data-view (a registered view's id; default runsheet); data-team (team name or id, an initial
 * filter); data-compact="true" (the compact dashboard for a page that shows it beside other content: the class
 * cp-compact, styled in dashboard.css); data-rest-base (else AJS.contextPath() + '/rest/cutplan/1.0', else
 * '/rest/cutplan/1.0').
 *
 * actions (every renderer receives the same object):
 *   setView(id)                       show a registered view (the nav, data-view and ?view= use it)
 *   setFilter({team, status, mine, text}), clearFilters(), toggleStatusFilter(status)
 *   jumpToPhase(macroPhaseId)         the runsheet scrolls to the phase
 *   openStep(stepId, returnFocusTo?), closePanel()
 *   transition(stepId, to, {reason, override})   one POST; its answer is applied at once
 *   confirmOverride(stepId) / rejectOverride(stepId, reason)   four-eyes: a pending gate override
 *   tickTask(taskId, done), setControl(controlId, status, note), comment(stepId, body)   likewise
 *   markSeen(stepId), markAllSeen(), retryNow(), refresh()   (refresh: poll the delta now)
 *   say(text, kind)                   the panel's message when it is open, else the page's
 *   set(key, value)                   a view's own state key (state.schedule, state.forecast, ...), then re-render
 *   every(seconds, fn, {onVersion})   a view's own polling: fn(state) -> Promise, run now, every `seconds` while
 *                                     the tab is visible and (onVersion) as soon as state.version changes;
 *                                     returns {stop(), now()}; stopped when the dashboard stops
 *   api                               the page's one Cutplan.Api client (views call their endpoints through it)
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el, S = C.store;
  var uidCounter = 0;

  function Dashboard(container) {
    this.container = container;
    this.uid = 'cp' + (++uidCounter);
    this.api = new C.Api(C.restBase(container));
    this.pollSeconds = parseInt(container.getAttribute('data-poll-seconds'), 10) || 5;
    this.etag = null;
    this.recentOwn = new Map();
    this.boxes = new Map();
    this.timers = [];
    this.metrics = { renderMs: null, applyMs: [], lastApplyMs: null, polls: 0, notModified: 0, deltas: 0, snapshots: 0 };
    this.state = S.create(null, { view: container.getAttribute('data-view') || 'runsheet' });
    this.actions = actionsOf(this);
  }

  Dashboard.prototype.start = function () {
    var self = this;
    this.container.classList.add('cp-root');
    // Inside Confluence the page header stays on screen: sticky parts sit below it (see --cp-sticky-top).
    if (window.AJS) this.container.classList.add('cp-host-confluence');
    // Compact: beside other content, the header keeps its title, status and live state, the tabs get smaller.
    this.container.classList.toggle('cp-compact', this.container.getAttribute('data-compact') === 'true');
    this.container.setAttribute('data-state', 'loading');
    U.replace(this.container, el('p', { class: 'cp-loading', role: 'status', text: 'Loading the runbook\u2026' }));
    return this.resolveIteration().then(function (id) {
      self.state.iterationId = id;
      return self.api.dashboard(id, null, null);
    }).then(function (r) {
      self.etag = r.etag;
      self.buildLayout();
      var t0 = performance.now();
      S.applySnapshot(self.state, r.body);
      self.applyInitialTeam();
      self.render();
      self.metrics.renderMs = performance.now() - t0;
      self.metrics.snapshots++;
      // One forced layout (the browser needs it for the first frame anyway) to measure render + layout together.
      var t1 = performance.now();
      void self.container.offsetHeight;
      self.metrics.firstLayoutMs = performance.now() - t1;
      self.container.setAttribute('data-state', 'ready');
      self.poller = new C.Poller(self.pollSeconds, function () { return self.poll(); }, function (info) { self.onLiveState(info); });
      self.poller.start();
      self.onLiveState({ state: 'live', lastOk: new Date(), nextInMs: null, failures: 0 });
      self.tick = setInterval(function () { if (!document.hidden) self.refreshClock(); }, 30000);
      // The forecast (header, runsheet, coming up, timeline) on its own 30 s / on-version cadence.
      self.forecastJob = C.ForecastFeed.start(self.actions);
      // The finish probability beside it, every 60 s.
      self.probabilityJob = C.ProbabilityFeed.start(self.actions);
    }).catch(function (err) {
      self.container.setAttribute('data-state', 'error');
      var msg = err && err.status === 404 ? 'This iteration does not exist (or was deleted).'
        : err && err.status === 401 ? 'Please log in to see this runbook.'
        // A 403 without Cutplan's own error body comes from the platform (Confluence: licensed users only).
        : err && err.platformRefusal && err.platformRefusal() ? err.platformRefusal()
        : 'The runbook could not be loaded: ' + (err && err.message || err);
      U.replace(self.container, el('div', { class: 'cp-msg cp-msg--error', role: 'alert' }, [msg, ' ',
        el('button', { type: 'button', class: 'cp-button', text: 'Try again', on: { click: function () { self.start(); } } })]));
    });
  };

  /** data-iteration, or a migration (code or id) plus an iteration code resolved through GET /iterations. */
  Dashboard.prototype.resolveIteration = function () {
    var c = this.container;
    var id = c.getAttribute('data-iteration');
    if (id) return Promise.resolve(id);
    var mig = c.getAttribute('data-migration'), code = c.getAttribute('data-iteration-code');
    if (!mig || !code) return Promise.reject(new Error('The dashboard needs data-iteration, or data-migration with data-iteration-code.'));
    return this.api.iterations().then(function (body) {
      var hit = body.iterations.filter(function (it) {
        return (it.migration.id === mig || it.migration.code === mig) && it.code === code;
      })[0];
      if (!hit) throw new C.ApiError(404, { error: 'not_found', message: 'No iteration ' + code + ' in migration ' + mig });
      return hit.id;
    });
  };

  /** data-team names a team by id or name (dashboard steps name their owner team without its code). */
  Dashboard.prototype.applyInitialTeam = function () {
    var team = this.container.getAttribute('data-team');
    if (!team) return;
    var f = this.state.ui.filters;
    C.derive.teams(this.state).forEach(function (t) { if (t.id === team || t.name === team) f.team = t.id; });
  };

  Dashboard.prototype.buildLayout = function () {
    var self = this;
    this.headerBox = el('div', { class: 'cp-header-box' });
    this.broadcastBox = el('div', { class: 'cp-broadcast-box' });
    this.toast = U.messageBox('cp-toast');
    this.main = el('div', { class: 'cp-main' });
    this.boxes = new Map();
    C.views.list().forEach(function (v) {
      var box = el('section', { class: 'cp-view cp-view--' + v.id, 'data-view-id': v.id, 'data-testid': v.testid,
        'aria-label': v.label, hidden: true });
      self.boxes.set(v.id, box);
      self.main.appendChild(box);
    });
    this.panelBox = el('div', { class: 'cp-panel-box' });
    U.replace(this.container, [this.headerBox, this.broadcastBox, this.toast, el('div', { class: 'cp-body' }, [this.main, this.panelBox])]);
    if (!C.views.get(this.state.ui.view)) this.state.ui.view = 'runsheet';
    this.onKey = function (e) {
      if (e.key === 'Escape' && self.state.ui.panelStepId && !e.defaultPrevented && self.container.contains(document.activeElement)) self.actions.closePanel();
    };
    document.addEventListener('keydown', this.onKey);
  };

  // ---------------------------------------------------------------- rendering

  /** Renders the header, the active view and the panel from the state (state.changed says what moved). */
  Dashboard.prototype.render = function () {
    var state = this.state, actions = this.actions;
    var view = C.views.get(state.ui.view);
    if (!view || !view.visible(state)) { state.ui.view = 'runsheet'; view = C.views.get('runsheet'); state.changed = fullChange(); }
    // Counts, bars and late flags: computed once per render from the steps, shared by every renderer.
    state.index.aggregates = C.derive.aggregates(state, state.ui.now);
    C.Header.render(this.headerBox, state, actions);
    C.Broadcast.render(this.broadcastBox, state, actions);
    this.boxes.forEach(function (box, id) { box.hidden = id !== view.id; });
    // The view just shown (first render included) may load its own data now.
    if (this.shownView !== view.id) { this.shownView = view.id; state.changed = Object.assign(fullChange(), { shown: view.id }); }
    this.container.setAttribute('data-view', view.id);
    view.render(this.boxes.get(view.id), state, actions);
    state.ui.jumpToPhase = null;
    C.Panel.render(this.panelBox, state, actions);
    this.container.classList.toggle('cp-has-panel', !!state.ui.panelStepId);
    this.updateTitle();
  };

  function fullChange() { return { all: true, structure: false, stepIds: [], moved: [] }; }

  Dashboard.prototype.updateTitle = function () {
    // On its own page (not inside a Confluence page) the tab title says where the iteration stands.
    if (!document.body.classList.contains('cp-standalone') || C.apps.length !== 1) return;
    var agg = this.state.index.aggregates;
    var it = this.state.iteration || {};
    var title = (it.code || '') + ' ' + U.pct(agg.finished, agg.total) + '%' + (agg.counts.FAILED ? ' \u00B7 ' + agg.counts.FAILED + ' failed' : '') + ' \u00B7 Cutplan';
    if (document.title !== title) document.title = title;
  };

  // ---------------------------------------------------------------- data in

  Dashboard.prototype.poll = function () {
    var self = this;
    return this.api.dashboard(this.state.iterationId, this.state.version, this.etag).then(function (r) {
      self.metrics.polls++;
      if (r.status === 304 || !r.body) { self.metrics.notModified++; return; }
      if (r.etag) self.etag = r.etag;
      return self.applyPoll(r.body);
    });
  };

  /** A poll's answer: a delta (partial) or a snapshot; a delta naming an unknown step (scope changed) reloads. */
  Dashboard.prototype.applyPoll = function (body) {
    var self = this, state = this.state;
    var t0 = performance.now();
    var versionBefore = state.version;
    var ch = S.applyDelta(state, body);
    if (ch.unknown) {
      return this.api.dashboard(state.iterationId, null, null).then(function (r) { self.etag = r.etag; return self.applyPoll(r.body); });
    }
    if (body.kind === 'snapshot') this.metrics.snapshots++; else this.metrics.deltas++;
    state.ui.now = Date.now();
    this.markChanged(ch.moved);
    var panelId = state.ui.panelStepId;
    var touchesPanel = panelId && (ch.all || ch.moved.indexOf(panelId) >= 0 || (ch.events || []).some(function (e) {
      // A control links to tasks of several steps: its events name the control, not the step.
      return e.stepId === panelId || (e.controlId && state.detail && (state.detail.controls || []).some(function (c) { return c.id === e.controlId; }));
    }));
    if (ch.moved.length || ch.all || body.iteration) this.render();
    var ms = performance.now() - t0;
    this.metrics.lastApplyMs = ms;
    this.metrics.applyMs.push(ms);
    if (this.metrics.applyMs.length > 200) this.metrics.applyMs.shift();
    if (touchesPanel) this.loadDetail(panelId);
    if (state.version !== versionBefore) this.runVersionWatchers();
  };

  Dashboard.prototype.loadDetail = function (id) {
    var self = this, state = this.state;
    return this.api.step(state.iterationId, id).then(function (d) {
      if (state.ui.panelStepId !== id) return;
      S.applyDetail(state, d);
      self.render();
    }, function (err) {
      if (state.ui.panelStepId !== id) return;
      self.actions.say('Could not load this step: ' + err.message, 'error');
    });
  };

  /** Every 30 s: late flags and running durations move with the clock even when nothing changes. */
  Dashboard.prototype.refreshClock = function () {
    this.state.ui.now = Date.now();
    this.state.changed = fullChange();
    this.render();
  };

  // ---------------------------------------------------------------- changed since you looked

  Dashboard.prototype.markChanged = function (ids) {
    var now = Date.now(), unseen = this.state.ui.unseen, recent = this.recentOwn;
    ids.forEach(function (id) {
      var own = recent.get(id);
      if (own && now - own < 15000) return;
      unseen.add(id);
    });
    this.state.changed.flash = ids;
  };

  // ---------------------------------------------------------------- writes

  function explain(err, what) {
    if (err.status === 409) {
      return 'Someone else changed this ' + what + ' before you (version conflict). The view has been refreshed: check its current state and try again if still needed.';
    }
    if (err.status === 403) return 'Not allowed: ' + err.message;
    if (err.status === 422) return 'Refused: ' + err.message;
    if (err.status === 0) return 'The server could not be reached; nothing was changed. ' + err.message;
    return err.message;
  }

  /** One request; its answer (or its refusal's details) goes into the state, and the page re-renders from it. */
  Dashboard.prototype.write = function (kind, request, success) {
    var self = this, state = this.state;
    state.ui.busy = true;
    state.changed = { all: false, structure: false, stepIds: [], moved: [] };
    this.render();
    return request().then(function (result) {
      state.ui.busy = false;
      S.applyChange(state, result);
      result.steps && result.steps.forEach(function (s) { self.recentOwn.set(s.id, Date.now()); });
      state.changed.flash = state.changed.moved;
      state.ui.now = Date.now();
      self.say(success(result), 'success');
      self.render();
      return result;
    }, function (err) {
      state.ui.busy = false;
      var refreshed = S.applyRefusal(state, kind, err.body);
      self.say(explain(err, kind), err.status === 409 ? 'conflict' : 'error');
      if (err.status === 409 && !refreshed && state.ui.panelStepId) {
        // A conflict without the current state in its details (never from this server): ask for the step.
        return self.loadDetail(state.ui.panelStepId);
      }
      self.render();
    });
  };

  Dashboard.prototype.say = function (text, kind) {
    if (this.state.ui.panelStepId) this.state.ui.panelMessage = { text: text, kind: kind };
    else U.say(this.toast, text, kind);
  };

  // ---------------------------------------------------------------- view polling

  Dashboard.prototype.every = function (seconds, fn, options) {
    var self = this, ms = Math.max(1, seconds) * 1000, stopped = false, timer = null, running = null;
    var job = {
      onVersion: !!(options && options.onVersion),
      now: function () {
        if (stopped || document.hidden) return Promise.resolve();
        if (running) return running;
        clearTimeout(timer);
        running = Promise.resolve().then(function () { return fn(self.state); }).catch(function () { /* the view reports its own errors */ })
          .then(function () { running = null; if (!stopped) timer = setTimeout(job.now, ms); });
        return running;
      },
      stop: function () { stopped = true; clearTimeout(timer); self.timers = self.timers.filter(function (j) { return j !== job; }); }
    };
    this.timers.push(job);
    job.now();
    return job;
  };

  Dashboard.prototype.runVersionWatchers = function () {
    this.timers.forEach(function (j) { if (j.onVersion) j.now(); });
  };

  // ---------------------------------------------------------------- live indicator

  Dashboard.prototype.onLiveState = function (info) {
    var self = this;
    var wasLive = !!(this.state.ui.live && this.state.ui.live.state === 'live');
    this.state.ui.live = info;
    C.Header.renderLive(this.headerBox, this.state, this.actions);
    this.container.setAttribute('data-live', info.state);
    clearInterval(this.countdown);
    if (info.state === 'reconnecting' || info.state === 'offline') {
      // Count down to the next retry so the text never looks frozen.
      this.countdown = setInterval(function () {
        var p = self.poller;
        if (!p || !p.nextAt || (p.state !== 'reconnecting' && p.state !== 'offline')) { clearInterval(self.countdown); return; }
        self.state.ui.live = { state: p.state, lastOk: p.lastOk, nextInMs: Math.max(0, p.nextAt - Date.now()), failures: p.failures };
        C.Header.renderLive(self.headerBox, self.state, self.actions);
      }, 1000);
    }
    // Back to live after an outage or a hidden tab: views' polls catch up at once (not after every poll: each keeps its cadence).
    if (info.state === 'live' && !wasLive && document.visibilityState !== 'hidden') this.timers.forEach(function (j) { j.now(); });
  };

  Dashboard.prototype.destroy = function () {
    var self = this;
    if (this.poller) this.poller.stop();
    clearInterval(this.tick);
    clearInterval(this.countdown);
    this.timers.slice().forEach(function (j) { j.stop(); });
    document.removeEventListener('keydown', this.onKey);
    C.views.list().forEach(function (v) { if (v.destroy && self.boxes.get(v.id)) v.destroy(self.boxes.get(v.id)); });
  };

  // ---------------------------------------------------------------- the actions renderers get

  function actionsOf(d) {
    var state = d.state;
    function rerender(change) { state.changed = change || fullChange(); d.render(); }
    var a = {
      api: d.api,
      setView: function (id) {
        var v = C.views.get(id);
        if (!v || !v.visible(state)) id = 'runsheet';
        if (id !== state.ui.view && state.ui.panelStepId && id !== 'runsheet' && id !== 'ready') a.closePanel();
        state.ui.view = id;
        rerender();
      },
      setFilter: function (partial) {
        Object.assign(state.ui.filters, partial);
        rerender({ all: false, structure: false, stepIds: [], moved: [], filters: true });
      },
      clearFilters: function () { a.setFilter({ team: '', status: '', mine: false, text: '' }); },
      toggleStatusFilter: function (status) {
        state.ui.filters.status = state.ui.filters.status === status ? '' : status;
        if (state.ui.view !== 'runsheet' && state.ui.view !== 'ready') state.ui.view = 'runsheet';
        rerender({ all: false, structure: false, stepIds: [], moved: [], filters: true });
      },
      jumpToPhase: function (id) {
        state.ui.jumpToPhase = id;
        if (state.ui.view !== 'runsheet' && state.ui.view !== 'ready') state.ui.view = 'runsheet';
        rerender();
      },
      openStep: function (id, returnFocusTo) {
        if (!state.steps.has(id)) return Promise.resolve();
        d.panelReturn = returnFocusTo || null;
        var before = state.ui.panelStepId;
        state.ui.panelStepId = id;
        if (before !== id) { state.detail = null; state.ui.panelMessage = null; }
        a.markSeen(id, true);
        rerender({ all: false, structure: false, stepIds: [before, id].filter(Boolean), moved: [], panelOpened: true });
        return d.loadDetail(id);
      },
      closePanel: function () {
        var id = state.ui.panelStepId;
        state.ui.panelStepId = null;
        state.detail = null;
        state.ui.panelMessage = null;
        rerender({ all: false, structure: false, stepIds: id ? [id] : [], moved: [] });
        var back = d.panelReturn || d.container.querySelector('.cp-view:not([hidden]) .cp-row[data-id="' + id + '"]');
        if (back && !back.hidden && back.isConnected) back.focus();
      },
      transition: function (stepId, to, options) {
        var s = state.steps.get(stepId);
        if (!s) return Promise.resolve();
        var payload = { to: to, expectedVersion: s.version };
        if (options && options.reason) payload.reason = options.reason;
        if (options && options.override) payload.override = true;
        var from = s.status;
        return d.write('step', function () { return d.api.transition(state.iterationId, stepId, payload); }, function (result) {
          if (result && result.pendingOverride) return s.code + ': gate override requested; waiting for a second pilot to confirm (four-eyes).';
          return s.code + ': ' + (U.STATUS_LABEL[from] || from) + ' \u2192 ' + (U.STATUS_LABEL[s.status] || s.status) + '.';
        }).then(function (result) {
          // A four-eyes request leaves the step where it is: the panel shows the request from the step's detail.
          if (result && result.pendingOverride && state.ui.panelStepId === stepId) return d.loadDetail(stepId);
          return result;
        });
      },
      confirmOverride: function (stepId) {
        var s = state.steps.get(stepId);
        if (!s) return Promise.resolve();
        return d.write('step', function () {
          return d.api.confirmOverride(state.iterationId, stepId, { expectedVersion: s.version });
        }, function () { return s.code + ': gate override confirmed; ' + (U.STATUS_LABEL[s.status] || s.status) + '.'; })
          .then(function (result) { if (state.ui.panelStepId === stepId) return d.loadDetail(stepId); return result; });
      },
      rejectOverride: function (stepId, reason) {
        var s = state.steps.get(stepId);
        if (!s) return Promise.resolve();
        return d.write('step', function () {
          return d.api.rejectOverride(state.iterationId, stepId, { reason: reason, expectedVersion: s.version });
        }, function () { return s.code + ': gate override request closed.'; })
          .then(function (result) { if (state.ui.panelStepId === stepId) return d.loadDetail(stepId); return result; });
      },
      tickTask: function (taskId, done) {
        var task = state.detail && (state.detail.tasks || []).filter(function (t) { return t.id === taskId; })[0];
        if (!task) return Promise.resolve();
        return d.write('task', function () { return d.api.task(state.iterationId, taskId, { done: done, expectedVersion: task.version }); },
          function () { return (done ? 'Task done: ' : 'Task reopened: ') + task.title; });
      },
      setControl: function (controlId, status, note) {
        var control = state.detail && (state.detail.controls || []).filter(function (c) { return c.id === controlId; })[0];
        if (!control) return Promise.resolve();
        var payload = { status: status, expectedVersion: control.version };
        if (note) payload.note = note;
        return d.write('control', function () { return d.api.control(state.iterationId, controlId, payload); },
          function () { return 'Control ' + control.code + ' ' + (status === 'PASSED' ? 'passed' : 'failed') + '.'; });
      },
      /** Posts a broadcast; the banner shows it at once (the next poll brings it to every other page). */
      postBroadcast: function (payload) {
        return d.api.postBroadcast(state.iterationId, payload).then(function (b) {
          state.changed = fullChange();
          S.applyBroadcast(state, b);
          state.ui.now = Date.now();
          d.render();
          return b;
        });
      },
      comment: function (stepId, body) {
        return d.write('comment', function () { return d.api.comment(state.iterationId, stepId, { body: body }); },
          function () { return 'Comment added.'; });
      },
      markSeen: function (id, quiet) {
        if (!state.ui.unseen.delete(id) || quiet) return;
        rerender({ all: false, structure: false, stepIds: [id], moved: [] });
      },
      markAllSeen: function () {
        var ids = Array.from(state.ui.unseen);
        state.ui.unseen.clear();
        rerender({ all: false, structure: false, stepIds: ids, moved: [] });
      },
      retryNow: function () { return d.poller ? d.poller.pollNow() : Promise.resolve(); },
      refresh: function () { return d.poller ? d.poller.pollNow() : Promise.resolve(); },
      say: function (text, kind) { d.say(text, kind); if (state.ui.panelStepId) rerender({ all: false, structure: false, stepIds: [], moved: [] }); },
      set: function (key, value) { S.set(state, key, value); d.render(); },
      every: function (seconds, fn, options) { return d.every(seconds, fn, options); }
    };
    return a;
  }

  C.Dashboard = Dashboard;
  C.apps = C.apps || [];

  /** Starts every dashboard container on the page (Confluence may render several macros). */
  C.boot = function (root) {
    var nodes = (root || document).querySelectorAll('.cutplan-dashboard:not([data-cp-started])');
    for (var i = 0; i < nodes.length; i++) {
      nodes[i].setAttribute('data-cp-started', 'true');
      var app = new Dashboard(nodes[i]);
      C.apps.push(app);
      app.start();
    }
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { C.boot(); });
  else C.boot();
})(window.Cutplan = window.Cutplan || {});
