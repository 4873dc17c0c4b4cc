/*
 * Cutplan dashboard: the controller. Finds every `.cutplan-dashboard` container on the page, resolves its
 * iteration, loads the snapshot, renders, then keeps the view live with the poller. Actions go through the
 * API; a 409 (someone else changed the row first) is explained and the view refreshed.
 *
 * Container attributes: data-iteration (id) or data-migration + data-iteration-code; data-poll-seconds
 * (default 5); data-view (runsheet | ready | planning | admin); data-team (team code or id, an initial
 * filter); data-rest-base (else AJS.contextPath() + '/rest/cutplan/1.0', else '/rest/cutplan/1.0').
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el;
  var uidCounter = 0;

  function App(container) {
    this.container = container;
    this.uid = 'cp' + (++uidCounter);
    this.api = new C.Api(C.restBase(container));
    this.store = new C.Store();
    this.filters = new C.Filters();
    this.els = {};
    this.view = container.getAttribute('data-view') || 'runsheet';
    this.pollSeconds = parseInt(container.getAttribute('data-poll-seconds'), 10) || 5;
    this.etag = null;
    this.unseen = new Set();
    this.recentOwn = new Map();
    this.metrics = { renderMs: null, applyMs: [], lastApplyMs: null, polls: 0, notModified: 0, deltas: 0, snapshots: 0 };
    this.now = Date.now();
  }

  App.prototype.start = function () {
    var self = this;
    this.container.classList.add('cp-root');
    // Inside Confluence the page header stays on screen: sticky parts sit below it (see --cp-sticky-top).
    if (window.AJS) this.container.classList.add('cp-host-confluence');
    this.container.setAttribute('data-state', 'loading');
    U.replace(this.container, el('p', { class: 'cp-loading', role: 'status', text: 'Loading the runbook\u2026' }));
    return this.resolveIteration().then(function (id) {
      self.iterationId = id;
      return self.api.dashboard(id, null, null);
    }).then(function (r) {
      self.etag = r.etag;
      self.buildLayout();
      self.applySnapshot(r.body, true);
      // One forced layout (the browser needs it for the first frame anyway) to measure render + layout together.
      var t0 = performance.now();
      void self.container.offsetHeight;
      self.metrics.firstLayoutMs = performance.now() - t0;
      self.container.setAttribute('data-state', 'ready');
      self.poller = new C.Poller(self.pollSeconds, function () { return self.poll(); }, function (info) { self.onLiveState(info); });
      self.poller.start();
      self.onLiveState({ state: 'live', lastOk: new Date(), nextInMs: null, failures: 0 });
      self.tick = setInterval(function () { if (!document.hidden) self.refreshClock(); }, 30000);
      self.loadScheduleIntoStore();
      if (self.view !== 'runsheet') self.setView(self.view);
    }).catch(function (err) {
      self.container.setAttribute('data-state', 'error');
      var msg = err && err.status === 404 ? 'This iteration does not exist (or was deleted).'
        : err && err.status === 401 ? 'Please log in to see this runbook.'
        : 'The runbook could not be loaded: ' + (err && err.message || err);
      U.replace(self.container, el('div', { class: 'cp-msg cp-msg--error', role: 'alert' }, [msg, ' ',
        el('button', { type: 'button', class: 'cp-button', text: 'Try again', on: { click: function () { self.start(); } } })]));
    });
  };

  /** data-iteration, or a migration (code or id) plus an iteration code resolved through GET /iterations. */
  App.prototype.resolveIteration = function () {
    var c = this.container;
    var id = c.getAttribute('data-iteration');
    if (id) return Promise.resolve(id);
    var mig = c.getAttribute('data-migration'), code = c.getAttribute('data-iteration-code');
    if (!mig || !code) return Promise.reject(new Error('The dashboard needs data-iteration, or data-migration with data-iteration-code.'));
    return this.api.iterations().then(function (list) {
      list = Array.isArray(list) ? list : (list && (list.iterations || list.items)) || [];
      var hit = list.filter(function (it) {
        var m = it.migration || {};
        var migOk = [it.migrationId, it.migrationCode, m.id, m.code].indexOf(mig) >= 0;
        return migOk && it.code === code;
      })[0];
      if (!hit) throw new C.ApiError(404, { error: 'not_found', message: 'No iteration ' + code + ' in migration ' + mig });
      return hit.id;
    });
  };

  App.prototype.buildLayout = function () {
    var self = this, h = this.els;
    h.toast = el('div', { class: 'cp-toast', role: 'alert', 'aria-live': 'assertive', hidden: true });
    h.empty = el('p', { class: 'cp-empty', hidden: true });
    h.runsheetWrap = el('div', { class: 'cp-runsheet-wrap' });
    h.runView = el('section', { class: 'cp-runview', 'aria-label': 'Runsheet' }, [C.Runsheet.buildFilters(this), h.empty, h.runsheetWrap]);
    h.summary = C.Progress.build(this);
    var main = el('div', { class: 'cp-main' }, [h.summary, h.runView, C.Planning.build(this), C.Admin.build(this)]);
    U.replace(this.container, [C.Header.build(this), h.toast, el('div', { class: 'cp-body' }, [main, C.Panel.build(this)])]);
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && self.els.panel.stepId && !e.defaultPrevented && self.container.contains(document.activeElement)) self.closePanel();
    });
  };

  // ---------------------------------------------------------------- data in

  App.prototype.applySnapshot = function (snap, first) {
    var t0 = performance.now();
    var scroll = window.scrollY;
    var res = this.store.applySnapshot(snap);
    this.now = Date.now();
    if (first || res.structureChanged) {
      this.renderAll();
    } else {
      C.Runsheet.updateRows(this, this.withSuccessors(res.changedIds));
      this.markChanged(res.changedIds);
    }
    C.Header.update(this);
    this.applyFilters();
    this.refreshAggregates();
    if (this.els.panel.stepId) C.Panel.renderSummary(this);
    if (!first && res.structureChanged) window.scrollTo(0, scroll);
    var ms = performance.now() - t0;
    if (first) this.metrics.renderMs = ms;
    this.metrics.snapshots++;
    return res;
  };

  App.prototype.renderAll = function () {
    var self = this;
    var t0 = performance.now();
    C.Progress.buildPhases(this);
    C.Runsheet.fillTeams(this);
    var table = C.Runsheet.build(this);
    U.replace(this.els.runsheetWrap, table);
    // Marks of "changed since you looked" survive a rebuild.
    var rows = this.els.rows;
    this.unseen.forEach(function (id) {
      var tr = rows.get(id);
      if (tr) { tr._unseen = true; tr.classList.add('cp-unseen'); tr.children[2].lastChild.hidden = false; }
    });
    var team = this.container.getAttribute('data-team');
    if (team && !this.filters.team) {
      this.store.teams.forEach(function (t) { if (t.id === team || t.code === team || t.name === team) self.filters.team = t.id; });
      this.els.teamSelect.value = this.filters.team;
    }
    this.metrics.buildMs = performance.now() - t0;
  };

  App.prototype.poll = function () {
    var self = this;
    var since = this.store.version;
    return this.api.dashboard(this.iterationId, since, this.etag).then(function (r) {
      self.metrics.polls++;
      if (r.status === 304 || !r.body) { self.metrics.notModified++; return; }
      if (r.etag) self.etag = r.etag;
      self.applyDeltaBody(r.body);
    });
  };

  /** A delta carries only changed steps; a body marked full (or naming an unknown step) reloads everything. */
  App.prototype.applyDeltaBody = function (body) {
    var self = this;
    // The engine answers kind "snapshot" (first load, or a delta it could not serve) or "delta".
    var isFull = body.kind === 'snapshot' || body.full === true ||
      (body.kind === undefined && body.since === undefined && Array.isArray(body.macroPhases || body.phases));
    if (isFull) { this.applySnapshot(body, false); return; }
    if (body.changed === false) {
      var v = body.version;
      if (v !== undefined && v !== null) this.store.version = v;
      return;
    }
    var t0 = performance.now();
    var res = this.store.applyDelta(body);
    this.now = Date.now();
    if (res.unknown) {
      // The plan's shape changed (scope edited): fetch a fresh snapshot.
      return this.api.dashboard(this.iterationId, null, null).then(function (r) { self.etag = r.etag; self.applySnapshot(r.body, false); });
    }
    if (res.changedIds.length) {
      C.Runsheet.updateRows(this, this.withSuccessors(res.changedIds));
      this.applyFilters();
      this.refreshAggregates();
      this.markChanged(res.changedIds);
    }
    if (body.iteration) C.Header.update(this);
    if (body.chapters || body.schedule) this.refreshAggregates();
    var ms = performance.now() - t0;
    this.metrics.deltas++;
    this.metrics.lastApplyMs = ms;
    this.metrics.applyMs.push(ms);
    if (this.metrics.applyMs.length > 200) this.metrics.applyMs.shift();
    var panelId = this.els.panel.stepId;
    if (panelId) {
      C.Panel.renderSummary(this);
      var events = body.events || [];
      var detail = this.els.panel.detail;
      var touchesPanel = res.changedIds.indexOf(panelId) >= 0 || events.some(function (e) {
        if (!e) return false;
        if (e.stepInstanceId === panelId || e.stepId === panelId) return true;
        // A control links to tasks of several steps: its events name the control, not the step.
        return !!(e.controlId && detail && detail.controls.some(function (c) { return c.id === e.controlId; }));
      });
      if (touchesPanel) C.Panel.load(this);
    }
    if ((body.events || []).some(function (e) { return e && (e.type || e.eventType) === 'SCHEDULE_CHANGED'; })) this.loadScheduleIntoStore();
  };

  /** Changed steps plus their successors, whose "waiting on" indicators follow their predecessors' status. */
  App.prototype.withSuccessors = function (ids) {
    var store = this.store, touched = new Set(ids);
    ids.forEach(function (id) {
      var s = store.steps.get(id);
      if (s) s.successorIds.forEach(function (x) { touched.add(x); });
    });
    return Array.from(touched);
  };

  App.prototype.refreshAggregates = function () {
    var agg = this.store.aggregates(this.now);
    // On its own page (not inside a Confluence page) the tab title says where the iteration stands.
    if (document.body.classList.contains('cp-standalone') && C.apps.length === 1) {
      var it = this.store.iteration || {};
      var title = (it.code || '') + ' ' + U.pct(agg.finished, agg.total) + '%' + (agg.counts.FAILED ? ' \u00B7 ' + agg.counts.FAILED + ' failed' : '') + ' \u00B7 Cutplan';
      if (document.title !== title) document.title = title;
    }
    C.Progress.update(this, agg, this.now);
    C.Runsheet.updateGroups(this, agg);
    var ready = 0, store = this.store, hasTeams = Object.keys(store.caller.teamIds).length > 0;
    if (hasTeams) store.steps.forEach(function (s) { if (s.status === 'READY' && store.isMine(s)) ready++; });
    U.setText(this.els.readyCount, hasTeams ? String(ready) : '');
    this.els.readyCount.hidden = !hasTeams;
    return agg;
  };

  /** Every 30 s: late flags and running durations move with the clock even when nothing changes. */
  App.prototype.refreshClock = function () {
    this.now = Date.now();
    C.Runsheet.updateAll(this);
    this.refreshAggregates();
    if (this.filters.status === 'LATE') this.applyFilters();
  };

  App.prototype.loadScheduleIntoStore = function () {
    var self = this;
    // Chapter plans may be part of the snapshot already; the schedule endpoint is the source otherwise.
    return this.api.schedule(this.iterationId).then(function (s) { self.applySchedule(s); }, function () { /* optional */ });
  };

  App.prototype.applySchedule = function (s) {
    var store = this.store;
    (s && s.chapters || []).forEach(function (c) {
      var ch = store.chapters.get(c.chapterId);
      if (ch) { ch.plannedStart = c.plannedStart; ch.plannedEnd = c.plannedEnd; }
    });
    this.now = Date.now();
    if (this.els.rows) {
      C.Runsheet.updateAll(this);
      this.refreshAggregates();
    }
  };

  App.prototype.iterationsOfMigration = function () {
    var mig = this.store.iteration && this.store.iteration.migrationId;
    return this.api.iterations(mig ? '?migration=' + encodeURIComponent(mig) : '').then(function (list) {
      list = Array.isArray(list) ? list : (list && (list.iterations || list.items)) || [];
      return list.filter(function (it) { return !mig || (it.migrationId || (it.migration || {}).id) === mig; });
    }, function () { return []; });
  };

  // ---------------------------------------------------------------- changed since you looked

  App.prototype.markChanged = function (ids) {
    var rows = this.els.rows, now = Date.now(), self = this;
    ids.forEach(function (id) {
      var tr = rows.get(id);
      if (!tr) return;
      var own = self.recentOwn.get(id);
      // A fading highlight through the Web Animations API: no class toggling, so no forced layout of the table.
      if (tr.animate && !(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches)) {
        tr.animate([{ backgroundColor: '#fff0b3' }, { backgroundColor: 'rgba(255, 240, 179, 0)' }], { duration: 4000, easing: 'ease-out' });
      }
      if (own && now - own < 15000) return;
      if (!tr._unseen) {
        self.unseen.add(id);
        tr._unseen = true;
        tr.classList.add('cp-unseen');
        tr.children[2].lastChild.hidden = false;
      }
    });
    C.Header.updateUnseen(this, this.unseen.size);
  };

  App.prototype.markSeen = function (id) {
    if (!this.unseen.has(id)) return;
    this.unseen.delete(id);
    var tr = this.els.rows.get(id);
    if (tr) { tr._unseen = false; tr.classList.remove('cp-unseen'); tr.children[2].lastChild.hidden = true; }
    C.Header.updateUnseen(this, this.unseen.size);
  };

  App.prototype.markAllSeen = function () {
    var self = this;
    Array.from(this.unseen).forEach(function (id) { self.markSeen(id); });
  };

  // ---------------------------------------------------------------- views and filters

  App.prototype.setView = function (view) {
    if (view === 'admin' && !this.store.mayAdminister()) view = 'runsheet';
    this.view = view;
    this.filters.view = view === 'ready' ? 'ready' : 'runsheet';
    var h = this.els;
    var run = view === 'runsheet' || view === 'ready';
    if (!run && h.panel.stepId) this.closePanel();
    h.runView.hidden = !run;
    h.summary.hidden = !run;
    h.planning.root.hidden = view !== 'planning';
    h.admin.root.hidden = view !== 'admin';
    this.container.setAttribute('data-view', view);
    C.Header.update(this);
    if (run) this.applyFilters();
    if (view === 'planning') C.Planning.show(this);
    if (view === 'admin') C.Admin.show(this);
  };

  App.prototype.applyFilters = function () {
    if (!this.els.rows) return;
    var shown = C.Runsheet.applyFilters(this);
    var h = this.els;
    if (shown === 0) {
      var noTeam = this.view === 'ready' && !this.filters.team && Object.keys(this.store.caller.teamIds).length === 0;
      U.setText(h.empty, noTeam ? 'You belong to no team, so nothing is ready for you. Pick a team in the filter to see its steps.'
        : this.view === 'ready' ? 'Nothing is ready for your teams right now.' : 'No step matches these filters.');
    }
    h.empty.hidden = shown > 0;
    C.Progress.update && this.els.countChips && U.STATUSES.concat(['LATE']).forEach(function (s) {
      h.countChips[s].setAttribute('aria-pressed', this.filters.status === s ? 'true' : 'false');
    }, this);
  };

  App.prototype.toggleStatusFilter = function (status) {
    this.filters.status = this.filters.status === status ? '' : status;
    this.els.statusSelect.value = this.filters.status;
    if (this.view !== 'runsheet' && this.view !== 'ready') this.setView('runsheet');
    this.applyFilters();
  };

  App.prototype.clearFilters = function () {
    var f = this.filters, h = this.els;
    f.team = f.status = f.text = '';
    f.mine = false;
    h.search.value = ''; h.teamSelect.value = ''; h.statusSelect.value = ''; h.mine.checked = false;
    this.applyFilters();
  };

  App.prototype.scrollToPhase = function (phaseId) {
    var g = this.els.phaseGroups.get(phaseId);
    if (this.view !== 'runsheet' && this.view !== 'ready') this.setView('runsheet');
    if (g && !g.body.hidden) {
      g.body.scrollIntoView({ block: 'start' });
      var first = null;
      var firstInPhase = null;
      var self = this;
      g.chapters.some(function (cid) {
        var cg = self.els.chapterGroups.get(cid);
        if (!cg || cg.body.hidden) return false;
        firstInPhase = cg.body.querySelector('.cp-row[data-id]:not([hidden])');
        return !!firstInPhase;
      });
      (firstInPhase || first || g.body).focus && (firstInPhase || first) && (firstInPhase || first).focus({ preventScroll: true });
    }
  };

  // ---------------------------------------------------------------- panel

  App.prototype.openPanel = function (id, row) {
    if (!this.store.steps.has(id)) return;
    this.panelReturn = row || this.els.rows.get(id);
    this.markSeen(id);
    var current = this.els.rows.get(this.els.panel.stepId);
    if (current) current.classList.remove('cp-row--open');
    var tr = this.els.rows.get(id);
    if (tr) tr.classList.add('cp-row--open');
    return C.Panel.open(this, id);
  };

  App.prototype.closePanel = function () {
    var tr = this.els.rows.get(this.els.panel.stepId);
    if (tr) tr.classList.remove('cp-row--open');
    C.Panel.close(this);
    var back = this.panelReturn;
    if (back && !back.hidden) back.focus();
  };

  // ---------------------------------------------------------------- actions

  App.prototype.say = function (text, kind) {
    C.Panel.message(this, text, kind);
  };

  /** Polls soon (after our own change), so the runsheet and aggregates show it without waiting. */
  App.prototype.refreshSoon = function () {
    if (this.poller) this.poller.pollNow();
  };

  App.prototype.explain = function (err, what) {
    if (err.status === 409) {
      return 'Someone else changed this ' + what + ' before you (version conflict). The view has been refreshed: check its current state and try again if still needed.';
    }
    if (err.status === 403) return 'Not allowed: ' + err.message;
    if (err.status === 422) return 'Refused: ' + err.message;
    if (err.status === 0) return 'The server could not be reached; nothing was changed. ' + err.message;
    return err.message;
  };

  App.prototype.afterWrite = function (stepId) {
    this.recentOwn.set(stepId, Date.now());
    var self = this;
    return Promise.all([this.poller ? this.poller.pollNow() : null]).then(function () {
      if (self.els.panel.stepId === stepId) return C.Panel.load(self);
    });
  };

  App.prototype.afterConflict = function (stepId) {
    var self = this;
    this.recentOwn.set(stepId, Date.now());
    // A stale ETag or version must not hide the change: fetch the full snapshot.
    return this.api.dashboard(this.iterationId, null, null).then(function (r) {
      self.etag = r.etag;
      self.applySnapshot(r.body, false);
      if (self.els.panel.stepId === stepId) return C.Panel.load(self);
    }, function () { /* the poller reports connectivity */ });
  };

  App.prototype.transition = function (action, reason) {
    var self = this, id = this.els.panel.stepId, s = this.store.steps.get(id);
    if (!s) return;
    var t = C.Store.TRANSITIONS[action];
    var detailStep = (this.els.panel.detail && this.els.panel.detail.step) || {};
    var to = t.to === 'HELD_FROM' ? (s.heldFrom || detailStep.heldFrom || 'READY') : t.to;
    var payload = { to: to, expectedVersion: s.version };
    if (reason) payload.reason = reason;
    if (t.override) payload.override = true;
    this.setBusy(true);
    return this.api.transition(this.iterationId, id, payload).then(function () {
      self.setBusy(false);
      self.say(s.code + ': ' + (U.STATUS_LABEL[s.status] || s.status) + ' \u2192 ' + (U.STATUS_LABEL[to] || to) + '.', 'success');
      return self.afterWrite(id);
    }, function (err) {
      self.setBusy(false);
      self.say(self.explain(err, 'step'), err.status === 409 ? 'conflict' : 'error');
      if (err.status === 409) return self.afterConflict(id);
    });
  };

  App.prototype.tickTask = function (task, done, box) {
    var self = this, id = this.els.panel.stepId;
    box.disabled = true;
    return this.api.task(this.iterationId, task.id, { done: done, expectedVersion: task.version }).then(function () {
      self.say((done ? 'Task done: ' : 'Task reopened: ') + task.title, 'success');
      return self.afterWrite(id);
    }, function (err) {
      box.checked = !done;
      box.disabled = false;
      self.say(self.explain(err, 'task'), err.status === 409 ? 'conflict' : 'error');
      if (err.status === 409) return self.afterConflict(id);
    });
  };

  App.prototype.setControl = function (control, status, note) {
    var self = this, id = this.els.panel.stepId;
    var payload = { status: status };
    if (note) payload.note = note;
    if (control.version !== null && control.version !== undefined) payload.expectedVersion = control.version;
    return this.api.control(this.iterationId, control.id, payload).then(function () {
      self.say('Control ' + control.code + ' ' + (status === 'PASSED' ? 'passed' : 'failed') + '.', 'success');
      return self.afterWrite(id);
    }, function (err) {
      self.say(self.explain(err, 'control'), err.status === 409 ? 'conflict' : 'error');
      if (err.status === 409) return self.afterConflict(id);
    });
  };

  App.prototype.setBusy = function (busy) {
    var buttons = this.els.panel.actions.querySelectorAll('button');
    for (var i = 0; i < buttons.length; i++) buttons[i].disabled = busy;
    this.els.panel.root.setAttribute('aria-busy', busy ? 'true' : 'false');
  };

  // ---------------------------------------------------------------- live indicator

  App.prototype.onLiveState = function (info) {
    var self = this;
    C.Header.updateLive(this, info);
    this.container.setAttribute('data-live', info.state);
    clearInterval(this.countdown);
    if (info.state === 'reconnecting' || info.state === 'offline') {
      // Count down to the next retry so the text never looks frozen.
      this.countdown = setInterval(function () {
        var p = self.poller;
        if (!p || !p.nextAt || (p.state !== 'reconnecting' && p.state !== 'offline')) { clearInterval(self.countdown); return; }
        C.Header.updateLive(self, { state: p.state, lastOk: p.lastOk, nextInMs: Math.max(0, p.nextAt - Date.now()), failures: p.failures });
      }, 1000);
    }
  };

  App.prototype.destroy = function () {
    if (this.poller) this.poller.stop();
    clearInterval(this.tick);
    clearInterval(this.countdown);
  };

  C.App = App;
  C.apps = C.apps || [];

  /** Starts every dashboard container on the page (Confluence may render several macros). */
  C.boot = function (root) {
    var nodes = (root || document).querySelectorAll('.cutplan-dashboard:not([data-cp-started])');
    for (var i = 0; i < nodes.length; i++) {
      nodes[i].setAttribute('data-cp-started', 'true');
      var app = new App(nodes[i]);
      C.apps.push(app);
      app.start();
    }
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { C.boot(); });
  else C.boot();
})(window.Cutplan = window.Cutplan || {});
