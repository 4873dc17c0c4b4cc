/*
 * Cutplan dashboard: the step panel. Opens beside the runsheet (full screen on a phone) with the step's
 * actions, task checklist, controls, predecessors and successors, comments and history. Esc closes it and
 * returns focus to the row. It is refreshed in place when a poll reports the step changed; a comment being
 * typed survives the refresh.
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el;

  function first() {
    for (var i = 0; i < arguments.length; i++) if (arguments[i] !== undefined && arguments[i] !== null) return arguments[i];
    return null;
  }
  function obj(v) { return v && typeof v === 'object' ? v : {}; }
  function name(v) { v = v && typeof v === 'object' ? first(v.displayName, v.name, v.username, v.code) : v; return v || ''; }

  var Panel = C.Panel = {};

  Panel.build = function (app) {
    var p = app.els.panel = {};
    p.code = el('span', { class: 'cp-panel-code' });
    p.title = el('h2', { class: 'cp-panel-title', id: U.domId('cp-panel-title', app.uid), tabindex: '-1' });
    p.status = U.statusBadge('PENDING');
    p.close = el('button', { type: 'button', class: 'cp-icon-button cp-panel-close', 'aria-label': 'Close step panel', title: 'Close (Esc)', text: '\u2715',
      on: { click: function () { app.closePanel(); } } });
    p.facts = el('dl', { class: 'cp-facts' });
    p.desc = el('div', { class: 'cp-description', hidden: true });
    p.actions = el('div', { class: 'cp-actions', role: 'group', 'aria-label': 'Step actions' });
    p.reasonBox = el('div', { class: 'cp-reason', hidden: true });
    p.message = el('div', { class: 'cp-panel-message', role: 'alert', hidden: true });
    p.tasks = el('section', { class: 'cp-section' });
    p.controls = el('section', { class: 'cp-section' });
    p.deps = el('section', { class: 'cp-section cp-deps' });
    p.comments = el('section', { class: 'cp-section' });
    p.history = el('section', { class: 'cp-section' });
    p.commentList = el('ol', { class: 'cp-comments' });
    p.commentText = el('textarea', { class: 'cp-input cp-comment-text', rows: '3', maxlength: '8000', 'aria-label': 'Comment', placeholder: 'Add a comment' });
    p.commentSend = el('button', { type: 'submit', class: 'cp-button cp-button--primary', text: 'Comment' });
    p.commentForm = el('form', { class: 'cp-comment-form', on: { submit: function (e) { e.preventDefault(); Panel.sendComment(app); } } },
      [p.commentText, el('div', { class: 'cp-form-actions' }, p.commentSend)]);
    p.commentsHead = el('h3', { class: 'cp-section-title', text: 'Comments' });
    U.append(p.comments, [p.commentsHead, p.commentList, p.commentForm]);
    p.loading = el('p', { class: 'cp-muted', text: 'Loading\u2026', hidden: true });
    p.root = el('aside', { class: 'cp-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': p.title.id, hidden: true,
      on: { keydown: function (e) { if (e.key === 'Escape') { e.preventDefault(); app.closePanel(); } } } }, [
      el('div', { class: 'cp-panel-head' }, [el('div', { class: 'cp-panel-heading' }, [p.code, p.status]), p.close]),
      p.title, p.message, p.actions, p.reasonBox, p.desc, p.facts, p.loading, p.tasks, p.controls, p.deps, p.comments, p.history
    ]);
    return p.root;
  };

  Panel.open = function (app, id) {
    var p = app.els.panel;
    var changedStep = p.stepId !== id;
    p.stepId = id;
    p.detail = null;
    if (changedStep) {
      p.commentText.value = '';
      [p.tasks, p.controls, p.deps, p.history].forEach(function (s) { s.textContent = ''; });
      p.desc.hidden = true;
      p.commentList.textContent = '';
      Panel.hideReason(app);
      Panel.message(app, null);
    }
    p.root.hidden = false;
    p.root.removeAttribute('data-loaded');
    p.root.setAttribute('data-step', id);
    app.container.classList.add('cp-has-panel');
    Panel.renderSummary(app);
    p.loading.hidden = false;
    p.title.focus();
    return Panel.load(app);
  };

  Panel.load = function (app) {
    var p = app.els.panel, id = p.stepId;
    if (!id) return Promise.resolve();
    return app.api.step(app.iterationId, id).then(function (d) {
      if (p.stepId !== id) return;
      p.loading.hidden = true;
      p.detail = Panel.normalize(d);
      p.detail.stepId = id;
      Panel.renderSummary(app);
      Panel.renderDetail(app);
      // Marks the panel complete for this step (tests and assistive tools can wait on it).
      p.root.setAttribute('data-loaded', id);
    }, function (err) {
      if (p.stepId !== id) return;
      p.loading.hidden = true;
      Panel.message(app, 'Could not load this step: ' + err.message, 'error');
    });
  };

  Panel.normalize = function (d) {
    d = obj(d);
    var step = obj(d.step || d);
    function dep(x) {
      x = obj(x);
      return { id: first(x.id, x.stepInstanceId), code: first(x.code, x.stepCode, ''), title: first(x.title, ''), status: first(x.status, '') };
    }
    var controls = (d.controls || []).map(function (c) {
      c = obj(c);
      return { id: first(c.id, c.controlId), code: first(c.code, ''), title: first(c.title, ''), critical: !!c.critical,
        status: first(c.status, 'PENDING'), note: first(c.note, ''), setBy: name(first(c.setByName, c.setBy)), setAt: first(c.setAt, null),
        version: first(c.version, null), maySet: first(c.canSet, c.maySet) };
    });
    return {
      step: step,
      description: first(step.description, d.description, ''),
      tasks: (first(d.tasks, step.tasks, []) || []).map(function (t) {
        t = obj(t);
        return { id: first(t.id, t.taskInstanceId), title: first(t.title, ''), description: first(t.description, ''), status: first(t.status, 'OPEN'),
          version: first(t.version, 1), team: first(obj(t.assignedTeam).code, t.assignedTeamCode, name(first(t.assignedTeam, t.team))), assignedTeamId: first(t.assignedTeamId, obj(t.assignedTeam).id),
          nominated: name(t.nominatedUser),
          doneBy: name(first(t.completedByName, t.completedBy)), doneAt: first(t.completedAt, null),
          mayComplete: first(t.canToggle, t.mayComplete, t.canComplete),
          controlCodes: (t.controls || t.controlIds || []).map(function (c) { return typeof c === 'object' ? first(c.code, c.id) : c; }) };
      }),
      controls: controls,
      predecessors: (d.predecessors || []).map(dep),
      successors: (d.successors || []).map(dep),
      comments: (d.comments || []).map(function (c) {
        c = obj(c);
        return { id: c.id, author: name(first(c.authorName, c.author)), body: first(c.body, c.text, ''), at: first(c.createdAt, c.at, null) };
      }),
      events: (first(d.events, d.history, d.recentEvents, []) || []).map(function (e) {
        e = obj(e);
        return { type: first(e.type, e.eventType, ''), actor: name(first(e.actorName, e.actor)), at: first(e.occurredAt, e.at, null), details: obj(e.details) };
      }),
      permissions: obj(d.permissions || d.may || d.can),
      gate: d.gate ? { openTasks: first(d.gate.openTasks, 0), unpassed: d.gate.unpassedControls || [], blocked: !!d.gate.blocked } : null,
      lastActor: name(d.lastActor),
      allowed: first(d.allowedTransitions, step.allowedTransitions, null)
    };
  };

  /** Header, facts and actions: from the runsheet's copy of the step, so they update with every poll. */
  Panel.renderSummary = function (app) {
    var p = app.els.panel, store = app.store, s = store.steps.get(p.stepId);
    if (!s) return;
    U.setText(p.code, s.code);
    U.setText(p.title, s.title);
    U.updateStatusBadge(p.status, s.status);
    var ch = store.chapters.get(s.chapterId) || {};
    var phase = store.phases.find(function (ph) { return ph.id === ch.phaseId; });
    var t = store.team(s.ownerTeamId);
    var late = store.lateReason(s, app.now);
    var facts = [
      ['Chapter', (phase && phase.name ? phase.name + ' \u203A ' : '') + (ch.code ? ch.code + ' ' : '') + (ch.name || '')],
      ['Owner team', t ? [t.code, t.name !== t.code ? t.name : ''].filter(Boolean).join(' \u2013 ') || '\u2014' : '\u2014'],
      ['Planned', (s.plannedStart ? U.fmtTime(s.plannedStart) + '\u2013' + U.fmtTime(s.plannedEnd) + ' \u00B7 ' : '') + (s.plannedMinutes ? U.fmtDuration(s.plannedMinutes) : '\u2014') +
        (ch.plannedEnd ? ' (chapter ends ' + U.fmtTime(ch.plannedEnd) + ')' : '')],
      ['Ready', s.readyAt ? U.fmtDateTime(s.readyAt) : '\u2014'],
      ['Started', s.startedAt ? U.fmtDateTime(s.startedAt) : '\u2014'],
      ['Finished', s.finishedAt ? U.fmtDateTime(s.finishedAt) : '\u2014']
    ];
    var gate = p.detail && p.detail.stepId === s.id ? p.detail.gate : null;
    if (s.goNoGo) facts.push(['Gate', 'Go/no-go step: critical controls must pass' + (s.gateOverridden ? ' (overridden)' : '')]);
    else if (s.gateOverridden) facts.push(['Gate', 'Completed with a gate override']);
    if (gate && gate.blocked && !U.FINISHED[s.status]) {
      var why = [];
      if (gate.openTasks) why.push(gate.openTasks + (gate.openTasks === 1 ? ' task open' : ' tasks open'));
      if (gate.unpassed.length) why.push('critical control' + (gate.unpassed.length > 1 ? 's' : '') + ' not passed: ' + gate.unpassed.join(', '));
      facts.push(['Blocks completion', '\u26A0 ' + why.join('; ')]);
    }
    var actor = (p.detail && p.detail.stepId === s.id && p.detail.lastActor) || s.lastActor;
    if (late) facts.push(['Late', '\u26A0 ' + late]);
    if (actor) facts.push(['Last change by', String(actor)]);
    var nodes = [];
    facts.forEach(function (f) { nodes.push(el('dt', { text: f[0] }), el('dd', { text: f[1] })); });
    U.replace(p.facts, nodes);
    Panel.renderActions(app, s);
  };

  Panel.renderActions = function (app, s) {
    var p = app.els.panel, store = app.store;
    var gate = p.detail && p.detail.stepId === s.id ? p.detail.gate : null;
    if (p.detail && Array.isArray(p.detail.allowed) && !Array.isArray(s.actions)) {
      s = Object.assign({}, s, { actions: p.detail.allowed });
    }
    var actions = store.allowedActions(s, gate);
    var buttons = actions.map(function (a) {
      var t = C.Store.TRANSITIONS[a];
      var cls = 'cp-button' + (a === 'start' || a === 'complete' || a === 'retry' || a === 'resume' ? ' cp-button--primary' : '') +
        (a === 'fail' || a === 'cancel' ? ' cp-button--danger' : '') + (a === 'override' ? ' cp-button--warning' : '');
      return el('button', { type: 'button', class: cls, 'data-action': a, text: t.label,
        on: { click: function () { Panel.startAction(app, a); } } });
    });
    if (!buttons.length) {
      buttons.push(el('span', { class: 'cp-muted cp-readonly-note',
        text: store.caller.known ? 'No status change is open to you on this step.' : 'Read only.' }));
    }
    U.replace(p.actions, buttons);
  };

  Panel.startAction = function (app, action) {
    var t = C.Store.TRANSITIONS[action];
    if (t.reason) Panel.askReason(app, action);
    else app.transition(action, null);
  };

  Panel.askReason = function (app, action) {
    var p = app.els.panel, t = C.Store.TRANSITIONS[action];
    var required = t.reason === 'required';
    var input = el('textarea', { class: 'cp-input', rows: '2', maxlength: '2000', id: U.domId('cp-reason', app.uid),
      'aria-required': required ? 'true' : 'false' });
    var err = el('p', { class: 'cp-field-error', role: 'alert', hidden: true });
    var label = el('label', { for: input.id, text: (action === 'override' ? 'Why override the gate? ' : 'Reason') + (required ? ' (required)' : ' (optional)') });
    var form = el('form', { class: 'cp-reason-form', on: { submit: function (e) {
      e.preventDefault();
      var reason = input.value.trim();
      if (required && !reason) { err.hidden = false; err.textContent = 'Please give a reason.'; input.focus(); return; }
      Panel.hideReason(app);
      app.transition(action, reason || null);
    } } }, [label, input, err, el('div', { class: 'cp-form-actions' }, [
      el('button', { type: 'submit', class: 'cp-button ' + (action === 'override' ? 'cp-button--warning' : 'cp-button--primary'), 'data-confirm': action, text: t.label.replace('\u2026', '') }),
      el('button', { type: 'button', class: 'cp-button cp-button--subtle', text: 'Cancel', on: { click: function () { Panel.hideReason(app); } } })])]);
    U.replace(p.reasonBox, form);
    p.reasonBox.hidden = false;
    input.focus();
  };

  Panel.hideReason = function (app) {
    var p = app.els.panel;
    p.reasonBox.hidden = true;
    p.reasonBox.textContent = '';
  };

  Panel.message = function (app, text, kind) {
    var m = app.els.panel.message;
    m.hidden = !text;
    m.className = 'cp-panel-message cp-msg--' + (kind || 'info');
    U.setText(m, text || '');
  };

  Panel.renderDetail = function (app) {
    var p = app.els.panel, d = p.detail, store = app.store, s = store.steps.get(p.stepId);
    if (!d || !s) return;
    Panel.renderActions(app, s);
    var instructions = C.Instructions.render(d.description, { label: 'the step description' });
    p.desc.hidden = !instructions;
    U.replace(p.desc, instructions);
    // Tasks
    var done = d.tasks.filter(function (t) { return t.status === 'DONE'; }).length;
    var list = el('ul', { class: 'cp-tasks' });
    d.tasks.forEach(function (t) {
      var may = store.mayTickTask(s, t);
      var box = el('input', { type: 'checkbox', id: U.domId('cp-task', app.uid + '-' + t.id), 'data-task': t.id });
      box.checked = t.status === 'DONE';
      box.disabled = !may;
      box.addEventListener('change', function () { app.tickTask(t, box.checked, box); });
      var meta = [];
      if (t.team) meta.push(t.team);
      if (t.nominated) meta.push('for ' + t.nominated);
      if (t.status === 'DONE' && (t.doneBy || t.doneAt)) meta.push('done ' + (t.doneBy ? 'by ' + t.doneBy + ' ' : '') + (t.doneAt ? U.fmtTime(t.doneAt) : ''));
      if (t.controlCodes.length) meta.push('controls ' + t.controlCodes.join(', '));
      list.appendChild(el('li', { class: 'cp-task' + (t.status === 'DONE' ? ' cp-task--done' : '') }, [
        box, el('div', { class: 'cp-task-body' }, [el('label', { for: box.id }, [el('span', { class: 'cp-task-title', text: t.title }),
          meta.length ? el('span', { class: 'cp-task-meta', text: meta.join(' \u00B7 ') }) : null]),
          // Outside the label: its links and "more" button must not tick the box.
          C.Instructions.render(t.description, { label: 'the instructions of task ' + t.title })])]));
    });
    U.replace(p.tasks, [el('h3', { class: 'cp-section-title', text: 'Tasks ' + done + '/' + d.tasks.length }),
      d.tasks.length ? list : el('p', { class: 'cp-muted', text: 'No tasks.' })]);
    // Controls
    if (d.controls.length) {
      var cl = el('ul', { class: 'cp-controls' });
      d.controls.forEach(function (c) {
        var may = store.maySetControl(s, c);
        var badge = el('span', { class: 'cp-cstatus cp-cstatus--' + c.status.toLowerCase(), text: ({ PASSED: '\u2714 Passed', FAILED: '\u2716 Failed', PENDING: '\u25CB Pending' })[c.status] || c.status });
        var row = el('li', { class: 'cp-control' }, [
          el('div', { class: 'cp-control-head' }, [el('span', { class: 'cp-code', text: c.code }), c.critical ? el('span', { class: 'cp-critical', text: 'critical' }) : null, badge]),
          el('div', { class: 'cp-control-title', text: c.title }),
          c.note || c.setBy ? el('div', { class: 'cp-task-meta', text: (c.note ? '\u201C' + c.note + '\u201D ' : '') + (c.setBy ? '\u2014 ' + c.setBy + (c.setAt ? ' ' + U.fmtTime(c.setAt) : '') : '') }) : null
        ]);
        if (may) {
          var note = el('input', { type: 'text', class: 'cp-input cp-control-note', maxlength: '4000', placeholder: 'Note (optional)', 'aria-label': 'Note for control ' + c.code });
          row.appendChild(el('div', { class: 'cp-control-actions' }, [note,
            el('button', { type: 'button', class: 'cp-button', 'data-control': c.id, 'data-outcome': 'PASSED', text: 'Pass',
              on: { click: function () { app.setControl(c, 'PASSED', note.value.trim()); } } }),
            el('button', { type: 'button', class: 'cp-button cp-button--danger', 'data-control': c.id, 'data-outcome': 'FAILED', text: 'Fail',
              on: { click: function () { app.setControl(c, 'FAILED', note.value.trim()); } } })]));
        }
        cl.appendChild(row);
      });
      U.replace(p.controls, [el('h3', { class: 'cp-section-title', text: 'Controls' }), cl]);
    } else p.controls.textContent = '';
    // Dependencies
    function depList(title, items) {
      var ul = el('ul', { class: 'cp-deplist' });
      items.forEach(function (x) {
        var local = store.steps.get(x.id);
        var status = local ? local.status : x.status;
        var b = el('button', { type: 'button', class: 'cp-link-button cp-dep', on: { click: function () { if (store.steps.has(x.id)) app.openPanel(x.id); } } },
          [U.statusBadge(status), el('span', { class: 'cp-code', text: x.code || (local && local.code) || '' }), el('span', { class: 'cp-dep-title', text: x.title || (local && local.title) || '' })]);
        ul.appendChild(el('li', null, b));
      });
      return [el('h3', { class: 'cp-section-title', text: title + ' (' + items.length + ')' }), items.length ? ul : el('p', { class: 'cp-muted', text: 'None.' })];
    }
    var preds = d.predecessors.length ? d.predecessors : s.predecessorIds.map(function (id) { var x = store.steps.get(id) || {}; return { id: id, code: x.code, title: x.title, status: x.status }; });
    var succs = d.successors.length ? d.successors : s.successorIds.map(function (id) { var x = store.steps.get(id) || {}; return { id: id, code: x.code, title: x.title, status: x.status }; });
    U.replace(p.deps, [el('div', null, depList('Predecessors', preds)), el('div', null, depList('Successors', succs))]);
    // Comments
    U.setText(p.commentsHead, 'Comments (' + d.comments.length + ')');
    U.replace(p.commentList, d.comments.map(function (c) {
      return el('li', { class: 'cp-comment' }, [el('div', { class: 'cp-comment-meta', text: (c.author || 'Someone') + ' \u00B7 ' + U.fmtDateTime(c.at) }),
        el('div', { class: 'cp-comment-body', text: c.body })]);
    }));
    p.commentForm.hidden = !store.mayComment();
    // History
    var hl = el('ol', { class: 'cp-history' });
    d.events.slice().reverse().forEach(function (e) {
      hl.appendChild(el('li', null, [el('span', { class: 'cp-history-time', text: U.fmtDateTime(e.at) }),
        el('span', { class: 'cp-history-text', text: describeEvent(e) })]));
    });
    U.replace(p.history, [el('h3', { class: 'cp-section-title', text: 'History' }), d.events.length ? hl : el('p', { class: 'cp-muted', text: 'Nothing yet.' })]);
  };

  function describeEvent(e) {
    var d = e.details, who = e.actor ? e.actor + ': ' : '';
    switch (e.type) {
      case 'STEP_STATUS_CHANGED':
        return who + (U.STATUS_LABEL[d.from] || d.from || '?') + ' \u2192 ' + (U.STATUS_LABEL[d.to] || d.to || '?') +
          (d.automatic ? ' (automatic)' : '') + (d.override ? ' (gate overridden)' : '') + (d.reason ? ' \u2014 ' + d.reason : '');
      case 'STEP_GATE_OVERRIDDEN': return who + 'gate overridden' + (d.reason ? ' \u2014 ' + d.reason : '');
      case 'TASK_COMPLETED': return who + 'task done: ' + (d.taskTitle || '');
      case 'TASK_REOPENED': return who + 'task reopened: ' + (d.taskTitle || '');
      case 'CONTROL_STATUS_CHANGED': return who + 'control ' + (d.controlCode || '') + ' ' + (d.from || '') + ' \u2192 ' + (d.to || '') + (d.note ? ' \u2014 ' + d.note : '');
      case 'COMMENT_ADDED': return who + 'commented' + (d.excerpt ? ': ' + d.excerpt : '');
      case 'NOTIFICATION_SENT': return 'Notification sent' + (d.recipient ? ' to ' + d.recipient : '');
      case 'NOTIFICATION_FAILED': return 'Notification failed' + (d.recipient ? ' to ' + d.recipient : '');
      default: return who + String(e.type).toLowerCase().replace(/_/g, ' ');
    }
  }
  Panel.describeEvent = describeEvent;

  Panel.sendComment = function (app) {
    var p = app.els.panel, text = p.commentText.value.trim();
    if (!text) { p.commentText.focus(); return; }
    p.commentSend.disabled = true;
    app.api.comment(app.iterationId, p.stepId, { body: text }).then(function () {
      p.commentText.value = '';
      p.commentSend.disabled = false;
      Panel.message(app, 'Comment added.', 'success');
      Panel.load(app);
      app.refreshSoon();
    }, function (err) {
      p.commentSend.disabled = false;
      Panel.message(app, 'Your comment was not saved: ' + err.message, 'error');
    });
  };

  Panel.close = function (app) {
    var p = app.els.panel;
    p.root.hidden = true;
    p.stepId = null;
    p.detail = null;
    app.container.classList.remove('cp-has-panel');
  };
})(window.Cutplan = window.Cutplan || {});
