/*
 * Cutplan plan editor: the data model of one canonical plan over the authoring API (docs/authoring.md).
 * It holds the plan as the server sent it (field names exactly as the API's) plus the indexes the editor needs:
 * phases in order, chapters per phase, steps per chapter, steps by id, teams and controls by id.
 *
 * Writes are queued, one at a time, each sent with If-Match: "<revision>". The server raises the plan revision by
 * exactly one per successful write (PlanEdit), so after a write sent with revision N the plan is at N + 1; if anyone
 * else wrote in between, our next write is refused with 409 stale_revision, never applied silently. The editor then
 * reloads (load()) and tells the admin which change was not saved.
 */
(function (C) {
  'use strict';

  function items(body) { return (body && (body.items || body)) || []; }
  function byPosition(a, b) { return a.position - b.position; }

  function PlanModel(api, planId) {
    this.api = api;
    this.planId = planId;
    this.queue = Promise.resolve();
    this.tasksByStep = new Map();
    this.users = null;
    this.reset();
  }

  PlanModel.prototype.reset = function () {
    this.plan = null;
    this.revision = null;
    this.phases = [];
    this.chapters = new Map();
    this.chaptersByPhase = new Map();
    this.steps = new Map();
    this.stepsByChapter = new Map();
    this.teams = [];
    this.teamById = new Map();
    this.controls = [];
    this.controlById = new Map();
    this.tasksByStep.clear();
  };

  /**
   * Loads the plan: the plan first (its revision is the one our writes will name), then its structure, teams and
   * controls in parallel. A change made by someone else between the two only makes our first write stale (409).
   */
  PlanModel.prototype.load = function () {
    var self = this, api = this.api, id = this.planId;
    return api.plan(id).then(function (plan) {
      return Promise.all([api.macroPhases(id), api.chapters(id), api.planSteps(id), api.teams(), api.planControls(id)]).then(function (r) {
        self.reset();
        self.plan = plan;
        self.revision = plan.revision;
        self.setStructure(items(r[0]), items(r[1]), items(r[2]));
        self.setTeams(items(r[3]));
        self.setControls(items(r[4]));
        return self;
      });
    });
  };

  PlanModel.prototype.setStructure = function (phases, chapters, steps) {
    var self = this;
    this.phases = phases.slice().sort(byPosition);
    this.chapters = new Map();
    this.chaptersByPhase = new Map();
    this.phases.forEach(function (p) { self.chaptersByPhase.set(p.id, []); });
    chapters.slice().sort(byPosition).forEach(function (ch) {
      self.chapters.set(ch.id, ch);
      if (!self.chaptersByPhase.has(ch.macroPhaseId)) self.chaptersByPhase.set(ch.macroPhaseId, []);
      self.chaptersByPhase.get(ch.macroPhaseId).push(ch);
    });
    this.steps = new Map();
    this.stepsByChapter = new Map();
    chapters.forEach(function (ch) { self.stepsByChapter.set(ch.id, []); });
    steps.forEach(function (s) {
      self.steps.set(s.id, s);
      if (!self.stepsByChapter.has(s.chapterId)) self.stepsByChapter.set(s.chapterId, []);
      self.stepsByChapter.get(s.chapterId).push(s);
    });
    this.stepsByChapter.forEach(function (list) { list.sort(byPosition); });
  };

  PlanModel.prototype.setTeams = function (teams) {
    var self = this;
    this.teams = teams.slice().sort(function (a, b) { return String(a.code).localeCompare(String(b.code)); });
    this.teamById = new Map();
    this.teams.forEach(function (t) { self.teamById.set(t.id, t); });
  };

  PlanModel.prototype.setControls = function (controls) {
    var self = this;
    this.controls = controls.slice().sort(function (a, b) { return String(a.code).localeCompare(String(b.code)); });
    this.controlById = new Map();
    this.controls.forEach(function (c) { self.controlById.set(c.id, c); });
  };

  /** Reloads phases, chapters and steps after a write that moved positions (creates, moves, deletes). */
  PlanModel.prototype.refreshStructure = function () {
    var self = this, api = this.api, id = this.planId;
    return Promise.all([api.macroPhases(id), api.chapters(id), api.planSteps(id)]).then(function (r) {
      self.setStructure(items(r[0]), items(r[1]), items(r[2]));
    });
  };

  PlanModel.prototype.refreshControls = function () {
    var self = this;
    return this.api.planControls(this.planId).then(function (r) { self.setControls(items(r)); });
  };

  PlanModel.prototype.loadUsers = function () {
    var self = this;
    if (this.users) return Promise.resolve(this.users);
    return this.api.users().then(function (r) {
      self.users = items(r).filter(function (u) { return u.active !== false; })
        .sort(function (a, b) { return String(a.username).localeCompare(String(b.username)); });
      return self.users;
    });
  };

  /** Tasks of a step, fetched on demand (a 1,200-step plan has thousands) and cached until the step changes. */
  PlanModel.prototype.tasks = function (stepId, fresh) {
    var self = this;
    if (!fresh && this.tasksByStep.has(stepId)) return Promise.resolve(this.tasksByStep.get(stepId));
    return this.api.planTasks(this.planId, stepId).then(function (r) {
      var list = items(r).slice().sort(byPosition);
      self.tasksByStep.set(stepId, list);
      return list;
    });
  };

  /**
   * Runs one write after the previous one finished, with the revision we know. fn(revision) returns the request's
   * promise; on success the revision moves on by one and after(result) updates the indexes. Errors are passed on
   * with err.stale set for 409 stale_revision and err.label naming the change that was not saved.
   */
  PlanModel.prototype.write = function (label, fn, after) {
    var self = this;
    var run = function () {
      return fn(self.revision).then(function (result) {
        self.revision = self.revision + 1;
        return Promise.resolve(after ? after(result) : null).then(function () { return result; });
      }, function (err) {
        err.label = label;
        err.stale = err.status === 409 && err.code === 'stale_revision';
        throw err;
      });
    };
    var p = this.queue.then(run, run);
    this.queue = p.catch(function () { return null; });
    return p;
  };

  // ---------------------------------------------------------------- bodies (PUT replaces every field: send all)

  PlanModel.stepBody = function (s, changes) {
    var b = { chapterId: s.chapterId, code: s.code, type: s.type || null, title: s.title, description: s.description || null,
      ownerTeamId: s.ownerTeamId || null, impactedTeamIds: (s.impactedTeamIds || []).slice(),
      plannedDurationMinutes: s.plannedDurationMinutes, goNoGo: !!s.goNoGo };
    return Object.assign(b, changes || {});
  };

  PlanModel.taskBody = function (t, changes) {
    var b = { stepId: t.stepId, title: t.title, description: t.description || null, assignedTeamId: t.assignedTeamId || null,
      nominatedUserId: t.nominatedUserId || null, controlIds: (t.controlIds || []).slice() };
    return Object.assign(b, changes || {});
  };

  // ---------------------------------------------------------------- edits

  PlanModel.prototype.createPhase = function (name) {
    var self = this, api = this.api, id = this.planId;
    return this.write('add macro-phase ' + name, function (rev) {
      return api.planWrite('POST', id, '/macro-phases', { name: name }, rev);
    }, function () { return self.refreshStructure(); });
  };

  PlanModel.prototype.updatePhase = function (phase, changes, label) {
    var self = this, api = this.api, id = this.planId;
    var body = Object.assign({ name: phase.name, position: phase.position }, changes);
    return this.write(label || 'rename macro-phase ' + phase.name, function (rev) {
      return api.planWrite('PUT', id, '/macro-phases/' + C.enc(phase.id), body, rev);
    }, function () { return self.refreshStructure(); });
  };

  PlanModel.prototype.deletePhase = function (phase) {
    var self = this, api = this.api, id = this.planId;
    return this.write('delete macro-phase ' + phase.name, function (rev) {
      return api.planWrite('DELETE', id, '/macro-phases/' + C.enc(phase.id), null, rev);
    }, function () { return self.refreshStructure(); });
  };

  PlanModel.prototype.createChapter = function (phaseId, code, name) {
    var self = this, api = this.api, id = this.planId;
    return this.write('add chapter ' + code, function (rev) {
      return api.planWrite('POST', id, '/chapters', { macroPhaseId: phaseId, code: code, name: name }, rev);
    }, function () { return self.refreshStructure(); });
  };

  PlanModel.prototype.updateChapter = function (ch, changes, label) {
    var self = this, api = this.api, id = this.planId;
    var body = Object.assign({ macroPhaseId: ch.macroPhaseId, code: ch.code, name: ch.name, position: ch.position }, changes);
    return this.write(label || 'change chapter ' + ch.code, function (rev) {
      return api.planWrite('PUT', id, '/chapters/' + C.enc(ch.id), body, rev);
    }, function () { return self.refreshStructure(); });
  };

  PlanModel.prototype.deleteChapter = function (ch) {
    var self = this, api = this.api, id = this.planId;
    return this.write('delete chapter ' + ch.code, function (rev) {
      return api.planWrite('DELETE', id, '/chapters/' + C.enc(ch.id), null, rev);
    }, function () { return self.refreshStructure(); });
  };

  PlanModel.prototype.createStep = function (chapterId, fields) {
    var self = this, api = this.api, id = this.planId;
    return this.write('add step ' + fields.code, function (rev) {
      return api.planWrite('POST', id, '/steps', Object.assign({ chapterId: chapterId }, fields), rev);
    }, function () { return self.refreshStructure(); });
  };

  /** Saves a step's fields; a chapter or position change moves it (and renumbers its siblings). */
  PlanModel.prototype.updateStep = function (step, changes, label) {
    var self = this, api = this.api, id = this.planId;
    var moves = ('chapterId' in changes && changes.chapterId !== step.chapterId) || 'position' in changes;
    return this.write(label || 'change step ' + step.code, function (rev) {
      return api.planWrite('PUT', id, '/steps/' + C.enc(step.id), C.PlanModel.stepBody(step, changes), rev);
    }, function (saved) {
      if (moves) return self.refreshStructure();
      self.replaceStep(saved);
    });
  };

  PlanModel.prototype.replaceStep = function (saved) {
    var list = this.stepsByChapter.get(saved.chapterId) || [];
    for (var i = 0; i < list.length; i++) if (list[i].id === saved.id) list[i] = saved;
    this.steps.set(saved.id, saved);
  };

  PlanModel.prototype.deleteStep = function (step) {
    var self = this, api = this.api, id = this.planId;
    return this.write('delete step ' + step.code, function (rev) {
      return api.planWrite('DELETE', id, '/steps/' + C.enc(step.id), null, rev);
    }, function () { self.tasksByStep.delete(step.id); return self.refreshStructure(); });
  };

  /** Re-reads the two steps of a dependency (their predecessorIds / successorIds changed). */
  PlanModel.prototype.refreshSteps = function (ids) {
    var self = this;
    return Promise.all(ids.map(function (sid) { return self.api.get('/plans/' + C.enc(self.planId) + '/steps/' + C.enc(sid)); }))
      .then(function (steps) { steps.forEach(function (s) { self.replaceStep(s); }); });
  };

  PlanModel.prototype.addDependency = function (predecessor, successor) {
    var self = this, api = this.api, id = this.planId;
    return this.write('add dependency ' + predecessor.code + ' \u2192 ' + successor.code, function (rev) {
      return api.planWrite('POST', id, '/dependencies', { predecessorStepId: predecessor.id, successorStepId: successor.id }, rev);
    }, function () { return self.refreshSteps([predecessor.id, successor.id]); });
  };

  PlanModel.prototype.removeDependency = function (predecessor, successor) {
    var self = this, api = this.api, id = this.planId;
    return this.write('remove dependency ' + predecessor.code + ' \u2192 ' + successor.code, function (rev) {
      return api.planWrite('DELETE', id, '/dependencies/' + C.enc(predecessor.id) + '/' + C.enc(successor.id), null, rev);
    }, function () { return self.refreshSteps([predecessor.id, successor.id]); });
  };

  PlanModel.prototype.createTask = function (step, fields) {
    var self = this, api = this.api, id = this.planId;
    return this.write('add task ' + fields.title, function (rev) {
      return api.planWrite('POST', id, '/steps/' + C.enc(step.id) + '/tasks', fields, rev);
    }, function () { return Promise.all([self.tasks(step.id, true), self.refreshSteps([step.id]), self.refreshControls()]); });
  };

  PlanModel.prototype.updateTask = function (task, changes, label) {
    var self = this, api = this.api, id = this.planId;
    var moved = 'stepId' in changes && changes.stepId !== task.stepId;
    return this.write(label || 'change task ' + task.title, function (rev) {
      return api.planWrite('PUT', id, '/tasks/' + C.enc(task.id), C.PlanModel.taskBody(task, changes), rev);
    }, function () {
      var work = [self.tasks(task.stepId, true), self.refreshControls()];
      if (moved) work.push(self.tasks(changes.stepId, true), self.refreshSteps([task.stepId, changes.stepId]));
      return Promise.all(work);
    });
  };

  PlanModel.prototype.deleteTask = function (task) {
    var self = this, api = this.api, id = this.planId;
    return this.write('delete task ' + task.title, function (rev) {
      return api.planWrite('DELETE', id, '/tasks/' + C.enc(task.id), null, rev);
    }, function () { return Promise.all([self.tasks(task.stepId, true), self.refreshSteps([task.stepId]), self.refreshControls()]); });
  };

  PlanModel.prototype.createControl = function (fields) {
    var self = this, api = this.api, id = this.planId;
    return this.write('add control ' + fields.code, function (rev) {
      return api.planWrite('POST', id, '/controls', fields, rev);
    }, function () { return self.refreshControls(); });
  };

  PlanModel.prototype.updateControl = function (control, changes, label) {
    var self = this, api = this.api, id = this.planId;
    var body = Object.assign({ code: control.code, title: control.title, description: control.description || null, critical: !!control.critical }, changes);
    return this.write(label || 'change control ' + control.code, function (rev) {
      return api.planWrite('PUT', id, '/controls/' + C.enc(control.id), body, rev);
    }, function () { return self.refreshControls(); });
  };

  /**
   * PUT /plans/{id} (replaces code, name and description: all are sent) with `changes`, e.g. {fourEyesOverride: true};
   * the answer (the plan) replaces the one held.
   */
  PlanModel.prototype.updatePlan = function (changes, label) {
    var self = this, api = this.api, id = this.planId, p = this.plan;
    var body = Object.assign({ code: p.code, name: p.name, description: p.description || null,
      fourEyesOverride: !!p.fourEyesOverride }, changes);
    return this.write(label || 'change plan ' + p.code, function (rev) {
      return api.planWrite('PUT', id, '', body, rev);
    }, function (plan) { if (plan && plan.id) self.plan = plan; });
  };

  // ---------------------------------------------------------------- reading helpers

  /** The chapter and phase of a step, for the breadcrumb and the tree. */
  PlanModel.prototype.pathOf = function (step) {
    var ch = this.chapters.get(step.chapterId) || null;
    var phase = ch ? this.phases.filter(function (p) { return p.id === ch.macroPhaseId; })[0] || null : null;
    return { chapter: ch, phase: phase };
  };

  /**
   * Steps whose code starts with the query, then steps whose code or title contains every word of it, in plan
   * order; at most `limit`. `except` (a Set of ids) is left out.
   */
  PlanModel.prototype.search = function (query, limit, except) {
    var q = String(query || '').trim().toLowerCase();
    if (!q) return [];
    var words = q.split(/\s+/), prefix = [], other = [];
    var self = this;
    this.phases.forEach(function (p) {
      (self.chaptersByPhase.get(p.id) || []).forEach(function (ch) {
        (self.stepsByChapter.get(ch.id) || []).forEach(function (s) {
          if (except && except.has(s.id)) return;
          var code = String(s.code).toLowerCase();
          if (code.indexOf(q) === 0) { prefix.push(s); return; }
          var hay = code + ' ' + String(s.title).toLowerCase();
          if (words.every(function (w) { return hay.indexOf(w) >= 0; })) other.push(s);
        });
      });
    });
    return prefix.concat(other).slice(0, limit || 20);
  };

  C.PlanModel = PlanModel;
})(window.Cutplan = window.Cutplan || {});
