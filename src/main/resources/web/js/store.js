/*
 * Cutplan dashboard: the client-side model of one iteration. Normalises the engine's snapshot and deltas
 * into Maps keyed by id, computes the aggregates the page shows (counts, per phase and chapter progress,
 * late flags) and reports which step ids changed so renderers touch only those rows.
 */
(function (C) {
  'use strict';
  var U = C.util;

  function first() {
    for (var i = 0; i < arguments.length; i++) {
      if (arguments[i] !== undefined && arguments[i] !== null) return arguments[i];
    }
    return null;
  }
  function obj(v) { return v && typeof v === 'object' ? v : {}; }

  function Store() {
    this.iteration = null;
    this.version = null;
    this.caller = { username: null, displayName: null, role: null, teamIds: {}, known: false, pilot: false, admin: false, permissions: {} };
    this.teams = new Map();      // id -> {id, code, name}
    this.phases = [];            // [{id, name, chapterIds: []}]
    this.chapters = new Map();   // id -> {id, code, name, phaseId, plannedStart, plannedEnd}
    this.steps = new Map();      // step instance id -> step
    this.byCanonical = new Map();// canonical step id -> step instance id
    this.order = [];             // step instance ids in plan order
    this.structureKey = '';
  }

  Store.prototype.normalizeCaller = function (raw) {
    raw = obj(raw);
    var teamIds = {};
    var teams = raw.teamIds || raw.teams || [];
    for (var i = 0; i < teams.length; i++) {
      var t = teams[i];
      var tid = typeof t === 'object' ? first(t.id, t.teamId) : t;
      if (tid) teamIds[tid] = true;
      if (typeof t === 'object' && tid && !this.teams.has(tid)) this.teams.set(tid, { id: tid, code: t.code || '', name: t.name || t.code || '' });
    }
    var role = raw.role || null;
    var perms = {};
    var given = obj(raw.permissions || raw.may || raw.can);
    for (var k in given) perms[k] = given[k];
    if (raw.canComment !== undefined) perms.comment = !!raw.canComment;
    if (raw.canOverrideGate !== undefined) perms.overrideGate = !!raw.canOverrideGate;
    return {
      userId: first(raw.userId, null),
      username: first(raw.username, raw.name),
      displayName: first(raw.displayName, raw.username),
      role: role,
      known: !!first(raw.known, role !== null),
      admin: role === 'ADMIN',
      pilot: !!first(raw.pilot, role === 'ADMIN' || role === 'PILOT'),
      teamIds: teamIds,
      permissions: perms
    };
  };

  Store.prototype.normalizeTeam = function (t) {
    t = obj(t);
    var id = first(t.id, t.teamId);
    if (!id) return null;
    return { id: id, code: first(t.code, ''), name: first(t.name, t.code, '') };
  };

  Store.prototype.normalizeStep = function (r) {
    r = obj(r);
    var owner = obj(r.ownerTeam || r.owner || r.team);
    var ownerId = first(r.ownerTeamId, owner.id);
    if (ownerId && !this.teams.has(ownerId) && (owner.code || owner.name || r.ownerTeamCode || r.ownerTeamName)) {
      this.teams.set(ownerId, { id: ownerId, code: first(owner.code, r.ownerTeamCode, ''), name: first(owner.name, r.ownerTeamName, owner.code, r.ownerTeamCode, '') });
    }
    var chapter = obj(r.chapter);
    var tasks = obj(r.tasks && !Array.isArray(r.tasks) ? r.tasks : null);
    var impacted = r.impactedTeamIds || (r.impactedTeams || []).map(function (t) { return typeof t === 'object' ? t.id : t; });
    return {
      id: first(r.id, r.stepInstanceId),
      stepId: first(r.stepId, r.canonicalStepId),
      code: first(r.code, r.stepCode, ''),
      title: first(r.title, ''),
      type: first(r.type, r.stepType, ''),
      chapterId: first(r.chapterId, chapter.id),
      ownerTeamId: ownerId,
      impactedTeamIds: impacted || [],
      status: first(r.status, 'PENDING'),
      heldFrom: first(r.heldFrom, null),
      version: first(r.version, r.expectedVersion, 1),
      plannedMinutes: first(r.plannedDurationMinutes, r.plannedMinutes, r.durationMinutes, null),
      plannedStart: first(r.plannedStart, null),
      plannedEnd: first(r.plannedEnd, null),
      readyAt: first(r.readyAt, null),
      startedAt: first(r.startedAt, r.actualStart, null),
      finishedAt: first(r.finishedAt, r.actualEnd, null),
      predecessorIds: r.predecessorIds || r.predecessors || [],
      successorIds: r.successorIds || r.successors || null,
      tasksDone: first(r.tasksDone, tasks.done, 0),
      tasksTotal: first(r.tasksTotal, r.taskCount, tasks.total, 0),
      goNoGo: !!first(r.goNoGo, r.gate, false),
      gateOverridden: !!first(r.gateOverridden, false),
      serverLate: !!first(r.late, false),
      openCriticalControls: first(r.openCriticalControls, 0),
      commentCount: first(r.comments, r.commentCount, 0),
      lastActor: first(r.lastActorName, r.lastActor, null),
      actions: first(r.allowedTransitions, r.allowedActions, r.actions, null),
      changedInVersion: first(r.changedInVersion, null)
    };
  };

  /** Accepts nested phases[{chapters[]}] or flat chapters[] with a phase reference. */
  Store.prototype.loadStructure = function (snap) {
    var self = this;
    this.phases = [];
    this.chapters = new Map();
    var phases = snap.macroPhases || snap.phases || [];
    var flatChapters = snap.chapters || [];
    var phaseIndex = {};
    phases.forEach(function (p) {
      var ph = { id: first(p.id, p.macroPhaseId, p.name), name: first(p.name, ''), position: first(p.position, 0), chapterIds: [], planned: { start: p.plannedStart || null, end: p.plannedEnd || null } };
      phaseIndex[ph.id] = ph;
      self.phases.push(ph);
      (p.chapters || []).forEach(function (c) { self.addChapter(c, ph); });
    });
    flatChapters.forEach(function (c) {
      var pid = first(c.macroPhaseId, c.phaseId, obj(c.macroPhase).id);
      var ph = phaseIndex[pid];
      if (!ph) {
        ph = { id: pid || 'phase', name: first(c.macroPhaseName, c.phaseName, obj(c.macroPhase).name, ''), chapterIds: [], planned: {} };
        phaseIndex[ph.id] = ph;
        self.phases.push(ph);
      }
      if (!self.chapters.has(first(c.id, c.chapterId))) self.addChapter(c, ph);
    });
  };

  Store.prototype.addChapter = function (c, ph) {
    var id = first(c.id, c.chapterId);
    var ch = {
      id: id, code: first(c.code, ''), name: first(c.name, ''), phaseId: ph.id,
      plannedStart: first(c.plannedStart, c.scheduledStart, obj(c.schedule).plannedStart, null),
      plannedEnd: first(c.plannedEnd, c.scheduledEnd, obj(c.schedule).plannedEnd, null)
    };
    this.chapters.set(id, ch);
    ph.chapterIds.push(id);
  };

  /** Steps whose chapter the snapshot did not describe still get a group. */
  Store.prototype.ensureChaptersFromSteps = function (rawSteps) {
    var self = this;
    rawSteps.forEach(function (r) {
      var cid = first(r.chapterId, obj(r.chapter).id);
      if (!cid || self.chapters.has(cid)) return;
      var pid = first(r.macroPhaseId, obj(r.macroPhase).id, r.macroPhaseName, 'phase');
      var ph = self.phases.find(function (p) { return p.id === pid; });
      if (!ph) {
        ph = { id: pid, name: first(r.macroPhaseName, obj(r.macroPhase).name, ''), chapterIds: [], planned: {} };
        self.phases.push(ph);
      }
      self.addChapter({ id: cid, code: first(r.chapterCode, obj(r.chapter).code, ''), name: first(r.chapterName, obj(r.chapter).name, '') }, ph);
    });
  };

  /** Replaces everything from a full snapshot. Returns {structureChanged, changedIds}. */
  Store.prototype.applySnapshot = function (snap) {
    var self = this;
    snap = obj(snap);
    (snap.teams || []).forEach(function (t) { var n = self.normalizeTeam(t); if (n) self.teams.set(n.id, n); });
    this.iteration = this.normalizeIteration(snap.iteration || snap);
    this.caller = this.normalizeCaller(snap.caller || snap.me || snap.user);
    this.version = first(snap.version, snap.changeVersion, this.iteration.changeVersion, 0);
    var rawSteps = snap.steps || [];
    this.loadStructure(snap);
    this.ensureChaptersFromSteps(rawSteps);
    var oldSteps = this.steps;
    this.steps = new Map();
    this.byCanonical = new Map();
    this.order = [];
    var changed = [];
    for (var i = 0; i < rawSteps.length; i++) {
      var s = this.normalizeStep(rawSteps[i]);
      var old = oldSteps.get(s.id);
      if (old && stepDiffers(old, s)) changed.push(s.id);
      this.steps.set(s.id, s);
      if (s.stepId) this.byCanonical.set(s.stepId, s.id);
      this.order.push(s.id);
    }
    this.linkSuccessors();
    var key = this.order.join(',') + '|' + Array.from(this.chapters.keys()).join(',');
    var structureChanged = key !== this.structureKey;
    this.structureKey = key;
    return { structureChanged: structureChanged, changedIds: changed };
  };

  Store.prototype.normalizeIteration = function (it) {
    it = obj(it);
    var mig = obj(it.migration);
    return {
      id: first(it.id, it.iterationId),
      code: first(it.code, ''),
      name: first(it.name, it.code, ''),
      type: first(it.type, it.iterationType, ''),
      status: first(it.status, ''),
      plannedStart: first(it.plannedStart, null),
      plannedEnd: first(it.plannedEnd, null),
      changeVersion: first(it.changeVersion, it.version, null),
      migrationId: first(it.migrationId, mig.id, null),
      migrationCode: first(it.migrationCode, mig.code, ''),
      migrationName: first(it.migrationName, mig.name, ''),
      notificationMode: first(it.notificationMode, null)
    };
  };

  /**
   * Applies a delta ({version, steps: [changed steps], iteration?, chapters?, events?}).
   * Returns {changedIds, unknown: true when a step is new (the caller then reloads the snapshot)}.
   */
  Store.prototype.applyDelta = function (delta) {
    delta = obj(delta);
    var changed = [];
    var unknown = false;
    var raw = delta.steps || delta.changedSteps || [];
    for (var i = 0; i < raw.length; i++) {
      var s = this.normalizeStep(raw[i]);
      var old = this.steps.get(s.id);
      if (!old) { unknown = true; continue; }
      // The engine sends whole step records (null fields left out), so a record replaces the old one;
      // only the derived links are kept.
      var merged = s;
      merged.successorIds = old.successorIds;
      merged.predecessorIds = this.resolveIds(s.predecessorIds);
      if (old._search !== undefined && old.title === s.title && old.ownerTeamId === s.ownerTeamId) merged._search = old._search;
      if (stepDiffers(old, merged)) changed.push(s.id);
      this.steps.set(s.id, merged);
    }
    if (delta.iteration) {
      var it = this.normalizeIteration(delta.iteration);
      for (var k in it) if (it[k] !== null && it[k] !== '') this.iteration[k] = it[k];
    }
    var chapters = delta.chapters || delta.schedule || [];
    for (var j = 0; j < chapters.length; j++) {
      var c = chapters[j], ch = this.chapters.get(first(c.id, c.chapterId));
      if (ch) {
        ch.plannedStart = first(c.plannedStart, c.scheduledStart, null);
        ch.plannedEnd = first(c.plannedEnd, c.scheduledEnd, null);
      }
    }
    var v = first(delta.version, delta.changeVersion, null);
    if (v !== null) this.version = v;
    return { changedIds: changed, unknown: unknown };
  };

  var COMPARED = ['status', 'version', 'startedAt', 'finishedAt', 'readyAt', 'tasksDone', 'tasksTotal', 'gateOverridden', 'title', 'ownerTeamId', 'plannedStart', 'plannedEnd'];
  function stepDiffers(a, b) {
    for (var i = 0; i < COMPARED.length; i++) {
      if (a[COMPARED[i]] !== b[COMPARED[i]]) return true;
    }
    return false;
  }

  Store.prototype.resolveIds = function (ids) {
    var self = this;
    return (ids || []).map(function (p) {
      var id = typeof p === 'object' ? first(p.id, p.stepInstanceId, p.stepId) : p;
      return self.steps.has(id) ? id : (self.byCanonical.get(id) || id);
    });
  };

  /** Predecessor ids may name step instances or canonical steps: resolve to instance ids, fill successors. */
  Store.prototype.linkSuccessors = function () {
    var self = this;
    var succ = new Map();
    this.steps.forEach(function (s) {
      s.predecessorIds = (s.predecessorIds || []).map(function (p) {
        var id = typeof p === 'object' ? first(p.id, p.stepInstanceId, p.stepId) : p;
        return self.steps.has(id) ? id : (self.byCanonical.get(id) || id);
      });
      s.predecessorIds.forEach(function (p) {
        if (!succ.has(p)) succ.set(p, []);
        succ.get(p).push(s.id);
      });
    });
    this.steps.forEach(function (s) {
      if (!s.successorIds || !s.successorIds.length) s.successorIds = succ.get(s.id) || [];
      else s.successorIds = s.successorIds.map(function (p) {
        var id = typeof p === 'object' ? first(p.id, p.stepInstanceId, p.stepId) : p;
        return self.steps.has(id) ? id : (self.byCanonical.get(id) || id);
      });
    });
  };

  // ---------------------------------------------------------------- derived values

  Store.prototype.team = function (id) { return id ? this.teams.get(id) || null : null; };

  Store.prototype.teamLabel = function (id) {
    var t = this.team(id);
    return t ? (t.code || t.name) : '';
  };

  Store.prototype.isMine = function (step) {
    var ids = this.caller.teamIds;
    if (step.ownerTeamId && ids[step.ownerTeamId]) return true;
    for (var i = 0; i < step.impactedTeamIds.length; i++) if (ids[step.impactedTeamIds[i]]) return true;
    return false;
  };

  Store.prototype.ownsStep = function (step) {
    return !!(step.ownerTeamId && this.caller.teamIds[step.ownerTeamId]);
  };

  /** Predecessors not yet DONE/SKIPPED. */
  Store.prototype.openPredecessors = function (step) {
    var n = 0;
    for (var i = 0; i < step.predecessorIds.length; i++) {
      var p = this.steps.get(step.predecessorIds[i]);
      if (p && p.status !== 'DONE' && p.status !== 'SKIPPED') n++;
    }
    return n;
  };

  /**
   * Late: running past its planned duration, or not finished past its chapter's (or its own) planned end.
   * Returns null or a short reason.
   */
  Store.prototype.lateReason = function (step, now) {
    if (U.FINISHED[step.status]) {
      var end = U.toDate(step.finishedAt), pe = U.toDate(step.plannedEnd);
      if (end && pe && end.getTime() > pe.getTime() && step.status === 'DONE') return null;
      return null;
    }
    if (step.status === 'IN_PROGRESS' && step.startedAt && step.plannedMinutes) {
      // (the server's own late flag is a fallback below: ours follows the clock between polls)
      var over = (now - U.toDate(step.startedAt).getTime()) / 60000 - step.plannedMinutes;
      if (over > 0) return 'Running ' + U.fmtDuration(over) + ' over its planned ' + U.fmtDuration(step.plannedMinutes);
    }
    var planEnd = U.toDate(step.plannedEnd);
    if (planEnd && now > planEnd.getTime()) return 'Past its planned end ' + U.fmtTime(planEnd);
    var ch = this.chapters.get(step.chapterId);
    var chEnd = ch && U.toDate(ch.plannedEnd);
    if (chEnd && now > chEnd.getTime()) return 'Past its chapter\u2019s planned end ' + U.fmtTime(chEnd);
    if (step.serverLate) return 'Late by the server\u2019s plan';
    return null;
  };

  /** Counts by status, and per chapter / phase: total, finished, done, failed, running, late, actual window. */
  Store.prototype.aggregates = function (now) {
    var counts = {}, byChapter = new Map(), total = 0, finished = 0, late = 0;
    U.STATUSES.forEach(function (s) { counts[s] = 0; });
    for (var i = 0; i < this.order.length; i++) {
      var s = this.steps.get(this.order[i]);
      counts[s.status] = (counts[s.status] || 0) + 1;
      total++;
      var a = byChapter.get(s.chapterId);
      if (!a) { a = { total: 0, finished: 0, failed: 0, running: 0, late: 0, start: null, end: null, open: 0 }; byChapter.set(s.chapterId, a); }
      a.total++;
      if (U.FINISHED[s.status]) { a.finished++; finished++; } else a.open++;
      if (s.status === 'FAILED') a.failed++;
      if (s.status === 'IN_PROGRESS') a.running++;
      if (this.lateReason(s, now)) { a.late++; late++; }
      var st = U.toDate(s.startedAt), fi = U.toDate(s.finishedAt);
      if (st && (!a.start || st < a.start)) a.start = st;
      if (fi && (!a.end || fi > a.end)) a.end = fi;
    }
    var byPhase = new Map();
    var self = this;
    this.phases.forEach(function (ph) {
      var p = { total: 0, finished: 0, failed: 0, running: 0, late: 0, start: null, end: null, open: 0, plannedStart: null, plannedEnd: null };
      ph.chapterIds.forEach(function (cid) {
        var a = byChapter.get(cid);
        var ch = self.chapters.get(cid);
        if (ch) {
          var ps = U.toDate(ch.plannedStart), pe = U.toDate(ch.plannedEnd);
          if (ps && (!p.plannedStart || ps < p.plannedStart)) p.plannedStart = ps;
          if (pe && (!p.plannedEnd || pe > p.plannedEnd)) p.plannedEnd = pe;
        }
        if (!a) return;
        ['total', 'finished', 'failed', 'running', 'late', 'open'].forEach(function (k) { p[k] += a[k]; });
        if (a.start && (!p.start || a.start < p.start)) p.start = a.start;
        if (a.end && (!p.end || a.end > p.end)) p.end = a.end;
      });
      byPhase.set(ph.id, p);
    });
    return { counts: counts, total: total, finished: finished, late: late, byChapter: byChapter, byPhase: byPhase };
  };

  /** How far through its planned window "now" is, 0..1 (null without a plan). */
  Store.plannedFraction = function (start, end, now) {
    var s = U.toDate(start), e = U.toDate(end);
    if (!s || !e || e <= s) return null;
    return Math.max(0, Math.min(1, (now - s.getTime()) / (e.getTime() - s.getTime())));
  };

  // ---------------------------------------------------------------- what the caller may do

  // Mirrors the engine's StepTransitions table (io.cutplan.domain.StepTransitions): who may move what.
  var TRANSITIONS = {
    start: { to: 'IN_PROGRESS', from: ['READY'], label: 'Start' },
    complete: { to: 'DONE', from: ['IN_PROGRESS'], label: 'Complete' },
    fail: { to: 'FAILED', from: ['IN_PROGRESS'], label: 'Fail', reason: 'optional' },
    retry: { to: 'IN_PROGRESS', from: ['FAILED'], label: 'Retry' },
    hold: { to: 'ON_HOLD', from: ['READY', 'IN_PROGRESS'], label: 'Hold', reason: 'optional' },
    resume: { to: 'HELD_FROM', from: ['ON_HOLD'], label: 'Resume' },
    skip: { to: 'SKIPPED', from: ['PENDING', 'READY', 'ON_HOLD', 'FAILED'], label: 'Skip', pilot: true, reason: 'required' },
    cancel: { to: 'CANCELLED', from: ['PENDING', 'READY', 'IN_PROGRESS', 'ON_HOLD', 'FAILED'], label: 'Cancel step', pilot: true, reason: 'required' },
    reopen: { to: 'IN_PROGRESS', from: ['DONE'], label: 'Reopen', pilot: true, reason: 'required' },
    restore: { to: 'PENDING', from: ['SKIPPED', 'CANCELLED'], label: 'Restore', pilot: true, reason: 'required' },
    override: { to: 'DONE', from: ['IN_PROGRESS'], label: 'Override gate\u2026', pilot: true, reason: 'required', override: true }
  };
  Store.TRANSITIONS = TRANSITIONS;
  Store.ACTION_ORDER = ['start', 'complete', 'retry', 'resume', 'fail', 'hold', 'skip', 'override', 'reopen', 'restore', 'cancel'];

  /** Maps a server-side target status (from allowedTransitions) to our action names. */
  function actionsFromTargets(step, targets) {
    var out = [];
    targets.forEach(function (t) {
      var to = typeof t === 'object' ? first(t.to, t.status, t.action) : t;
      var name = String(to);
      var lower = name.toLowerCase();
      if (TRANSITIONS[lower]) { out.push(lower); return; }
      if (name === 'IN_PROGRESS') out.push(step.status === 'READY' ? 'start' : step.status === 'FAILED' ? 'retry' : step.status === 'ON_HOLD' ? 'resume' : step.status === 'DONE' ? 'reopen' : 'start');
      else if (name === 'DONE') out.push('complete');
      else if (name === 'FAILED') out.push('fail');
      else if (name === 'ON_HOLD') out.push('hold');
      else if (name === 'SKIPPED') out.push('skip');
      else if (name === 'CANCELLED') out.push('cancel');
      else if (name === 'READY') out.push('resume');
      else if (name === 'PENDING') out.push('restore');
    });
    return out;
  }

  /**
   * The transitions to offer on a step. The server's own list (allowedTransitions) wins when the snapshot
   * carries one; otherwise the documented role rules: pilots everything, executors start, complete, fail,
   * retry, hold and resume their teams' steps, everyone else nothing. The API enforces it regardless.
   */
  Store.prototype.allowedActions = function (step, gate) {
    var c = this.caller;
    var names;
    var mayOverride = c.permissions.overrideGate !== undefined ? c.permissions.overrideGate : c.pilot;
    if (Array.isArray(step.actions)) {
      names = actionsFromTargets(step, step.actions);
      if (mayOverride && names.indexOf('complete') >= 0) names.push('override');
    } else {
      names = [];
      if (!c.known) return names;
      var mayAct = c.pilot || this.ownsStep(step);
      if (!mayAct) return names;
      Store.ACTION_ORDER.forEach(function (a) {
        var t = TRANSITIONS[a];
        if (t.pilot && !c.pilot) return;
        if (a === 'override' && !mayOverride) return;
        if (t.from.indexOf(step.status) < 0) return;
        names.push(a);
      });
      if (!step.ownerTeamId && !c.pilot) names = [];
    }
    // The gate override is only worth a button where the gate can block: open tasks or a go/no-go step.
    var gateMayBlock = gate ? gate.blocked : (step.goNoGo || step.tasksDone < step.tasksTotal || step.openCriticalControls > 0);
    if (names.indexOf('override') >= 0 && !gateMayBlock) names.splice(names.indexOf('override'), 1);
    var uniq = [];
    Store.ACTION_ORDER.forEach(function (a) { if (names.indexOf(a) >= 0) uniq.push(a); });
    return uniq;
  };

  Store.prototype.mayComment = function () {
    var p = this.caller.permissions;
    if (p && p.comment !== undefined) return !!p.comment;
    return !!this.caller.known;
  };

  Store.prototype.mayTickTask = function (step, task) {
    var c = this.caller;
    if (task && task.mayComplete !== undefined && task.mayComplete !== null) return !!task.mayComplete;
    if (task && task.canComplete !== undefined) return !!task.canComplete;
    if (!c.known) return false;
    if (c.pilot) return true;
    if (task && task.assignedTeamId && c.teamIds[task.assignedTeamId]) return true;
    return this.ownsStep(step);
  };

  Store.prototype.maySetControl = function (step, control) {
    var c = this.caller;
    if (control && control.maySet !== undefined && control.maySet !== null) return !!control.maySet;
    if (control && control.canSet !== undefined) return !!control.canSet;
    if (!c.known) return false;
    return c.pilot || this.ownsStep(step);
  };

  Store.prototype.mayEditSchedule = function () {
    var p = this.caller.permissions;
    if (p && p.editSchedule !== undefined) return !!p.editSchedule;
    return this.caller.pilot;
  };

  Store.prototype.mayAdminister = function () {
    return this.caller.pilot;
  };

  C.Store = Store;
})(window.Cutplan = window.Cutplan || {});
