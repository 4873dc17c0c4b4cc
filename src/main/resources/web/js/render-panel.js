/*
 * Cutplan dashboard: the step panel, rendered from state (the step's dashboard record in state.steps and its
 * StepDetail in state.detail) with the actions. It opens beside the runsheet (full screen on a phone) with the
 * step's actions, task checklist, controls, predecessors and successors, comments and history. Esc closes it and
 * focus returns to the row. A comment being typed survives every re-render.
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el, D = C.derive;

  var Panel = C.Panel = {};
  var doms = new WeakMap();
  var uid = 0;

  function build(box, state, actions) {
    var p = { id: 'cp-panel' + (++uid) };
    p.code = el('span', { class: 'cp-panel-code' });
    p.title = el('h2', { class: 'cp-panel-title', id: p.id + '-title', tabindex: '-1' });
    p.status = U.statusBadge('PENDING');
    p.close = el('button', { type: 'button', class: 'cp-icon-button cp-panel-close', 'aria-label': 'Close step panel', title: 'Close (Esc)', text: '\u2715',
      on: { click: function () { actions.closePanel(); } } });
    p.facts = el('dl', { class: 'cp-facts' });
    p.desc = el('div', { class: 'cp-description', hidden: true });
    p.actions = el('div', { class: 'cp-actions', role: 'group', 'aria-label': 'Step actions' });
    p.reasonBox = el('div', { class: 'cp-reason', hidden: true });
    // The latest failure or hold reason (StepDetail.statusReason): who, when, why.
    p.statusReason = el('p', { class: 'cp-status-reason', 'data-testid': 'cp-status-reason', hidden: true });
    // A four-eyes gate override waiting for a second pilot (StepDetail.pendingOverride).
    p.pending = el('section', { class: 'cp-pending-override', 'data-testid': 'cp-pending-override', 'aria-label': 'Gate override waiting for a second pilot', hidden: true });
    p.message = U.messageBox('cp-panel-message');
    p.tasks = el('section', { class: 'cp-section' });
    p.controls = el('section', { class: 'cp-section' });
    p.deps = el('section', { class: 'cp-section cp-deps' });
    p.comments = el('section', { class: 'cp-section' });
    p.history = el('section', { class: 'cp-section' });
    p.commentList = el('ol', { class: 'cp-comments' });
    p.commentText = el('textarea', { class: 'cp-input cp-comment-text', rows: '3', maxlength: '8000', 'aria-label': 'Comment', placeholder: 'Add a comment' });
    p.commentSend = el('button', { type: 'submit', class: 'cp-button cp-button--primary', text: 'Comment' });
    p.commentForm = el('form', { class: 'cp-comment-form', on: { submit: function (e) {
      e.preventDefault();
      var text = p.commentText.value.trim();
      if (!text) { p.commentText.focus(); return; }
      p.commentSend.disabled = true;
      actions.comment(p.stepId, text).then(function (result) {
        p.commentSend.disabled = false;
        if (result) p.commentText.value = '';
      });
    } } }, [p.commentText, el('div', { class: 'cp-form-actions' }, p.commentSend)]);
    p.commentsHead = el('h3', { class: 'cp-section-title', text: 'Comments' });
    U.append(p.comments, [p.commentsHead, p.commentList, p.commentForm]);
    p.loading = el('p', { class: 'cp-muted', text: 'Loading\u2026', hidden: true });
    p.root = el('aside', { class: 'cp-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': p.title.id, hidden: true,
      'data-testid': 'cp-step-panel',
      on: { keydown: function (e) { if (e.key === 'Escape') { e.preventDefault(); actions.closePanel(); } } } }, [
      el('div', { class: 'cp-panel-head' }, [el('div', { class: 'cp-panel-heading' }, [p.code, p.status]), p.close]),
      p.title, p.message, p.pending, p.actions, p.reasonBox, p.statusReason, p.desc, p.facts, p.loading, p.tasks, p.controls, p.deps, p.comments, p.history
    ]);
    U.replace(box, p.root);
    doms.set(box, p);
    return p;
  }

  Panel.render = function (box, state, actions) {
    var p = doms.get(box) || build(box, state, actions);
    var id = state.ui.panelStepId, s = id && state.steps.get(id);
    if (!s) {
      if (!p.root.hidden) { p.root.hidden = true; p.stepId = null; p.detail = null; }
      return;
    }
    var opened = p.stepId !== id || p.root.hidden;
    if (p.stepId !== id) {
      p.stepId = id;
      p.commentText.value = '';
      [p.tasks, p.controls, p.deps, p.history].forEach(function (x) { x.textContent = ''; });
      p.desc.hidden = true;
      p.commentList.textContent = '';
      hideReason(p);
      p.root.removeAttribute('data-loaded');
      p.detail = null;
    }
    p.root.hidden = false;
    p.root.setAttribute('data-step', id);
    var msg = state.ui.panelMessage;
    U.say(p.message, msg ? msg.text : '', msg ? msg.kind : 'info');
    var d = state.detail && state.detail.step && state.detail.step.id === id ? state.detail : null;
    var ch = state.changed || { all: true };
    var touched = opened || ch.all || (ch.stepIds || []).indexOf(id) >= 0 || d !== p.detail || ch.panelOpened;
    if (touched || state.ui.busy !== p.busy) {
      renderSummary(p, state, actions, s, d);
      p.busy = state.ui.busy;
    }
    p.loading.hidden = !!d;
    if (d && (d !== p.detail || touched)) {
      renderDetail(p, state, actions, s, d);
      p.detail = d;
      // Marks the panel complete for this step (tests and assistive tools can wait on it).
      p.root.setAttribute('data-loaded', id);
    }
    if (opened) p.title.focus();
  };

  function teamText(s) { return D.teamName(s) || '\u2014'; }

  /** Header, facts and actions: from the runsheet's copy of the step, so they follow every poll and write. */
  function renderSummary(p, state, actions, s, d) {
    U.setText(p.code, s.code);
    U.setText(p.title, s.title);
    U.updateStatusBadge(p.status, s.status);
    var ch = state.index.chapters.get(s.chapterId) || {};
    var phase = state.index.macroPhases.get(ch.macroPhaseId);
    var late = D.lateReason(state, s, state.ui.now);
    var facts = [
      ['Chapter', (phase && phase.name ? phase.name + ' \u203A ' : '') + (ch.code ? ch.code + ' ' : '') + (ch.name || '')],
      ['Owner team', teamText(s)],
      ['Planned', (s.plannedStart ? U.fmtTime(s.plannedStart) + '\u2013' + U.fmtTime(s.plannedEnd) + ' \u00B7 ' : '') + (s.plannedMinutes ? U.fmtDuration(s.plannedMinutes) : '\u2014') +
        (ch.scheduledEnd ? ' (chapter ends ' + U.fmtTime(ch.scheduledEnd) + ')' : '')],
      ['Ready', s.readyAt ? U.fmtDateTime(s.readyAt) : '\u2014'],
      ['Started', s.startedAt ? U.fmtDateTime(s.startedAt) : '\u2014'],
      ['Finished', s.finishedAt ? U.fmtDateTime(s.finishedAt) : '\u2014']
    ];
    var gate = d ? d.gate : null;
    if (s.goNoGo) facts.push(['Gate', 'Go/no-go step: critical controls must pass' + (s.gateOverridden ? ' (overridden)' : '')]);
    else if (s.gateOverridden) facts.push(['Gate', 'Completed with a gate override']);
    if (gate && gate.blocked && !U.FINISHED[s.status]) {
      var why = [], unpassed = gate.unpassedControls || [];
      if (gate.openTasks) why.push(gate.openTasks + (gate.openTasks === 1 ? ' task open' : ' tasks open'));
      if (unpassed.length) why.push('critical control' + (unpassed.length > 1 ? 's' : '') + ' not passed: ' + unpassed.join(', '));
      facts.push(['Blocks completion', '\u26A0 ' + why.join('; ')]);
    }
    var f = C.Forecast.step(state.forecast, s.id);
    if (f && !U.FINISHED[s.status]) {
      facts.push(['Forecast', U.fmtTime(f.forecastStart) + '\u2013' + U.fmtTime(f.forecastEnd) +
        (f.critical ? ' \u00B7 \u25C6 on the critical path' : f.floatMinutes !== null && f.floatMinutes !== undefined ? ' \u00B7 float ' + U.fmtDuration(f.floatMinutes) : '') +
        (f.delayMinutes ? ' \u00B7 adds ' + U.fmtDuration(f.delayMinutes) + ' to the end' : '')]);
    }
    if (f && f.lateness) facts.push([C.Forecast.KIND_LABEL[f.lateness.kind] || 'Late', (C.Forecast.ATTENTION[f.lateness.kind] ? '\u26A0 ' : '') +
      C.Forecast.latenessText(f.lateness) + (f.lateness.reason ? ': ' + f.lateness.reason : '')]);
    else if (late) facts.push(['Late', '\u26A0 ' + late]);
    // StepDetail.waitingFor: what holds a PENDING step, or what a SKIPPED step's release still waits for.
    if (d && d.step && d.step.status === s.status && d.waitingForCount > 0 && (s.status === 'PENDING' || s.status === 'SKIPPED')) {
      var list = (d.waitingFor || []).join(', ') + (d.waitingForCount > (d.waitingFor || []).length ?
        ' and ' + (d.waitingForCount - d.waitingFor.length) + ' more' : '');
      facts.push([s.status === 'SKIPPED' ? 'Releases once done' : 'Waiting for', list]);
    }
    if (d && d.lastActor && d.lastActor.name) facts.push(['Last change by', d.lastActor.name]);
    var nodes = [];
    facts.forEach(function (f) { nodes.push(el('dt', { text: f[0] }), el('dd', { text: f[1] })); });
    U.replace(p.facts, nodes);
    renderActions(p, state, actions, s, gate, d);
    renderStatusReason(p, s, d);
    renderPendingOverride(p, state, actions, s, d);
  }

  /**
   * Four-eyes: who asked to override the gate, when, why and what is still open; Confirm / Reject for other pilots,
   * "waiting for a second pilot" (and Withdraw) for the one who asked.
   */
  function renderPendingOverride(p, state, actions, s, d) {
    var po = d && d.pendingOverride;
    p.pending.hidden = !po;
    if (!po) { p.pending.textContent = ''; return; }
    var caller = state.caller || {};
    var by = po.requestedBy || {};
    var own = !!(caller.userId && by.id === caller.userId);
    var open = po.open || {}, what = [], unpassed = open.unpassedControls || [];
    if (open.openTasks) what.push(open.openTasks + (open.openTasks === 1 ? ' task open' : ' tasks open'));
    if (unpassed.length) what.push('critical control' + (unpassed.length > 1 ? 's' : '') + ' not passed: ' + unpassed.join(', '));
    var busy = !!state.ui.busy;
    var buttons = [];
    if (own) {
      buttons.push(el('p', { class: 'cp-pending-waiting', 'data-testid': 'cp-pending-waiting', text: 'Waiting for a second pilot to confirm.' }));
      buttons.push(el('button', { type: 'button', class: 'cp-button cp-button--subtle', 'data-action': 'withdraw-override', text: 'Withdraw…', disabled: busy,
        on: { click: function () { askOverrideRejection(p, actions, s.id, true); } } }));
    } else if (caller.canOverrideGate) {
      buttons.push(el('button', { type: 'button', class: 'cp-button cp-button--warning', 'data-action': 'confirm-override', text: 'Confirm override', disabled: busy,
        on: { click: function () { actions.confirmOverride(s.id); } } }));
      buttons.push(el('button', { type: 'button', class: 'cp-button', 'data-action': 'reject-override', text: 'Reject…', disabled: busy,
        on: { click: function () { askOverrideRejection(p, actions, s.id, false); } } }));
    }
    U.replace(p.pending, [
      el('h3', { class: 'cp-section-title', text: 'Gate override waiting for a second pilot' }),
      el('p', null, [el('strong', { text: 'Asked by ' + (by.name || 'a pilot') }),
        el('span', { class: 'cp-muted', text: po.requestedAt ? ' at ' + U.fmtDateTime(po.requestedAt) : '' })]),
      el('p', { class: 'cp-pending-reason', 'data-testid': 'cp-pending-reason', text: po.reason || '' }),
      el('p', { class: 'cp-pending-open', 'data-testid': 'cp-pending-open', text: 'Still open: ' + (what.length ? what.join('; ') : 'nothing (the gate is clear now)') }),
      buttons.length ? el('div', { class: 'cp-form-actions' }, buttons) : null
    ].filter(Boolean));
  }

  function askOverrideRejection(p, actions, stepId, withdraw) {
    var input = el('textarea', { class: 'cp-input', rows: '2', maxlength: '2000', id: p.id + '-reject-reason', 'aria-required': 'true' });
    var err = el('p', { class: 'cp-field-error', role: 'alert', hidden: true });
    var label = el('label', { for: input.id, text: (withdraw ? 'Why withdraw the override request?' : 'Why reject the override?') + ' (required)' });
    var form = el('form', { class: 'cp-reason-form', on: { submit: function (e) {
      e.preventDefault();
      var reason = input.value.trim();
      if (!reason) { err.hidden = false; err.textContent = 'Please give a reason.'; input.focus(); return; }
      hideReason(p);
      actions.rejectOverride(stepId, reason);
    } } }, [label, input, err, el('div', { class: 'cp-form-actions' }, [
      el('button', { type: 'submit', class: 'cp-button cp-button--primary', 'data-confirm': withdraw ? 'withdraw-override' : 'reject-override', text: withdraw ? 'Withdraw' : 'Reject' }),
      el('button', { type: 'button', class: 'cp-button cp-button--subtle', text: 'Cancel', on: { click: function () { hideReason(p); } } })])]);
    U.replace(p.reasonBox, form);
    p.reasonBox.hidden = false;
    input.focus();
  }

  /** "Failed: ORA-01652 … (Anna, 03:12)"; "Last held: …" once the step has moved on. */
  function renderStatusReason(p, s, d) {
    var r = d && d.statusReason;
    p.statusReason.hidden = !r;
    if (!r) { p.statusReason.textContent = ''; return; }
    var word = r.status === 'FAILED' ? 'failed' : 'held';
    var now = s.status === r.status;
    var who = [r.by && r.by.name, r.at ? U.fmtDateTime(r.at) : null].filter(Boolean).join(', ');
    p.statusReason.className = 'cp-status-reason' + (now ? ' cp-status-reason--' + r.status.toLowerCase().replace('_', '-') : '');
    U.replace(p.statusReason, [
      el('strong', { text: (now ? (r.status === 'FAILED' ? 'Failed' : 'On hold') : 'Last ' + word) + ': ' }),
      el('span', { class: 'cp-status-reason-text', text: r.reason || 'no reason given' }),
      who ? el('span', { class: 'cp-muted', text: ' (' + who + ')' }) : null
    ].filter(Boolean));
  }

  function renderActions(p, state, actions, s, gate, d) {
    var pending = !!(d && d.pendingOverride);
    var fourEyes = !!(d && d.fourEyesOverride);
    // While a four-eyes request waits, it is confirmed or rejected (above), not overridden again.
    var buttons = D.stepActions(state, s, gate).filter(function (a) { return !(pending && a.override); }).map(function (a) {
      var copy = D.ACTIONS[a.name];
      var cls = 'cp-button' + (copy.style ? ' cp-button--' + copy.style : '');
      return el('button', { type: 'button', class: cls, 'data-action': a.name, text: copy.label, disabled: !!state.ui.busy,
        on: { click: function () {
          if (a.name === 'skip') warnBeforeSkip(p, state, actions, s, a);
          else if (copy.reason) askReason(p, actions, s.id, a, fourEyes);
          else actions.transition(s.id, a.to, null);
        } } });
    });
    if (!buttons.length) {
      buttons.push(el('span', { class: 'cp-muted cp-readonly-note',
        text: state.caller && state.caller.known ? 'No status change is open to you on this step.' : 'Read only.' }));
    }
    U.replace(p.actions, buttons);
    p.root.setAttribute('aria-busy', state.ui.busy ? 'true' : 'false');
  }

  /**
   * Issue 17: a skip passes a release through, it does not jump ahead. When steps feeding this one are still open,
   * the panel says so first (how many, which, and that the successors wait for them) and asks to go on; then the
   * reason form. With nothing open the reason form comes at once.
   */
  function warnBeforeSkip(p, state, actions, s, a) {
    var open = D.skipWaitsFor(state, s);
    if (!open.length) { askReason(p, actions, s.id, a); return; }
    var SHOWN = 10;
    var names = open.slice(0, SHOWN).map(function (x) { return x.code; }).join(', ') +
      (open.length > SHOWN ? ' and ' + (open.length - SHOWN) + ' more' : '');
    var succ = D.successors(state, s).length;
    var head = el('h3', { class: 'cp-section-title', id: p.id + '-skip-title', tabindex: '-1',
      text: open.length + (open.length === 1 ? ' step feeding ' : ' steps feeding ') + s.code + (open.length === 1 ? ' is' : ' are') + ' still open' });
    var body = el('p', { id: p.id + '-skip-text', 'data-testid': 'cp-skip-warning-text',
      text: 'Still open: ' + names + '. Skipping ' + s.code + ' will not release ' +
        (succ ? (succ === 1 ? 'its successor' : 'its ' + succ + ' successors') : 'anything') + ' now: ' +
        (succ === 1 ? 'it becomes' : 'they become') + ' ready only once ' + (open.length === 1 ? 'that step finishes' : 'these steps finish') + '.' });
    var box = el('div', { class: 'cp-skip-warning', role: 'alertdialog', 'aria-modal': 'false', 'aria-labelledby': head.id,
      'aria-describedby': body.id, 'data-testid': 'cp-skip-warning', 'data-open-count': String(open.length) }, [
      head, body, el('div', { class: 'cp-form-actions' }, [
        el('button', { type: 'button', class: 'cp-button cp-button--warning', 'data-confirm': 'skip-anyway', text: 'Skip anyway\u2026',
          on: { click: function () { askReason(p, actions, s.id, a); } } }),
        el('button', { type: 'button', class: 'cp-button cp-button--subtle', 'data-confirm': 'skip-cancel', text: 'Cancel',
          on: { click: function () { hideReason(p); } } })])]);
    U.replace(p.reasonBox, box);
    p.reasonBox.hidden = false;
    head.focus();
  }

  function askReason(p, actions, stepId, a, fourEyes) {
    var copy = D.ACTIONS[a.name];
    var required = copy.reason === 'required';
    var input = el('textarea', { class: 'cp-input', rows: '2', maxlength: '2000', id: p.id + '-reason',
      'aria-required': required ? 'true' : 'false' });
    var err = el('p', { class: 'cp-field-error', role: 'alert', hidden: true });
    var label = el('label', { for: input.id, text: (a.override ? 'Why override the gate? ' : 'Reason') + (required ? ' (required)' : ' (optional)') +
      (a.override && fourEyes ? ' — four-eyes: a second pilot must confirm it' : '') });
    var form = el('form', { class: 'cp-reason-form', on: { submit: function (e) {
      e.preventDefault();
      var reason = input.value.trim();
      if (required && !reason) { err.hidden = false; err.textContent = 'Please give a reason.'; input.focus(); return; }
      hideReason(p);
      actions.transition(stepId, a.to, { reason: reason || null, override: !!a.override });
    } } }, [label, input, err, el('div', { class: 'cp-form-actions' }, [
      el('button', { type: 'submit', class: 'cp-button ' + (a.override ? 'cp-button--warning' : 'cp-button--primary'), 'data-confirm': a.name, text: copy.label.replace('\u2026', '') }),
      el('button', { type: 'button', class: 'cp-button cp-button--subtle', text: 'Cancel', on: { click: function () { hideReason(p); } } })])]);
    U.replace(p.reasonBox, form);
    p.reasonBox.hidden = false;
    input.focus();
  }

  function hideReason(p) {
    p.reasonBox.hidden = true;
    p.reasonBox.textContent = '';
  }

  function mayTick(state, t) { return !!t.canToggle && !state.ui.busy; }

  function renderDetail(p, state, actions, s, d) {
    // Instructions: line breaks kept, http(s) links, long text folded (js/instructions.js).
    var instructions = C.Instructions.render(d.description, { label: 'the step description' });
    p.desc.hidden = !instructions;
    U.replace(p.desc, instructions);
    // Tasks
    var tasks = d.tasks || [];
    var done = tasks.filter(function (t) { return t.status === 'DONE'; }).length;
    var list = el('ul', { class: 'cp-tasks' });
    tasks.forEach(function (t) {
      var box = el('input', { type: 'checkbox', id: p.id + '-task-' + U.domId('t', t.id), 'data-task': t.id });
      box.checked = t.status === 'DONE';
      box.disabled = !mayTick(state, t);
      box.addEventListener('change', function () { box.disabled = true; actions.tickTask(t.id, box.checked); });
      var meta = [];
      if (t.assignedTeam && (t.assignedTeam.code || t.assignedTeam.name)) meta.push(t.assignedTeam.code || t.assignedTeam.name);
      if (t.nominatedUser && t.nominatedUser.name) meta.push('for ' + t.nominatedUser.name);
      var by = t.completedBy && t.completedBy.name;
      if (t.status === 'DONE' && (by || t.completedAt)) meta.push('done ' + (by ? 'by ' + by + ' ' : '') + (t.completedAt ? U.fmtTime(t.completedAt) : ''));
      if ((t.controls || []).length) meta.push('controls ' + t.controls.join(', '));
      list.appendChild(el('li', { class: 'cp-task' + (t.status === 'DONE' ? ' cp-task--done' : '') }, [
        box, el('div', { class: 'cp-task-body' }, [el('label', { for: box.id }, [el('span', { class: 'cp-task-title', text: t.title }),
          meta.length ? el('span', { class: 'cp-task-meta', text: meta.join(' \u00B7 ') }) : null]),
          // Outside the label: its links and "more" button must not tick the box.
          C.Instructions.render(t.description, { label: 'the instructions of task ' + t.title })])]));
    });
    U.replace(p.tasks, [el('h3', { class: 'cp-section-title', text: 'Tasks ' + done + '/' + tasks.length }),
      tasks.length ? list : el('p', { class: 'cp-muted', text: 'No tasks.' })]);
    // Controls
    var controls = d.controls || [];
    if (controls.length) {
      var cl = el('ul', { class: 'cp-controls' });
      controls.forEach(function (c) {
        var badge = el('span', { class: 'cp-cstatus cp-cstatus--' + c.status.toLowerCase(), text: ({ PASSED: '\u2714 Passed', FAILED: '\u2716 Failed', PENDING: '\u25CB Pending' })[c.status] || c.status });
        var setBy = c.setBy && c.setBy.name;
        var row = el('li', { class: 'cp-control' }, [
          el('div', { class: 'cp-control-head' }, [el('span', { class: 'cp-code', text: c.code }), c.critical ? el('span', { class: 'cp-critical', text: 'critical' }) : null, badge]),
          el('div', { class: 'cp-control-title', text: c.title }),
          c.note || setBy ? el('div', { class: 'cp-task-meta', text: (c.note ? '\u201C' + c.note + '\u201D ' : '') + (setBy ? '\u2014 ' + setBy + (c.setAt ? ' ' + U.fmtTime(c.setAt) : '') : '') }) : null
        ]);
        if (c.canSet) {
          var note = el('input', { type: 'text', class: 'cp-input cp-control-note', maxlength: '4000', placeholder: 'Note (optional)', 'aria-label': 'Note for control ' + c.code });
          row.appendChild(el('div', { class: 'cp-control-actions' }, [note,
            el('button', { type: 'button', class: 'cp-button', 'data-control': c.id, 'data-outcome': 'PASSED', text: 'Pass', disabled: !!state.ui.busy,
              on: { click: function () { actions.setControl(c.id, 'PASSED', note.value.trim()); } } }),
            el('button', { type: 'button', class: 'cp-button cp-button--danger', 'data-control': c.id, 'data-outcome': 'FAILED', text: 'Fail', disabled: !!state.ui.busy,
              on: { click: function () { actions.setControl(c.id, 'FAILED', note.value.trim()); } } })]));
        }
        cl.appendChild(row);
      });
      U.replace(p.controls, [el('h3', { class: 'cp-section-title', text: 'Controls' }), cl]);
    } else p.controls.textContent = '';
    // Dependencies: the detail's neighbours, each with its live status from the runsheet's copy when known.
    function depList(title, items) {
      var ul = el('ul', { class: 'cp-deplist' });
      items.forEach(function (x) {
        var local = state.steps.get(x.id);
        var b = el('button', { type: 'button', class: 'cp-link-button cp-dep', on: { click: function () { actions.openStep(x.id); } } },
          [U.statusBadge(local ? local.status : x.status), el('span', { class: 'cp-code', text: x.code || '' }), el('span', { class: 'cp-dep-title', text: x.title || '' })]);
        ul.appendChild(el('li', null, b));
      });
      return [el('h3', { class: 'cp-section-title', text: title + ' (' + items.length + ')' }), items.length ? ul : el('p', { class: 'cp-muted', text: 'None.' })];
    }
    U.replace(p.deps, [el('div', null, depList('Predecessors', d.predecessors || [])), el('div', null, depList('Successors', d.successors || []))]);
    // Comments
    var comments = d.comments || [];
    U.setText(p.commentsHead, 'Comments (' + comments.length + ')');
    U.replace(p.commentList, comments.map(function (c) {
      return el('li', { class: 'cp-comment' }, [el('div', { class: 'cp-comment-meta', text: (c.authorName || 'Someone') + ' \u00B7 ' + U.fmtDateTime(c.createdAt) }),
        el('div', { class: 'cp-comment-body', text: c.body })]);
    }));
    p.commentForm.hidden = !(state.caller && state.caller.canComment);
    // History
    var events = d.events || [];
    var hl = el('ol', { class: 'cp-history' });
    events.slice().reverse().forEach(function (e) {
      hl.appendChild(el('li', null, [el('span', { class: 'cp-history-time', text: U.fmtDateTime(e.occurredAt) }),
        el('span', { class: 'cp-history-text', text: describeEvent(e) })]));
    });
    U.replace(p.history, [el('h3', { class: 'cp-section-title', text: 'History' }), events.length ? hl : el('p', { class: 'cp-muted', text: 'Nothing yet.' })]);
  }

  /** An audit event in words. `details` is the event's free-form detail object (docs/api: Event.details). */
  function describeEvent(e) {
    var d = e.details || {}, who = e.actorName ? e.actorName + ': ' : '';
    switch (e.type) {
      case 'STEP_STATUS_CHANGED':
        return who + (U.STATUS_LABEL[d.from] || d.from || '?') + ' \u2192 ' + (U.STATUS_LABEL[d.to] || d.to || '?') +
          (d.automatic ? ' (automatic)' : '') + (d.override ? ' (gate overridden)' : '') + (d.reason ? ' \u2014 ' + d.reason : '');
      case 'STEP_GATE_OVERRIDDEN': return who + 'gate overridden' +
        (d.requestedBy && d.requestedBy.name ? ' (asked by ' + d.requestedBy.name + ', confirmed)' : '') + (d.reason ? ' \u2014 ' + d.reason : '');
      case 'GATE_OVERRIDE_REQUESTED': return who + 'asked to override the gate (four-eyes)' + (d.reason ? ' \u2014 ' + d.reason : '');
      case 'GATE_OVERRIDE_REJECTED': return who + (d.withdrawn ? 'withdrew the gate override request' : 'rejected the gate override' +
        (d.requestedBy && d.requestedBy.name ? ' asked by ' + d.requestedBy.name : '')) + (d.reason ? ' \u2014 ' + d.reason : '');
      case 'TASK_COMPLETED': return who + 'task done: ' + (d.taskTitle || '');
      case 'TASK_REOPENED': return who + 'task reopened: ' + (d.taskTitle || '');
      case 'CONTROL_STATUS_CHANGED': return who + 'control ' + (d.controlCode || '') + ' ' + (d.from || '') + ' \u2192 ' + (d.to || '') + (d.note ? ' \u2014 ' + d.note : '');
      case 'COMMENT_ADDED': return who + 'commented' + (d.excerpt ? ': ' + d.excerpt : '');
      case 'REVIEW_NOTE_CHANGED': return who + 'lesson ' + (d.action || 'changed') + (d.text ? ': ' + d.text : '');
      case 'NOTIFICATION_SENT': return 'Notification sent' + (d.recipient ? ' to ' + d.recipient : '');
      case 'NOTIFICATION_FAILED': return 'Notification failed' + (d.recipient ? ' to ' + d.recipient : '');
      default: return who + String(e.type).toLowerCase().replace(/_/g, ' ');
    }
  }
  Panel.describeEvent = describeEvent;
})(window.Cutplan = window.Cutplan || {});
