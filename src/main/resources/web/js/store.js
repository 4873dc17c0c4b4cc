/*
 * Cutplan dashboard: the ONE state object of a dashboard and the only code that writes server bodies into it.
 * The state keeps the server's bodies with the server's field names exactly (docs/api/openapi.yaml is the
 * contract; no field is renamed, guessed or defaulted here), plus UI state under `ui` and indexes derived from
 * the bodies under `index`. Every apply function records in `state.changed` what it touched, so renderers update
 * only those rows.
 *
 *   state.iterationId          the iteration this dashboard shows
 *   state.version              Dashboard.version: the iteration's change version the page has caught up to
 *   state.serverTime           Dashboard.serverTime of the last snapshot or delta
 *   state.iteration            Dashboard.iteration (Iteration)
 *   state.caller               Dashboard.caller (CallerView)
 *   state.counts, .progress    Dashboard.counts / .progress: replaced when a body carries them
 *   state.macroPhases          Dashboard.macroPhases, in plan order, upserted by id from deltas
 *   state.chapters             Dashboard.chapters, in plan order, upserted by id from deltas
 *   state.steps                Map step instance id -> Dashboard Step, in plan order
 *   state.events               the latest Dashboard events (at most MAX_EVENTS)
 *   state.detail               StepDetail of the step open in the panel (null when none)
 *   state.schedule             Schedule (the planning view loads it)
 *   state.forecast             reserved: null until a forecast view or poller fills it
 *   state.ui                   {view, filters: {team, status, mine, text}, panelStepId, unseen: Set, live, now}
 *   state.index                derived: successors (Map id -> [ids]), chapters / macroPhases by id,
 *                              generation (+1 whenever the set of steps or chapters changes: rows are rebuilt),
 *                              aggregates (C.derive.aggregates of this render: counts, per chapter and phase)
 *   state.changed              what the last change touched: {all, structure, stepIds: [rows to redraw],
 *                              moved: [steps whose record changed], flash: [rows to highlight], shown: view id
 *                              just shown (it loads its own data then), key: the view key actions.set wrote}
 */
(function (C) {
  'use strict';

  var MAX_EVENTS = 200;
  /** Fields of a write's StepState (ChangeResult.steps[], a 409's details): null fields are left out by the server. */
  var STEP_STATE_FIELDS = ['status', 'heldFrom', 'version', 'readyAt', 'startedAt', 'finishedAt', 'gateOverridden', 'allowedTransitions'];
  /** Keys of the live model: only the apply functions below write them (views use actions.set for their own keys). */
  var MODEL_KEYS = ['iterationId', 'version', 'serverTime', 'iteration', 'caller', 'counts', 'progress', 'macroPhases',
    'chapters', 'steps', 'events', 'latestBroadcast', 'detail', 'ui', 'index', 'changed'];

  var Store = C.store = {};
  Store.MODEL_KEYS = MODEL_KEYS;

  Store.create = function (iterationId, ui) {
    return {
      iterationId: iterationId,
      version: null,
      serverTime: null,
      iteration: null,
      caller: null,
      counts: null,
      progress: null,
      macroPhases: [],
      chapters: [],
      steps: new Map(),
      events: [],
      latestBroadcast: null,
      detail: null,
      schedule: null,
      forecast: null,
      ui: Object.assign({
        view: 'runsheet',
        filters: { team: '', status: '', mine: false, text: '' },
        panelStepId: null,
        unseen: new Set(),
        live: { state: 'connecting', lastOk: null, nextInMs: null, failures: 0 },
        now: Date.now()
      }, ui || {}),
      index: { successors: new Map(), chapters: new Map(), macroPhases: new Map(), generation: 0 },
      changed: { all: true, structure: true, stepIds: [] }
    };
  };

  function reindex(state) {
    var succ = new Map();
    state.steps.forEach(function (s, id) {
      succ.set(id, succ.get(id) || []);
      (s.predecessorIds || []).forEach(function (p) {
        if (!succ.has(p)) succ.set(p, []);
        succ.get(p).push(id);
      });
    });
    state.index.successors = succ;
    state.index.chapters = byId(state.chapters);
    state.index.macroPhases = byId(state.macroPhases);
  }

  function byId(list) {
    var m = new Map();
    (list || []).forEach(function (x) { m.set(x.id, x); });
    return m;
  }

  function structureKey(state) {
    return Array.from(state.steps.keys()).join(',') + '|' + state.chapters.map(function (c) { return c.id; }).join(',');
  }

  function pushEvents(state, events) {
    if (!events || !events.length) return;
    state.events = state.events.concat(events);
    if (state.events.length > MAX_EVENTS) state.events = state.events.slice(state.events.length - MAX_EVENTS);
  }

  /** The rows a row's display depends on: the step itself and its successors ("waiting on" counts). */
  function withSuccessors(state, ids) {
    var out = new Set(ids);
    ids.forEach(function (id) { (state.index.successors.get(id) || []).forEach(function (x) { out.add(x); }); });
    return Array.from(out);
  }

  /** A full snapshot (GET /dashboard, or a delta request the server answered with kind "snapshot"). */
  Store.applySnapshot = function (state, body) {
    var oldKey = structureKey(state);
    var old = state.steps;
    state.version = body.version;
    state.serverTime = body.serverTime;
    state.iteration = body.iteration;
    if (body.caller) state.caller = body.caller;
    state.counts = body.counts;
    state.progress = body.progress;
    state.macroPhases = body.macroPhases || [];
    state.chapters = body.chapters || [];
    var steps = new Map(), changed = [];
    (body.steps || []).forEach(function (s) {
      var before = old.get(s.id);
      if (before && before.version !== s.version) changed.push(s.id);
      steps.set(s.id, s);
    });
    state.steps = steps;
    state.events = [];
    pushEvents(state, body.events);
    state.latestBroadcast = body.latestBroadcast || null;
    reindex(state);
    var structure = structureKey(state) !== oldKey;
    if (structure) state.index.generation++;
    state.changed = { all: true, structure: structure, stepIds: withSuccessors(state, changed), moved: changed };
    return state.changed;
  };

  /**
   * A delta: only the steps changed after `since` (whole records), the chapter and macro-phase aggregates it carries
   * (a PARTIAL list: upserted by id), totals replaced when present, the new events and version. Returns
   * {unknown: true} when it names a step the page does not have (the caller then loads a snapshot).
   */
  Store.applyDelta = function (state, body) {
    if (body.kind === 'snapshot') return Store.applySnapshot(state, body);
    state.changed = { all: false, structure: false, stepIds: [], moved: [] };
    if (body.changed === false) {
      state.version = body.version;
      return state.changed;
    }
    var changed = [];
    var steps = body.steps || [];
    for (var i = 0; i < steps.length; i++) {
      if (!state.steps.has(steps[i].id)) { state.changed.unknown = true; return state.changed; }
    }
    steps.forEach(function (s) {
      var old = state.steps.get(s.id);
      // A step may come back only because its `late` flag flipped with the clock (same version).
      if (old.version !== s.version || s.changedInVersion !== old.changedInVersion || !!old.late !== !!s.late) changed.push(s.id);
      state.steps.set(s.id, s);
    });
    if (body.lateStepIds) {
      // The complete late set (the server did not know the ETag's forecast): every other step is not late.
      var late = new Set(body.lateStepIds);
      state.steps.forEach(function (s, id) {
        if (!!s.late !== late.has(id)) { s.late = late.has(id); if (changed.indexOf(id) < 0) changed.push(id); }
      });
    }
    // Steps whose late flag alone flipped come as ids.
    [[body.lateOn, true], [body.lateOff, false]].forEach(function (flip) {
      (flip[0] || []).forEach(function (id) {
        var s = state.steps.get(id);
        if (s && !!s.late !== flip[1]) { s.late = flip[1]; if (changed.indexOf(id) < 0) changed.push(id); }
      });
    });
    if (body.iteration) state.iteration = body.iteration;
    if (body.counts) state.counts = body.counts;
    if (body.progress) state.progress = body.progress;
    if (body.macroPhases) upsert(state.macroPhases, body.macroPhases);
    if (body.chapters) upsert(state.chapters, body.chapters);
    pushEvents(state, body.events);
    // Present only when the delta's events post a newer broadcast: otherwise the one held stays the latest.
    if (body.latestBroadcast) Store.applyBroadcast(state, body.latestBroadcast);
    state.version = body.version;
    state.serverTime = body.serverTime;
    if (changed.length) reindex(state);
    else { state.index.chapters = byId(state.chapters); state.index.macroPhases = byId(state.macroPhases); }
    state.changed.stepIds = withSuccessors(state, changed);
    state.changed.moved = changed;
    state.changed.events = body.events || [];
    return state.changed;
  };

  /** A broadcast (a delta's latestBroadcast, or the answer of one this page posted): kept when newer than the one held. */
  Store.applyBroadcast = function (state, broadcast) {
    var held = state.latestBroadcast;
    if (!broadcast || (held && held.version > broadcast.version)) return false;
    state.latestBroadcast = broadcast;
    state.changed.broadcast = true;
    return true;
  };

  /** Replaces list entries by id (the rest keep theirs); entries the list lacks are appended. */
  function upsert(list, updates) {
    var at = new Map();
    list.forEach(function (x, i) { at.set(x.id, i); });
    updates.forEach(function (u) {
      if (at.has(u.id)) list[at.get(u.id)] = u;
      else list.push(u);
    });
  }

  /** StepStates (a write's answer or a 409's details) merged into the dashboard's step records. */
  function applyStepStates(state, stepStates) {
    var moved = [];
    (stepStates || []).forEach(function (st) {
      var s = state.steps.get(st.id);
      if (!s) return;
      STEP_STATE_FIELDS.forEach(function (f) {
        if (st[f] !== undefined) s[f] = st[f];
        else delete s[f];
      });
      moved.push(st.id);
      var d = state.detail;
      if (d && d.step && d.step.id === st.id && d.step !== s) {
        STEP_STATE_FIELDS.forEach(function (f) {
          if (st[f] !== undefined) d.step[f] = st[f];
          else delete d.step[f];
        });
      }
    });
    return moved;
  }

  /** A task's state (ChangeResult.task or a 409's details) into the open panel's detail and its step's count. */
  function applyTaskState(state, t) {
    var d = state.detail;
    var s = state.steps.get(t.stepId);
    if (!d || !d.step || d.step.id !== t.stepId) return [];
    var task = (d.tasks || []).filter(function (x) { return x.id === t.id; })[0];
    if (!task) return [];
    task.status = t.status;
    task.version = t.version;
    if (t.completedAt !== undefined) task.completedAt = t.completedAt; else delete task.completedAt;
    // The write answers the completing user's id; the panel shows a name, which is the caller's own on our write.
    if (t.completedBy === undefined) delete task.completedBy;
    else if (!task.completedBy || task.completedBy.id !== t.completedBy) {
      task.completedBy = { id: t.completedBy, name: state.caller && state.caller.userId === t.completedBy ? state.caller.displayName : '' };
    }
    var open = d.tasks.filter(function (x) { return x.status !== 'DONE'; }).length;
    if (s) s.tasksDone = d.tasks.length - open;
    if (d.gate) {
      d.gate.openTasks = open;
      d.gate.blocked = open > 0 || (d.gate.unpassedControls || []).length > 0;
    }
    return s ? [s.id] : [];
  }

  /** A control's state (ChangeResult.control or a 409's details) into the open panel's detail. */
  function applyControlState(state, c) {
    var d = state.detail;
    if (!d || !d.controls) return [];
    var control = d.controls.filter(function (x) { return x.id === c.id; })[0];
    if (!control) return [];
    ['status', 'note', 'setAt', 'version'].forEach(function (f) {
      if (c[f] !== undefined) control[f] = c[f]; else delete control[f];
    });
    if (c.setBy === undefined) delete control.setBy;
    else if (!control.setBy || control.setBy.id !== c.setBy) {
      control.setBy = { id: c.setBy, name: state.caller && state.caller.userId === c.setBy ? state.caller.displayName : '' };
    }
    if (control.critical && d.gate) {
      var unpassed = d.controls.filter(function (x) { return x.critical && x.status !== 'PASSED'; }).map(function (x) { return x.code; });
      d.gate.unpassedControls = unpassed;
      d.gate.blocked = d.gate.openTasks > 0 || unpassed.length > 0;
      var s = state.steps.get(d.step.id);
      if (s) { s.openCriticalControls = unpassed.length; return [s.id]; }
    }
    return [];
  }

  /**
   * A write's answer (ChangeResult): every changed step, the task, control or comment, the events. Applied at once:
   * no poll, no panel reload. The version is NOT advanced: the next delta (since the version the page had) may
   * still carry other people's changes made before ours.
   */
  Store.applyChange = function (state, result) {
    var ids = applyStepStates(state, result.steps);
    if (result.task) ids = ids.concat(applyTaskState(state, result.task));
    if (result.control) ids = ids.concat(applyControlState(state, result.control));
    var d = state.detail;
    if (result.comment && d && d.step && d.step.id === result.comment.stepId) {
      d.comments = (d.comments || []).concat([result.comment]);
      var s = state.steps.get(result.comment.stepId);
      if (s) s.comments = (s.comments || 0) + 1;
    }
    if (d && d.step && result.events) {
      var mine = result.events.filter(function (e) { return e.stepId === d.step.id || (e.controlId && (d.controls || []).some(function (c) { return c.id === e.controlId; })); });
      d.events = (d.events || []).concat(mine);
      mine.forEach(function (e) {
        var to = e.details && e.details.to;
        // A write's own move to FAILED / ON_HOLD is the panel's new statusReason (no second request for the detail).
        if (e.type === 'STEP_STATUS_CHANGED' && e.stepId === d.step.id && (to === 'FAILED' || to === 'ON_HOLD')) {
          d.statusReason = { status: to, reason: e.details.reason, by: { id: e.actorId, name: e.actorName }, at: e.occurredAt };
        }
      });
    }
    // The open panel shows the task, control, comment or events just applied to its detail.
    if (d && d.step && ids.indexOf(d.step.id) < 0) ids.push(d.step.id);
    state.changed = { all: false, structure: false, stepIds: withSuccessors(state, ids), moved: ids };
    return state.changed;
  };

  /**
   * A refused write's error body. A 409 carries the current state in `details` (a StepState, or the task's or
   * control's state); a 422 transition_not_allowed carries it in `details.current`. Applied like a write's answer,
   * so the row and panel show what the server has without asking for a snapshot.
   */
  Store.applyRefusal = function (state, kind, body) {
    var details = body && body.details;
    var ids = [];
    if (details) {
      if (kind === 'step') ids = applyStepStates(state, [details.current || details]);
      else if (kind === 'task') ids = applyTaskState(state, details);
      else if (kind === 'control') ids = applyControlState(state, details);
      if ((kind === 'task' || kind === 'control') && state.detail && state.detail.step) ids = ids.concat([state.detail.step.id]);
    }
    state.changed = { all: false, structure: false, stepIds: withSuccessors(state, ids), moved: ids };
    return !!details;
  };

  /** The step detail (GET /iterations/{id}/steps/{stepId}) of the open panel; its step record refreshes the row. */
  Store.applyDetail = function (state, detail) {
    state.detail = detail;
    var ids = [];
    if (detail.step && state.steps.has(detail.step.id) && state.steps.get(detail.step.id).version <= detail.step.version) {
      state.steps.set(detail.step.id, detail.step);
      ids.push(detail.step.id);
    }
    state.changed = { all: false, structure: false, stepIds: withSuccessors(state, ids), moved: [] };
  };

  /** A view's own data (state.schedule, state.forecast, ...): any key but the live model's. */
  Store.set = function (state, key, value) {
    if (MODEL_KEYS.indexOf(key) >= 0) throw new Error('state.' + key + ' belongs to the live model; views set their own keys only');
    state[key] = value;
    state.changed = { all: false, structure: false, stepIds: [], moved: [], key: key };
  };
})(window.Cutplan = window.Cutplan || {});
