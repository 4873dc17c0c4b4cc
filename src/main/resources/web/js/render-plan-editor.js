/*
 * Cutplan plan editor (data-testid="plan-editor", administrators): the tree macro-phase > chapter > step > task
 * on the left, the selected item's form on the right. Everything is saved through the authoring API by
 * C.PlanModel, with the plan revision check: a change refused because someone else edited the plan first is
 * shown, the plan reloaded, and nothing is overwritten silently.
 *
 * Built for 1,200-step runbooks: the tree renders collapsed (phases and chapters) and draws a chapter's steps
 * only when it is expanded, a step's tasks only when that step is expanded (fetched then). Predecessors are
 * found by code or title, never chosen from a list of every step.
 *
 * Keyboard (WAI-ARIA tree): Up/Down move, Right expands or enters, Left collapses or goes to the parent,
 * Home/End, Enter or Space opens the item's form. Esc in the step search returns to the search field.
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el;
  var uid = 0;

  var Editor = C.PlanEditor = {};

  /** Mounts an editor for one plan in `root`. ctx: {api, planId, onLoaded(model)}. Returns the view. */
  Editor.mount = function (root, ctx) {
    var v = new EditorView(root, ctx);
    v.start();
    return v;
  };

  function EditorView(root, ctx) {
    this.root = root;
    this.ctx = ctx;
    this.uid = 'pe' + (++uid);
    this.model = new C.PlanModel(ctx.api, ctx.planId);
    this.expanded = new Set();
    this.selected = { kind: 'plan', id: ctx.planId };
    this.metrics = {};
  }

  EditorView.prototype.start = function () {
    var self = this, t0 = performance.now();
    this.build();
    this.root.setAttribute('data-state', 'loading');
    return this.model.load().then(function () {
      var t1 = performance.now();
      self.model.phases.forEach(function (p) { self.expanded.add(p.id); });
      self.renderAll();
      self.metrics.loadMs = t1 - t0;
      self.metrics.renderMs = performance.now() - t1;
      // One forced layout, so the figure includes what the first frame costs.
      void self.root.offsetHeight;
      self.metrics.openMs = performance.now() - t0;
      self.root.setAttribute('data-open-ms', String(Math.round(self.metrics.openMs)));
      self.root.setAttribute('data-state', 'ready');
      if (self.ctx.onLoaded) self.ctx.onLoaded(self.model);
    }, function (err) {
      self.root.setAttribute('data-state', 'error');
      self.message('The plan could not be loaded: ' + err.message, 'error');
    });
  };

  EditorView.prototype.build = function () {
    var self = this;
    this.title = el('h2', { class: 'cp-editor-title', text: 'Plan' });
    this.revisionNote = el('span', { class: 'cp-muted cp-editor-revision' });
    this.msg = el('div', { class: 'cp-editor-message', role: 'status', 'aria-live': 'polite' });
    this.search = el('input', { type: 'search', class: 'cp-input cp-editor-search', id: this.uid + '-search',
      placeholder: 'Find a step by code or title', 'aria-label': 'Find a step by code or title', autocomplete: 'off',
      'aria-controls': this.uid + '-found' });
    this.found = el('ul', { class: 'cp-editor-found', id: this.uid + '-found', 'aria-label': 'Steps found', hidden: true });
    this.search.addEventListener('input', U.debounce(function () { self.renderFound(); }, 120));
    this.search.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown' && !self.found.hidden) { var b = self.found.querySelector('button'); if (b) { e.preventDefault(); b.focus(); } }
    });
    this.found.addEventListener('keydown', function (e) { listKeys(e, self.found, self.search); });
    this.tree = el('ul', { class: 'cp-tree', role: 'tree', 'aria-label': 'Plan structure: macro-phases, chapters, steps, tasks' });
    this.tree.addEventListener('keydown', function (e) { self.treeKey(e); });
    this.tree.addEventListener('click', function (e) { self.treeClick(e); });
    this.planButton = el('button', { type: 'button', class: 'cp-link-button cp-editor-planlink', text: 'Plan, teams and controls',
      on: { click: function () { self.select('plan', self.model.planId); } } });
    this.detail = el('section', { class: 'cp-editor-detail', 'aria-label': 'Selected item' });
    var pane = el('nav', { class: 'cp-editor-tree-pane', 'aria-label': 'Plan structure' },
      [this.planButton, el('div', { class: 'cp-editor-searchbox' }, [this.search, this.found]), this.tree,
        el('button', { type: 'button', class: 'cp-button cp-editor-add-phase', text: '+ Macro-phase',
          on: { click: function () { self.select('new-phase', null); } } })]);
    U.replace(this.root, [el('div', { class: 'cp-editor-head' }, [this.title, this.revisionNote]), this.msg,
      el('div', { class: 'cp-editor-body' }, [pane, this.detail])]);
  };

  // ---------------------------------------------------------------- messages and errors

  EditorView.prototype.message = function (text, kind, extra) {
    U.replace(this.msg, text ? el('div', { class: 'cp-msg cp-msg--' + (kind || 'info') }, [text].concat(extra || [])) : []);
    this.msg.setAttribute('role', kind === 'error' || kind === 'conflict' ? 'alert' : 'status');
  };

  /** A refused write: a stale revision reloads the plan; a cycle is shown step by step; a field error at the field. */
  EditorView.prototype.fail = function (err, form) {
    var self = this;
    if (err.stale) {
      this.message('Someone else changed this plan before you (it is now at revision ' +
        ((err.body.details || {}).revision || '?') + '). Your change \u201C' + err.label + '\u201D was not saved. ' +
        'The plan has been reloaded: check it and make your change again if it is still needed.', 'conflict');
      this.root.setAttribute('data-conflict', 'true');
      return this.reload();
    }
    if (err.code === 'dependency_cycle') {
      var cycle = (err.body.details || {}).cycle || [];
      var list = el('ol', { class: 'cp-cycle', 'data-testid': 'cycle', 'aria-label': 'The cycle' }, cycle.map(function (code) {
        var s = self.stepByCode(code);
        return el('li', null, s ? el('button', { type: 'button', class: 'cp-link-button cp-code', text: code,
          on: { click: function () { self.reveal(s.id); } } }) : el('span', { class: 'cp-code', text: code }));
      }));
      this.message('Refused: this dependency would create a cycle (each step waits for the next):', 'error', [list]);
      return;
    }
    var input = form && err.field ? form.querySelector('[data-field="' + cssEscape(err.field) + '"]') : null;
    if (input) {
      fieldError(input, err.message);
      input.focus();
      this.message('Not saved: ' + err.message, 'error');
    } else {
      this.message('Not saved (' + err.label + '): ' + err.message, 'error');
    }
  };

  EditorView.prototype.reload = function () {
    var self = this;
    return this.model.load().then(function () {
      if (!self.exists(self.selected)) self.selected = { kind: 'plan', id: self.model.planId };
      self.renderAll();
    });
  };

  EditorView.prototype.exists = function (sel) {
    var m = this.model;
    if (sel.kind === 'phase') return m.phases.some(function (p) { return p.id === sel.id; });
    if (sel.kind === 'chapter') return m.chapters.has(sel.id);
    if (sel.kind === 'step') return m.steps.has(sel.id);
    if (sel.kind === 'task') return m.steps.has(sel.stepId);
    return true;
  };

  /** Runs a model write; on success re-renders and says what was saved. Returns the promise. */
  EditorView.prototype.save = function (promise, form, done) {
    var self = this;
    clearErrors(form);
    this.root.setAttribute('data-busy', 'true');
    this.message('Saving\u2026', 'info');
    return promise.then(function (result) {
      self.root.removeAttribute('data-busy');
      self.root.removeAttribute('data-conflict');
      if (done) done(result);
      self.renderAll();
      self.message('Saved.', 'success');
      return result;
    }, function (err) {
      self.root.removeAttribute('data-busy');
      return self.fail(err, form);
    });
  };

  // ---------------------------------------------------------------- tree

  EditorView.prototype.renderAll = function () {
    var m = this.model;
    U.setText(this.title, (m.plan.code ? m.plan.code + ' \u2013 ' : '') + m.plan.name);
    U.setText(this.revisionNote, m.steps.size + ' steps \u00B7 revision ' + m.revision);
    this.root.setAttribute('data-revision', String(m.revision));
    this.renderTree();
    this.renderDetail();
  };

  EditorView.prototype.renderTree = function () {
    var self = this, m = this.model;
    var hadFocus = this.tree.contains(document.activeElement);
    var focusKey = hadFocus ? document.activeElement.getAttribute('data-key') : null;
    var nodes = m.phases.map(function (p) {
      var chapters = m.chaptersByPhase.get(p.id) || [];
      return self.item('phase', p.id, 1, null, p.name, chapters.length + ' ch.', chapters.length > 0, function () {
        return chapters.map(function (ch) {
          var steps = m.stepsByChapter.get(ch.id) || [];
          return self.item('chapter', ch.id, 2, ch.code, ch.name, steps.length + ' steps', steps.length > 0, function () {
            return steps.map(function (s) {
              return self.item('step', s.id, 3, s.code, s.title, s.taskCount ? s.taskCount + ' tasks' : '', s.taskCount > 0, function () {
                var tasks = m.tasksByStep.get(s.id);
                if (!tasks) return [el('li', { role: 'none', class: 'cp-muted cp-tree-loading', text: 'Loading tasks\u2026' })];
                return tasks.map(function (t, i) { return self.item('task', t.id, 4, String(i + 1) + '.', t.title, '', false, null, s.id); });
              });
            });
          });
        });
      });
    });
    if (!nodes.length) nodes = [el('li', { role: 'none', class: 'cp-muted', text: 'No macro-phase yet: add one below.' })];
    U.replace(this.tree, nodes);
    var items = this.tree.querySelectorAll('[role=treeitem]');
    var target = (focusKey && this.tree.querySelector('[data-key="' + cssEscape(focusKey) + '"]')) ||
      this.tree.querySelector('[aria-selected=true]') || items[0];
    if (target) target.tabIndex = 0;
    if (hadFocus && target) target.focus();
  };

  /** One tree item; children() is only called when it is expanded (lazy rendering). */
  EditorView.prototype.item = function (kind, id, level, code, label, count, hasChildren, children, parentStepId) {
    var key = kind + ':' + id;
    var open = hasChildren && this.expanded.has(id);
    var selected = this.selected.kind === kind && this.selected.id === id;
    var li = el('li', { role: 'treeitem', class: 'cp-tree-item cp-tree-item--' + kind, 'aria-level': String(level), tabindex: '-1',
      'aria-selected': selected ? 'true' : 'false', 'aria-expanded': hasChildren ? (open ? 'true' : 'false') : null,
      'data-key': key, 'data-kind': kind, 'data-id': id, 'data-step': parentStepId || null });
    var row = el('span', { class: 'cp-tree-row' }, [
      el('span', { class: 'cp-tree-twisty', 'aria-hidden': 'true', text: hasChildren ? (open ? '\u25BE' : '\u25B8') : '' }),
      code ? el('span', { class: 'cp-code', text: code }) : null,
      el('span', { class: 'cp-tree-label', text: label }),
      count ? el('span', { class: 'cp-tree-count', text: count }) : null
    ]);
    li.appendChild(row);
    if (open && children) li.appendChild(el('ul', { role: 'group', class: 'cp-tree-group' }, children()));
    return li;
  };

  EditorView.prototype.toggle = function (li, open) {
    var self = this, id = li.getAttribute('data-id'), kind = li.getAttribute('data-kind');
    if (li.getAttribute('aria-expanded') === null) return false;
    var isOpen = li.getAttribute('aria-expanded') === 'true';
    if (open === undefined) open = !isOpen;
    if (open === isOpen) return false;
    if (open) this.expanded.add(id); else this.expanded.delete(id);
    if (open && kind === 'step' && !this.model.tasksByStep.has(id)) {
      this.model.tasks(id).then(function () { self.renderTree(); });
    }
    li.focus();
    this.renderTree();
    var again = this.tree.querySelector('[data-key="' + cssEscape(kind + ':' + id) + '"]');
    if (again) { this.focusItem(again); }
    return true;
  };

  EditorView.prototype.focusItem = function (li) {
    Array.prototype.forEach.call(this.tree.querySelectorAll('[role=treeitem][tabindex="0"]'), function (x) { x.tabIndex = -1; });
    li.tabIndex = 0;
    li.focus();
  };

  EditorView.prototype.treeClick = function (e) {
    var li = e.target.closest('[role=treeitem]');
    if (!li || !this.tree.contains(li)) return;
    e.stopPropagation();
    this.focusItem(li);
    if (e.target.closest('.cp-tree-twisty')) { this.toggle(li); return; }
    this.openItem(li);
  };

  EditorView.prototype.openItem = function (li) {
    var kind = li.getAttribute('data-kind'), id = li.getAttribute('data-id');
    if (kind === 'task') this.select('task', id, li.getAttribute('data-step'));
    else this.select(kind, id);
    if (li.getAttribute('aria-expanded') === 'false') this.toggle(li, true);
  };

  EditorView.prototype.treeKey = function (e) {
    var li = e.target.closest('[role=treeitem]');
    if (!li) return;
    var all = Array.prototype.slice.call(this.tree.querySelectorAll('[role=treeitem]'));
    var i = all.indexOf(li);
    var parent = li.parentElement && li.parentElement.closest('[role=treeitem]');
    switch (e.key) {
      case 'ArrowDown': if (all[i + 1]) this.focusItem(all[i + 1]); break;
      case 'ArrowUp': if (all[i - 1]) this.focusItem(all[i - 1]); break;
      case 'Home': this.focusItem(all[0]); break;
      case 'End': this.focusItem(all[all.length - 1]); break;
      case 'ArrowRight':
        if (li.getAttribute('aria-expanded') === 'false') this.toggle(li, true);
        else if (li.getAttribute('aria-expanded') === 'true') {
          var child = li.querySelector('[role=treeitem]');
          if (child) this.focusItem(child);
        }
        break;
      case 'ArrowLeft':
        if (li.getAttribute('aria-expanded') === 'true') this.toggle(li, false);
        else if (parent) this.focusItem(parent);
        break;
      case 'Enter': case ' ': this.openItem(li); break;
      default: return;
    }
    e.preventDefault();
  };

  /** Expands the path to a step, selects it and focuses it in the tree. */
  EditorView.prototype.reveal = function (stepId) {
    var s = this.model.steps.get(stepId);
    if (!s) return;
    var path = this.model.pathOf(s);
    if (path.phase) this.expanded.add(path.phase.id);
    if (path.chapter) this.expanded.add(path.chapter.id);
    this.select('step', stepId);
    var li = this.tree.querySelector('[data-key="step:' + cssEscape(stepId) + '"]');
    if (li) { this.focusItem(li); li.scrollIntoView({ block: 'nearest' }); }
  };

  EditorView.prototype.select = function (kind, id, stepId) {
    this.selected = { kind: kind, id: id, stepId: stepId || null };
    this.renderTree();
    this.renderDetail();
  };

  EditorView.prototype.stepByCode = function (code) {
    var hit = null;
    this.model.steps.forEach(function (s) { if (s.code === code) hit = s; });
    return hit;
  };

  EditorView.prototype.renderFound = function () {
    var self = this, q = this.search.value;
    var hits = this.model.search(q, 20);
    this.found.hidden = !q.trim();
    U.replace(this.found, hits.length ? hits.map(function (s) {
      return el('li', null, el('button', { type: 'button', class: 'cp-link-button cp-found-step', 'data-step': s.id,
        on: { click: function () { self.search.value = ''; self.found.hidden = true; self.reveal(s.id); } } },
        [el('span', { class: 'cp-code', text: s.code }), ' ', s.title]));
    }) : [el('li', { class: 'cp-muted', text: 'No step matches.' })]);
  };

  // ---------------------------------------------------------------- forms

  EditorView.prototype.renderDetail = function () {
    var s = this.selected, m = this.model;
    var body;
    if (s.kind === 'phase') body = this.phaseForm(m.phases.filter(function (p) { return p.id === s.id; })[0]);
    else if (s.kind === 'new-phase') body = this.newPhaseForm();
    else if (s.kind === 'chapter') body = this.chapterForm(m.chapters.get(s.id));
    else if (s.kind === 'step') body = this.stepForm(m.steps.get(s.id));
    else if (s.kind === 'task') body = this.taskForm(s.stepId, s.id);
    else body = this.planForm();
    U.replace(this.detail, body || el('p', { class: 'cp-muted', text: 'This item no longer exists.' }));
  };

  function heading(kindLabel, text) {
    return el('h3', { class: 'cp-editor-form-title' }, [el('span', { class: 'cp-editor-kind', text: kindLabel }), ' ', text]);
  }

  EditorView.prototype.newPhaseForm = function () {
    var self = this, m = this.model;
    var f = form('new-phase');
    var name = input(f, 'name', 'Name', '', { maxlength: 200, required: true });
    submitRow(f, 'Add macro-phase');
    f.addEventListener('submit', function (e) {
      e.preventDefault();
      self.save(m.createPhase(name.value.trim()), f, function () {
        var p = m.phases[m.phases.length - 1];
        if (p) { self.expanded.add(p.id); self.selected = { kind: 'phase', id: p.id }; }
      });
    });
    setTimeout(function () { name.focus(); }, 0);
    return [heading('New', 'macro-phase'), f];
  };

  EditorView.prototype.phaseForm = function (p) {
    if (!p) return null;
    var self = this, m = this.model;
    var f = form('phase');
    var name = input(f, 'name', 'Name', p.name, { maxlength: 200, required: true });
    submitRow(f, 'Save');
    f.addEventListener('submit', function (e) { e.preventDefault(); self.save(m.updatePhase(p, { name: name.value.trim() }), f); });
    var last = m.phases.length - 1;
    var moves = el('div', { class: 'cp-toolbar', role: 'group', 'aria-label': 'Order' }, [
      button('Move up', p.position === 0, function () { self.save(m.updatePhase(p, { position: p.position - 1 }, 'move ' + p.name + ' up')); }),
      button('Move down', p.position >= last, function () { self.save(m.updatePhase(p, { position: p.position + 1 }, 'move ' + p.name + ' down')); }),
      button('Delete macro-phase', false, function () {
        if (window.confirm('Delete the macro-phase \u201C' + p.name + '\u201D? Only an empty one can be deleted.')) {
          self.save(m.deletePhase(p), null, function () { self.selected = { kind: 'plan', id: m.planId }; });
        }
      }, 'cp-button--danger')]);
    var add = form('new-chapter');
    var code = input(add, 'code', 'Code', '', { maxlength: 64, required: true });
    var cname = input(add, 'name', 'Name', '', { maxlength: 300, required: true });
    submitRow(add, 'Add chapter');
    add.addEventListener('submit', function (e) {
      e.preventDefault();
      self.save(m.createChapter(p.id, code.value.trim(), cname.value.trim()), add, function () { self.expanded.add(p.id); });
    });
    return [heading('Macro-phase', p.name), f, moves, el('h4', { class: 'cp-section-title', text: 'New chapter in this macro-phase' }), add];
  };

  EditorView.prototype.chapterForm = function (ch) {
    if (!ch) return null;
    var self = this, m = this.model;
    var f = form('chapter');
    var code = input(f, 'code', 'Code', ch.code, { maxlength: 64, required: true });
    var name = input(f, 'name', 'Name', ch.name, { maxlength: 300, required: true });
    var phase = select(f, 'macroPhaseId', 'Macro-phase', m.phases.map(function (p) { return [p.id, p.name]; }), ch.macroPhaseId);
    submitRow(f, 'Save');
    f.addEventListener('submit', function (e) {
      e.preventDefault();
      var changes = { code: code.value.trim(), name: name.value.trim() };
      if (phase.value !== ch.macroPhaseId) { changes.macroPhaseId = phase.value; changes.position = 100000; }
      self.save(m.updateChapter(ch, changes), f, function () { self.expanded.add(phase.value); });
    });
    var siblings = m.chaptersByPhase.get(ch.macroPhaseId) || [];
    var moves = el('div', { class: 'cp-toolbar', role: 'group', 'aria-label': 'Order' }, [
      button('Move up', ch.position === 0, function () { self.save(m.updateChapter(ch, { position: ch.position - 1 }, 'move ' + ch.code + ' up')); }),
      button('Move down', ch.position >= siblings.length - 1, function () { self.save(m.updateChapter(ch, { position: ch.position + 1 }, 'move ' + ch.code + ' down')); }),
      button('Delete chapter', false, function () {
        if (window.confirm('Delete the chapter ' + ch.code + '? Only an empty, unscheduled one can be deleted.')) {
          self.save(m.deleteChapter(ch), null, function () { self.selected = { kind: 'phase', id: ch.macroPhaseId }; });
        }
      }, 'cp-button--danger')]);
    var add = form('new-step');
    var scode = input(add, 'code', 'Step code (TYPE-number)', '', { maxlength: 20, required: true, placeholder: 'TRT-1204' });
    var stitle = input(add, 'title', 'Title', '', { maxlength: 500, required: true });
    var sdur = input(add, 'plannedDurationMinutes', 'Duration (minutes)', '15', { type: 'number', min: 1, max: 10080, required: true });
    submitRow(add, 'Add step');
    add.addEventListener('submit', function (e) {
      e.preventDefault();
      var fields = { code: scode.value.trim(), title: stitle.value.trim(), plannedDurationMinutes: parseInt(sdur.value, 10) };
      self.save(m.createStep(ch.id, fields), add, function () {
        self.expanded.add(ch.id);
        var created = self.stepByCode(fields.code.toUpperCase());
        if (created) self.selected = { kind: 'step', id: created.id };
      });
    });
    return [heading('Chapter', ch.code + ' ' + ch.name), f, moves, el('h4', { class: 'cp-section-title', text: 'New step at the end of this chapter' }), add];
  };

  EditorView.prototype.stepForm = function (s) {
    if (!s) return null;
    var self = this, m = this.model;
    var path = m.pathOf(s);
    var f = form('step');
    var code = input(f, 'code', 'Code', s.code, { maxlength: 20, required: true });
    var title = input(f, 'title', 'Title', s.title, { maxlength: 500, required: true });
    var desc = textarea(f, 'description', 'Description (instructions; links and line breaks are kept)', s.description || '');
    var preview = el('div', { class: 'cp-editor-preview', 'aria-label': 'Preview of the description' });
    var showPreview = function () { U.replace(preview, C.Instructions.render(desc.value, { label: 'the description' }) || []); };
    desc.addEventListener('input', U.debounce(showPreview, 200));
    showPreview();
    f.appendChild(preview);
    var teams = [['', '\u2014 none \u2014']].concat(m.teams.map(function (t) { return [t.id, t.code + ' \u2013 ' + t.name]; }));
    var owner = select(f, 'ownerTeamId', 'Owner team', teams, s.ownerTeamId || '');
    var impacted = checkboxes(f, 'impactedTeamIds', 'Impacted teams', m.teams.map(function (t) { return [t.id, t.code]; }), s.impactedTeamIds || []);
    var duration = input(f, 'plannedDurationMinutes', 'Duration (minutes)', String(s.plannedDurationMinutes), { type: 'number', min: 1, max: 10080, required: true });
    var gate = checkbox(f, 'goNoGo', 'Go/no-go step (critical controls must pass before it completes)', s.goNoGo);
    var chapters = [];
    m.phases.forEach(function (p) { (m.chaptersByPhase.get(p.id) || []).forEach(function (ch) { chapters.push([ch.id, p.name + ' \u203A ' + ch.code + ' ' + ch.name]); }); });
    var chapter = select(f, 'chapterId', 'Chapter (changing it moves the step to the end of that chapter)', chapters, s.chapterId);
    submitRow(f, 'Save step');
    f.addEventListener('submit', function (e) {
      e.preventDefault();
      var changes = { code: code.value.trim(), title: title.value.trim(), description: desc.value || null,
        ownerTeamId: owner.value || null, impactedTeamIds: impacted(), plannedDurationMinutes: parseInt(duration.value, 10),
        goNoGo: gate.checked };
      // The type follows the code's prefix: a renamed code takes its new type.
      if (changes.code.toUpperCase() !== s.code) changes.type = null;
      if (chapter.value !== s.chapterId) { changes.chapterId = chapter.value; changes.position = 100000; }
      self.save(m.updateStep(s, changes, 'save step ' + s.code), f, function () {
        var moved = m.steps.get(s.id);
        if (moved) { var p2 = m.pathOf(moved); if (p2.chapter) self.expanded.add(p2.chapter.id); if (p2.phase) self.expanded.add(p2.phase.id); }
      });
    });
    var siblings = m.stepsByChapter.get(s.chapterId) || [];
    var moves = el('div', { class: 'cp-toolbar', role: 'group', 'aria-label': 'Order' }, [
      button('Move up', s.position === 0, function () { self.save(m.updateStep(s, { position: s.position - 1 }, 'move ' + s.code + ' up')); }),
      button('Move down', s.position >= siblings.length - 1, function () { self.save(m.updateStep(s, { position: s.position + 1 }, 'move ' + s.code + ' down')); }),
      button('Delete step', false, function () {
        if (window.confirm('Delete the step ' + s.code + ' with its tasks and dependencies?')) {
          self.save(m.deleteStep(s), null, function () { self.selected = { kind: 'chapter', id: s.chapterId }; });
        }
      }, 'cp-button--danger')]);
    return [heading('Step', s.code),
      el('p', { class: 'cp-muted cp-editor-path', text: (path.phase ? path.phase.name + ' \u203A ' : '') + (path.chapter ? path.chapter.code + ' ' + path.chapter.name : '') }),
      f, moves, this.dependencySection(s), this.taskSection(s)];
  };

  EditorView.prototype.dependencySection = function (s) {
    var self = this, m = this.model;
    function stepLink(id, remove) {
      var x = m.steps.get(id) || { id: id, code: '?', title: '' };
      return el('li', { class: 'cp-editor-dep' }, [
        el('button', { type: 'button', class: 'cp-link-button', on: { click: function () { self.reveal(id); } } },
          [el('span', { class: 'cp-code', text: x.code }), ' ', x.title]),
        remove ? el('button', { type: 'button', class: 'cp-icon-button', 'aria-label': 'Remove the dependency on ' + x.code, title: 'Remove',
          text: '\u2715', on: { click: function () { self.save(m.removeDependency(x, s)); } } }) : null]);
    }
    var preds = (s.predecessorIds || []).map(function (id) { return stepLink(id, true); });
    var succs = (s.successorIds || []).map(function (id) { return stepLink(id, false); });
    var q = el('input', { type: 'search', class: 'cp-input', id: this.uid + '-pred', autocomplete: 'off', 'data-field': 'predecessorStepId',
      placeholder: 'Code or title', 'aria-controls': this.uid + '-pred-found' });
    var results = el('ul', { class: 'cp-editor-found', id: this.uid + '-pred-found', 'aria-label': 'Steps that can become predecessors', hidden: true });
    var except = new Set((s.predecessorIds || []).concat([s.id]));
    q.addEventListener('input', U.debounce(function () {
      var hits = m.search(q.value, 12, except);
      results.hidden = !q.value.trim();
      U.replace(results, hits.length ? hits.map(function (p) {
        return el('li', null, el('button', { type: 'button', class: 'cp-link-button cp-found-pred', 'data-step': p.id,
          on: { click: function () { self.save(m.addDependency(p, s), null); } } },
          [el('span', { class: 'cp-code', text: p.code }), ' ', p.title]));
      }) : [el('li', { class: 'cp-muted', text: 'No step matches.' })]);
    }, 120));
    q.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown') { var b = results.querySelector('button'); if (b) { e.preventDefault(); b.focus(); } }
    });
    results.addEventListener('keydown', function (e) { listKeys(e, results, q); });
    return el('section', { class: 'cp-section cp-editor-deps', 'data-testid': 'predecessors' }, [
      el('h4', { class: 'cp-section-title', text: 'Predecessors (' + preds.length + '): this step waits for' }),
      preds.length ? el('ul', { class: 'cp-deplist' }, preds) : el('p', { class: 'cp-muted', text: 'None.' }),
      el('div', { class: 'cp-field' }, [el('label', { for: q.id, text: 'Add a predecessor: find a step by code or title' }), q, results]),
      el('h4', { class: 'cp-section-title', text: 'Successors (' + succs.length + '): waiting for this step' }),
      succs.length ? el('ul', { class: 'cp-deplist' }, succs) : el('p', { class: 'cp-muted', text: 'None.' })]);
  };

  EditorView.prototype.taskSection = function (s) {
    var self = this, m = this.model;
    var section = el('section', { class: 'cp-section cp-editor-tasks' }, [el('h4', { class: 'cp-section-title', text: 'Tasks (' + (s.taskCount || 0) + ')' })]);
    var list = el('ol', { class: 'cp-editor-tasklist' }, el('li', { class: 'cp-muted', text: 'Loading\u2026' }));
    section.appendChild(list);
    m.tasks(s.id).then(function (tasks) {
      U.replace(list, tasks.length ? tasks.map(function (t) {
        return el('li', null, el('button', { type: 'button', class: 'cp-link-button', 'data-task': t.id, text: t.title,
          on: { click: function () { self.expanded.add(s.id); self.select('task', t.id, s.id); } } }));
      }) : [el('li', { class: 'cp-muted', text: 'No tasks.' })]);
    });
    var add = form('new-task');
    var title = input(add, 'title', 'New task', '', { maxlength: 500, required: true });
    submitRow(add, 'Add task');
    add.addEventListener('submit', function (e) {
      e.preventDefault();
      self.save(m.createTask(s, { title: title.value.trim() }), add, function () { self.expanded.add(s.id); });
    });
    section.appendChild(add);
    return section;
  };

  EditorView.prototype.taskForm = function (stepId, taskId) {
    var self = this, m = this.model;
    var s = m.steps.get(stepId);
    if (!s) return null;
    var wrap = el('div', null, el('p', { class: 'cp-muted', text: 'Loading\u2026' }));
    m.tasks(stepId).then(function (tasks) {
      var t = tasks.filter(function (x) { return x.id === taskId; })[0];
      if (!t) { U.replace(wrap, el('p', { class: 'cp-muted', text: 'This task no longer exists.' })); return; }
      return m.loadUsers().then(function (users) {
        var f = form('task');
        var title = input(f, 'title', 'Title', t.title, { maxlength: 500, required: true });
        var desc = textarea(f, 'description', 'Instructions', t.description || '');
        var teams = [['', '\u2014 none \u2014']].concat(m.teams.map(function (x) { return [x.id, x.code + ' \u2013 ' + x.name]; }));
        var team = select(f, 'assignedTeamId', 'Assigned team', teams, t.assignedTeamId || '');
        var people = [['', '\u2014 nobody \u2014']].concat(users.map(function (u) { return [u.id, u.username + (u.displayName ? ' (' + u.displayName + ')' : '')]; }));
        var user = select(f, 'nominatedUserId', 'Nominated user', people, t.nominatedUserId || '');
        var controls = checkboxes(f, 'controlIds', 'Controls checked by this task', m.controls.map(function (c) {
          return [c.id, c.code + (c.critical ? ' (critical)' : '')];
        }), t.controlIds || []);
        submitRow(f, 'Save task');
        f.addEventListener('submit', function (e) {
          e.preventDefault();
          self.save(m.updateTask(t, { title: title.value.trim(), description: desc.value || null, assignedTeamId: team.value || null,
            nominatedUserId: user.value || null, controlIds: controls() }, 'save task ' + t.title), f);
        });
        var moves = el('div', { class: 'cp-toolbar', role: 'group', 'aria-label': 'Order' }, [
          button('Move up', t.position === 0, function () { self.save(m.updateTask(t, { position: t.position - 1 }, 'move task up')); }),
          button('Move down', t.position >= tasks.length - 1, function () { self.save(m.updateTask(t, { position: t.position + 1 }, 'move task down')); }),
          button('Delete task', false, function () {
            if (window.confirm('Delete the task \u201C' + t.title + '\u201D?')) {
              self.save(m.deleteTask(t), null, function () { self.selected = { kind: 'step', id: stepId }; });
            }
          }, 'cp-button--danger')]);
        U.replace(wrap, [heading('Task of ' + s.code, t.title), f, moves]);
      });
    });
    return wrap;
  };

  EditorView.prototype.planForm = function () {
    var self = this, m = this.model;
    var rows = m.controls.map(function (c) {
      var box = el('input', { type: 'checkbox', id: U.domId(self.uid + '-crit', c.id), 'data-control': c.id });
      box.checked = !!c.critical;
      box.addEventListener('change', function () {
        self.save(m.updateControl(c, { critical: box.checked }, (box.checked ? 'mark ' : 'unmark ') + c.code + ' critical'));
      });
      return el('tr', null, [el('td', { class: 'cp-code', text: c.code }), el('td', { text: c.title }),
        el('td', { text: String((c.taskIds || []).length) }),
        el('td', null, [box, el('label', { for: box.id, class: 'cp-visually-hidden', text: 'Critical: ' + c.code })])]);
    });
    var table = rows.length ? el('table', { class: 'cp-table cp-editor-controls' }, [
      el('thead', null, el('tr', null, ['Code', 'Title', 'Tasks', 'Critical'].map(function (h) { return el('th', { scope: 'col', text: h }); }))),
      el('tbody', null, rows)]) : el('p', { class: 'cp-muted', text: 'No controls yet.' });
    var add = form('new-control');
    var code = input(add, 'code', 'Code', '', { maxlength: 64, required: true });
    var title = input(add, 'title', 'Title', '', { maxlength: 500, required: true });
    var critical = checkbox(add, 'critical', 'Critical (must pass before a go/no-go step completes)', false);
    submitRow(add, 'Add control');
    add.addEventListener('submit', function (e) {
      e.preventDefault();
      self.save(m.createControl({ code: code.value.trim(), title: title.value.trim(), critical: critical.checked }), add);
    });
    var c = m.plan.counts || {};
    return [heading('Plan', m.plan.code),
      el('p', { text: m.plan.name }),
      el('p', { class: 'cp-muted', text: [m.phases.length + ' macro-phases', m.chapters.size + ' chapters', m.steps.size + ' steps',
        (c.tasks !== undefined ? c.tasks + ' tasks' : null)].filter(Boolean).join(' \u00B7 ') + '. Choose an item in the tree to edit it.' }),
      el('h4', { class: 'cp-section-title', text: 'Settings' }), this.settingsForm(),
      el('h4', { class: 'cp-section-title', text: 'Controls' }), table,
      el('h4', { class: 'cp-section-title', text: 'New control' }), add];
  };

  /**
   * The plan's settings (data-form="plan-settings"): the four-eyes gate override, saved as soon as it is ticked
   * (PUT /plans/{id} with the plan revision, like every edit here); a refusal is shown at the box.
   */
  EditorView.prototype.settingsForm = function () {
    var self = this, m = this.model;
    var f = form('plan-settings');
    var box = el('input', { type: 'checkbox', id: 'cp-ef-' + (++fieldCounter), 'data-field': 'fourEyesOverride',
      'aria-describedby': this.uid + '-foureyes-help' });
    box.checked = !!m.plan.fourEyesOverride;
    f.appendChild(el('div', { class: 'cp-field cp-field--check', 'data-testid': 'plan-four-eyes' }, [box,
      el('label', { for: box.id, text: 'Four-eyes gate overrides: a second pilot must confirm an override' }),
      el('span', { class: 'cp-field-error', role: 'alert', hidden: true })]));
    f.appendChild(el('p', { class: 'cp-muted', id: this.uid + '-foureyes-help', text: 'In every iteration of this plan, a pilot\u2019s ' +
      'override of a go/no-go gate is then only a request until a different pilot confirms it.' }));
    box.addEventListener('change', function () {
      var on = box.checked;
      self.save(m.updatePlan({ fourEyesOverride: on }, on ? 'turn four-eyes gate overrides on' : 'turn four-eyes gate overrides off'), f)
        .then(function (r) { if (!r) box.checked = !!m.plan.fourEyesOverride; });
    });
    f.addEventListener('submit', function (e) { e.preventDefault(); });
    return f;
  };

  // ---------------------------------------------------------------- small form helpers

  var fieldCounter = 0;
  function form(name) { return el('form', { class: 'cp-editor-form', 'data-form': name, novalidate: true }); }

  function field(f, label, control) {
    var err = el('span', { class: 'cp-field-error', role: 'alert', hidden: true });
    var wrap = el('div', { class: 'cp-field' }, [el('label', { for: control.id, text: label }), control, err]);
    f.appendChild(wrap);
    return control;
  }

  function input(f, name, label, value, opts) {
    opts = opts || {};
    var i = el('input', { type: opts.type || 'text', class: 'cp-input', id: 'cp-ef-' + (++fieldCounter), 'data-field': name,
      maxlength: opts.maxlength, min: opts.min, max: opts.max, placeholder: opts.placeholder, 'aria-required': opts.required ? 'true' : null });
    i.value = value === null || value === undefined ? '' : value;
    return field(f, label, i);
  }

  function textarea(f, name, label, value) {
    var t = el('textarea', { class: 'cp-input cp-editor-textarea', rows: '5', id: 'cp-ef-' + (++fieldCounter), 'data-field': name });
    t.value = value;
    return field(f, label, t);
  }

  function select(f, name, label, options, value) {
    var s = el('select', { class: 'cp-select', id: 'cp-ef-' + (++fieldCounter), 'data-field': name },
      options.map(function (o) { return el('option', { value: o[0], text: o[1] }); }));
    s.value = value;
    return field(f, label, s);
  }

  function checkbox(f, name, label, checked) {
    var b = el('input', { type: 'checkbox', id: 'cp-ef-' + (++fieldCounter), 'data-field': name });
    b.checked = !!checked;
    f.appendChild(el('div', { class: 'cp-field cp-field--check' }, [b, el('label', { for: b.id, text: label })]));
    return b;
  }

  /** A fieldset of checkboxes; returns a function giving the checked values. */
  function checkboxes(f, name, legend, options, values) {
    var chosen = new Set(values);
    var boxes = options.map(function (o) {
      var b = el('input', { type: 'checkbox', id: 'cp-ef-' + (++fieldCounter), value: o[0] });
      b.checked = chosen.has(o[0]);
      return el('label', { class: 'cp-check', for: b.id }, [b, ' ', o[1]]);
    });
    var set = el('fieldset', { class: 'cp-field cp-checkset', 'data-field': name, tabindex: '-1' },
      [el('legend', { text: legend })].concat(boxes.length ? boxes : [el('span', { class: 'cp-muted', text: 'None defined.' })]));
    f.appendChild(set);
    return function () {
      return Array.prototype.filter.call(set.querySelectorAll('input[type=checkbox]'), function (b) { return b.checked; })
        .map(function (b) { return b.value; });
    };
  }

  function submitRow(f, label) {
    f.appendChild(el('div', { class: 'cp-form-actions' }, el('button', { type: 'submit', class: 'cp-button cp-button--primary', text: label })));
  }

  function button(label, disabled, onClick, extraClass) {
    return el('button', { type: 'button', class: 'cp-button' + (extraClass ? ' ' + extraClass : ''), disabled: !!disabled,
      text: label, on: { click: onClick } });
  }

  function fieldError(control, message) {
    control.setAttribute('aria-invalid', 'true');
    var err = control.parentElement && control.parentElement.querySelector('.cp-field-error');
    if (err) { err.hidden = false; err.textContent = message; }
  }

  function clearErrors(f) {
    if (!f) return;
    Array.prototype.forEach.call(f.querySelectorAll('[aria-invalid]'), function (x) { x.removeAttribute('aria-invalid'); });
    Array.prototype.forEach.call(f.querySelectorAll('.cp-field-error'), function (x) { x.hidden = true; x.textContent = ''; });
  }

  /** Up/Down through a list of result buttons; Esc back to the search field. */
  function listKeys(e, list, back) {
    var buttons = Array.prototype.slice.call(list.querySelectorAll('button'));
    var i = buttons.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' && buttons[i + 1]) { e.preventDefault(); buttons[i + 1].focus(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); (buttons[i - 1] || back).focus(); }
    else if (e.key === 'Escape') { e.preventDefault(); back.focus(); }
  }

  function cssEscape(s) {
    return window.CSS && CSS.escape ? CSS.escape(s) : String(s).replace(/["\\]/g, '\\$&');
  }
})(window.Cutplan = window.Cutplan || {});
