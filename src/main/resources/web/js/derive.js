/*
 * Cutplan dashboard: what the page computes from the state, as pure functions (no DOM, no requests): late flags,
 * counts and progress per chapter and macro-phase, dependencies, which rows a filter shows, and which buttons the
 * server's allowedTransitions become. The server's allowedTransitions is the only state machine on the client:
 * nothing here decides whether a move is allowed, only how to label the moves the server offers.
 */
(function (C) {
  'use strict';
  var U = C.util;
  var D = C.derive = {};

  /** A step's owner team id and name (the server's Ref: a dashboard step names the team, without its code). */
  D.teamId = function (s) { return s.ownerTeam ? s.ownerTeam.id : null; };
  D.teamName = function (s) { return s.ownerTeam ? s.ownerTeam.name || '' : ''; };

  /** The teams owning steps, sorted by name: [{id, name}]. */
  D.teams = function (state) {
    var seen = new Map();
    state.steps.forEach(function (s) { if (s.ownerTeam && !seen.has(s.ownerTeam.id)) seen.set(s.ownerTeam.id, { id: s.ownerTeam.id, name: s.ownerTeam.name || '' }); });
    return Array.from(seen.values()).sort(function (a, b) { return a.name.localeCompare(b.name); });
  };

  D.callerTeamIds = function (state) { return (state.caller && state.caller.teamIds) || []; };

  /** Owned by one of the caller's teams. */
  D.isMine = function (state, s) {
    var id = D.teamId(s);
    return !!id && D.callerTeamIds(state).indexOf(id) >= 0;
  };

  // Readiness as the server's domain.Readiness (issue 17: a skip passes a release through, it does not jump ahead).
  // A step is settled when the work flowing through it is over: DONE, or SKIPPED or CANCELLED with every in-scope
  // predecessor settled. It releases its successors when DONE, or SKIPPED and settled; CANCELLED never releases.
  // Predecessors missing from state.steps are out of the iteration's scope and hold nothing back.
  function passThrough(status) { return status === 'SKIPPED' || status === 'CANCELLED'; }

  function settled(state, id, memo, onPath) {
    var p = state.steps.get(id);
    if (!p || p.status === 'DONE') return true;
    if (!passThrough(p.status)) return false;
    if (memo.has(id)) return memo.get(id);
    if (onPath[id]) return false; // a cycle (plans cannot have one): nothing on it is earned
    onPath[id] = true;
    var ok = (p.predecessorIds || []).every(function (q) { return settled(state, q, memo, onPath); });
    delete onPath[id];
    memo.set(id, ok);
    return ok;
  }

  /** Whether the step with this id releases its successors (DONE, or SKIPPED with everything feeding it finished). */
  D.releases = function (state, id, memo) {
    var p = state.steps.get(id);
    if (!p) return true;
    return p.status === 'DONE' || (p.status === 'SKIPPED' && settled(state, id, memo || new Map(), {}));
  };

  /** Predecessors that do not release the step yet: unfinished, cancelled, or skipped while their own feed is open. */
  D.openPredecessors = function (state, s) {
    var n = 0, memo = new Map();
    (s.predecessorIds || []).forEach(function (id) {
      if (state.steps.get(id) && !D.releases(state, id, memo)) n++;
    });
    return n;
  };

  /**
   * The unfinished steps a skip of {@code s} would wait for before it releases its successors: everything feeding
   * it that is not finished, looked through skipped and cancelled steps; sorted by code. Empty: the skip releases
   * at once.
   */
  D.skipWaitsFor = function (state, s) {
    var out = [], walked = {}, listed = {}, memo = new Map(), todo = [s.id];
    walked[s.id] = true;
    while (todo.length) {
      var k = state.steps.get(todo.shift());
      (k && k.predecessorIds || []).forEach(function (id) {
        var p = state.steps.get(id);
        if (!p || settled(state, id, memo, {})) return;
        if (passThrough(p.status)) {
          if (!walked[id]) { walked[id] = true; todo.push(id); }
        } else if (!listed[id]) {
          listed[id] = true;
          out.push(p);
        }
      });
    }
    return out.sort(function (a, b) { return a.code < b.code ? -1 : a.code > b.code ? 1 : 0; });
  };

  D.successors = function (state, s) { return state.index.successors.get(s.id) || []; };

  /**
   * Late now: the step needs attention now, as the forecast says (issue 12): OVERRUNNING (running past its planned
   * duration) or LATE_START (waiting, and its forecast start is past its planned start). Finished steps never are.
   * With a forecast in state.forecast its lateness decides, with its one-line reason; before the first forecast
   * arrives (or if it cannot be fetched) the server's `late` flag (the same rule at the snapshot's time) decides,
   * and a running step past its planned duration by the clock. Null or a reason.
   */
  D.lateReason = function (state, s, now) {
    if (U.FINISHED[s.status]) return null;
    if (state.forecast) {
      var f = C.Forecast.step(state.forecast, s.id);
      return C.Forecast.needsAttention(f) ? f.lateness.reason || C.Forecast.latenessText(f.lateness) : null;
    }
    if (s.status === 'IN_PROGRESS' && s.startedAt && s.plannedMinutes) {
      var over = (now - U.toDate(s.startedAt).getTime()) / 60000 - s.plannedMinutes;
      if (over > 0) return 'Running ' + U.fmtDuration(over) + ' over its planned ' + U.fmtDuration(s.plannedMinutes);
    }
    if (s.late) return 'Needs attention: overrunning or a late start (as of the last update)';
    return null;
  };

  /**
   * Needs someone now: late (see lateReason) and not merely waiting. A PENDING step forecast to start late waits
   * for its predecessors, so nobody can act on it: its late start follows from the delay upstream, which the
   * overrunning steps, the ready steps past their planned start and the forecast end already show. Counting those
   * too made the counter the noise issue 12 was about (654 of DR2's 1,200 steps). Null or the reason.
   */
  D.attentionNow = function (state, s, now) {
    return s.status === 'PENDING' ? null : D.lateReason(state, s, now);
  };

  /**
   * Counts by status and, per chapter and macro-phase, total, finished, failed, running, late and the actual window.
   * `late` counts what needs attention now (attentionNow); `lateLater` the waiting steps forecast to start late.
   * Computed from the steps, so a write's answer moves them at once (the server's aggregates arrive with the next
   * delta and agree).
   */
  D.aggregates = function (state, now) {
    var counts = {}, byChapter = new Map(), total = 0, finished = 0, late = 0, lateLater = 0, overridesWaiting = 0;
    U.STATUSES.forEach(function (st) { counts[st] = 0; });
    state.steps.forEach(function (s) {
      counts[s.status] = (counts[s.status] || 0) + 1;
      total++;
      var a = byChapter.get(s.chapterId);
      if (!a) { a = { total: 0, finished: 0, failed: 0, running: 0, late: 0, start: null, end: null, open: 0 }; byChapter.set(s.chapterId, a); }
      a.total++;
      if (U.FINISHED[s.status]) { a.finished++; finished++; } else a.open++;
      if (s.status === 'FAILED') a.failed++;
      if (s.status === 'IN_PROGRESS') a.running++;
      // A four-eyes gate override waiting for a second pilot (pendingOverrideBy; only an in-progress step has one).
      if (s.pendingOverrideBy && s.status === 'IN_PROGRESS') overridesWaiting++;
      if (D.lateReason(state, s, now)) {
        if (s.status === 'PENDING') lateLater++;
        else { a.late++; late++; }
      }
      var st = U.toDate(s.startedAt), fi = U.toDate(s.finishedAt);
      if (st && (!a.start || st < a.start)) a.start = st;
      if (fi && (!a.end || fi > a.end)) a.end = fi;
    });
    var byPhase = new Map();
    state.macroPhases.forEach(function (ph) {
      byPhase.set(ph.id, { total: 0, finished: 0, failed: 0, running: 0, late: 0, start: null, end: null, open: 0, plannedStart: null, plannedEnd: null });
    });
    state.chapters.forEach(function (ch) {
      var p = byPhase.get(ch.macroPhaseId);
      if (!p) return;
      var ps = U.toDate(ch.scheduledStart), pe = U.toDate(ch.scheduledEnd);
      if (ps && (!p.plannedStart || ps < p.plannedStart)) p.plannedStart = ps;
      if (pe && (!p.plannedEnd || pe > p.plannedEnd)) p.plannedEnd = pe;
      var a = byChapter.get(ch.id);
      if (!a) return;
      ['total', 'finished', 'failed', 'running', 'late', 'open'].forEach(function (k) { p[k] += a[k]; });
      if (a.start && (!p.start || a.start < p.start)) p.start = a.start;
      if (a.end && (!p.end || a.end > p.end)) p.end = a.end;
    });
    return { counts: counts, total: total, finished: finished, late: late, lateLater: lateLater, overridesWaiting: overridesWaiting,
      byChapter: byChapter, byPhase: byPhase };
  };

  /** How far through its planned window "now" is, 0..1 (null without a plan). */
  D.plannedFraction = function (start, end, now) {
    var s = U.toDate(start), e = U.toDate(end);
    if (!s || !e || e <= s) return null;
    return Math.max(0, Math.min(1, (now - s.getTime()) / (e.getTime() - s.getTime())));
  };

  // ---------------------------------------------------------------- filters

  /** Steps the "ready for my teams" view lists: they need attention now. */
  D.READY_STATUSES = { READY: true, IN_PROGRESS: true, ON_HOLD: true, FAILED: true };

  D.filtersActive = function (f) { return !!(f.team || f.status || f.mine || f.text.trim()); };

  /**
   * A predicate over steps for the filters {team, status ('' | a status | 'OPEN' | 'LATE' | 'CRITICAL'), mine, text}.
   * CRITICAL: exactly the forecast's criticalPath (nothing before the first forecast arrives).
   * options.ready: the "ready for my teams" view (steps needing attention; the caller's teams unless a team is chosen).
   */
  D.matcher = function (state, filters, now, options) {
    var ready = !!(options && options.ready);
    var team = filters.team, status = filters.status, mine = filters.mine || (ready && !team);
    var words = filters.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var critical = status === 'CRITICAL' ? C.Forecast.index(state.forecast).critical : null;
    return function (s) {
      if (ready && !D.READY_STATUSES[s.status]) return false;
      if (team && D.teamId(s) !== team) return false;
      if (status === 'LATE') { if (!D.attentionNow(state, s, now)) return false; }
      else if (status === 'OPEN') { if (U.FINISHED[s.status]) return false; }
      else if (critical) { if (!critical.has(s.id)) return false; }
      else if (status && s.status !== status) return false;
      if (mine && !D.isMine(state, s)) return false;
      if (words.length) {
        var hay = (s.code + ' ' + s.title + ' ' + D.teamName(s)).toLowerCase();
        for (var i = 0; i < words.length; i++) if (hay.indexOf(words[i]) < 0) return false;
      }
      return true;
    };
  };

  // ---------------------------------------------------------------- the server's moves as buttons

  /**
   * Button copy for the moves the server offers (labels and whether to ask for a reason). Which moves exist is
   * the server's allowedTransitions; the server also enforces the reason rules (400 when one is missing).
   */
  D.ACTIONS = {
    start: { label: 'Start', style: 'primary' },
    complete: { label: 'Complete', style: 'primary' },
    retry: { label: 'Retry', style: 'primary' },
    resume: { label: 'Resume', style: 'primary' },
    fail: { label: 'Fail', reason: 'optional', style: 'danger' },
    hold: { label: 'Hold', reason: 'optional' },
    skip: { label: 'Skip', reason: 'required' },
    override: { label: 'Override gate\u2026', reason: 'required', style: 'warning' },
    reopen: { label: 'Reopen', reason: 'required' },
    restore: { label: 'Restore', reason: 'required' },
    cancel: { label: 'Cancel step', reason: 'required', style: 'danger' }
  };
  D.ACTION_ORDER = ['start', 'complete', 'retry', 'resume', 'fail', 'hold', 'skip', 'override', 'reopen', 'restore', 'cancel'];

  /** The name of the button for a move from the step's status to `to` (a target status the server allows). */
  D.actionName = function (status, to) {
    switch (to) {
      case 'IN_PROGRESS': return status === 'READY' ? 'start' : status === 'FAILED' ? 'retry' : status === 'DONE' ? 'reopen' : status === 'ON_HOLD' ? 'resume' : 'start';
      case 'DONE': return 'complete';
      case 'FAILED': return 'fail';
      case 'ON_HOLD': return 'hold';
      case 'SKIPPED': return 'skip';
      case 'CANCELLED': return 'cancel';
      case 'READY': return 'resume';
      case 'PENDING': return 'restore';
      default: return null;
    }
  };

  /**
   * The buttons for a step: [{name, to, override}] in display order, from the step's allowedTransitions. The gate
   * override (a move to DONE with override: true) is offered to callers the server says may override
   * (caller.canOverrideGate), and only where the gate can block: `gate` from the step detail when loaded, else
   * the step's open tasks, open critical controls or go/no-go flag.
   */
  D.stepActions = function (state, s, gate) {
    var out = [];
    (s.allowedTransitions || []).forEach(function (to) {
      var name = D.actionName(s.status, to);
      if (name) out.push({ name: name, to: to });
    });
    var mayOverride = !!(state.caller && state.caller.canOverrideGate);
    var canComplete = out.some(function (a) { return a.to === 'DONE'; });
    var gateMayBlock = gate ? gate.blocked : (s.goNoGo || s.tasksDone < s.tasksTotal || s.openCriticalControls > 0);
    if (mayOverride && canComplete && gateMayBlock) out.push({ name: 'override', to: 'DONE', override: true });
    out.sort(function (a, b) { return D.ACTION_ORDER.indexOf(a.name) - D.ACTION_ORDER.indexOf(b.name); });
    return out;
  };
})(window.Cutplan = window.Cutplan || {});
