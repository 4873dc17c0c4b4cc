/*
 * Cutplan dashboard view "calibrate" (admins): the duration proposals of this iteration's plan (GET
 * /plans/{id}/duration-proposals, the median or 80th percentile of each step's actual durations over the completed
 * iterations) with a checkbox per step whose proposal differs from the plan; "Apply" sends the ticked ones as one
 * plan revision (POST .../apply with the revision the proposals were read at: a plan changed meanwhile is a 409,
 * said so and reloaded). See docs/calibration.md. Loaded each time the view is shown and after every apply.
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el;

  var doms = new WeakMap();
  var uid = 0;

  function mins(m) {
    return m === null || m === undefined ? '\u2014' : U.fmtDuration(Math.round(m));
  }

  function build(container, state, actions) {
    var v = { id: 'cp-cal' + (++uid), actions: actions, boxes: [] };
    v.message = U.messageBox('cp-msg');
    v.summary = el('p', { class: 'cp-muted', 'aria-live': 'polite' });
    v.statistic = el('select', { class: 'cp-select', id: v.id + '-stat', on: { change: function () { load(v, v.state); } } }, [
      el('option', { value: 'median', text: 'median' }), el('option', { value: 'p80', text: '80th percentile' })]);
    v.minChange = el('select', { class: 'cp-select', id: v.id + '-min', on: { change: function () { if (v.data) draw(v); } } },
      [1, 5, 15, 30, 60].map(function (m) { return el('option', { value: String(m), text: U.fmtDuration(m), selected: m === 5 }); }));
    v.all = el('input', { type: 'checkbox', id: v.id + '-all', on: { change: function () {
      v.boxes.forEach(function (b) { b.checked = v.all.checked; });
      count(v);
    } } });
    v.apply = el('button', { type: 'submit', class: 'cp-button cp-button--primary', text: 'Apply ticked proposals', disabled: true });
    v.table = el('div', { class: 'cp-cmp-scroll', tabindex: '0', role: 'region', 'aria-label': 'Duration proposals' });
    v.form = el('form', { class: 'cp-calibrate-form', novalidate: true, on: { submit: function (e) { e.preventDefault(); apply(v); } } }, [
      el('div', { class: 'cp-toolbar' }, [el('label', { for: v.statistic.id, text: 'Propose the' }), v.statistic,
        el('label', { for: v.minChange.id, text: 'changes of at least' }), v.minChange,
        el('label', { class: 'cp-check', for: v.all.id }, [v.all, ' tick all']), v.apply]),
      v.table]);
    U.replace(container, el('div', { class: 'cp-calibrate' }, [
      el('h2', { class: 'cp-view-title', text: 'Calibrate planned durations' }), v.summary, v.message, v.form]));
    doms.set(container, v);
    return v;
  }

  function count(v) {
    var n = v.boxes.filter(function (b) { return b.checked; }).length;
    v.apply.disabled = n === 0 || v.busy;
    U.setText(v.apply, n === 0 ? 'Apply ticked proposals' : 'Apply ' + n + ' ticked proposal' + (n === 1 ? '' : 's'));
  }

  function load(v, state) {
    var plan = state.iteration && state.iteration.plan && state.iteration.plan.id;
    if (!plan) return Promise.resolve();
    U.setText(v.summary, 'Loading the proposals\u2026');
    return v.actions.api.durationProposals(plan, v.statistic.value).then(function (body) {
      v.data = body;
      draw(v);
    }, function (err) {
      U.setText(v.summary, '');
      U.say(v.message, 'The proposals could not be loaded: ' + err.message, 'error');
    });
  }

  function draw(v) {
    var d = v.data;
    var least = parseInt(v.minChange.value, 10) || 1;
    var changing = (d.proposals || []).filter(function (p) { return p.changeMinutes !== 0; });
    var rows = changing.filter(function (p) { return Math.abs(p.changeMinutes) >= least; });
    var names = (d.iterations || []).map(function (i) { return i.code; }).join(', ');
    U.setText(v.summary, (d.stepsWithHistory || 0) + ' steps have actual durations in ' + (names || 'no completed iteration') +
      '; ' + changing.length + ' of them would change, ' + rows.length + ' by ' + U.fmtDuration(least) + ' or more (listed). Plan revision ' +
      d.revision + '.');
    v.boxes = [];
    v.all.checked = false;
    if (rows.length === 0) {
      U.replace(v.table, el('p', { class: 'cp-muted', text: 'No step with history would change by that much.' }));
      count(v);
      return;
    }
    var body = el('tbody');
    rows.forEach(function (p) {
      var box = el('input', { type: 'checkbox', 'data-step-id': p.stepId, 'data-minutes': String(p.proposedMinutes),
        'aria-label': 'Apply ' + (p.code || '') + ': ' + mins(p.currentMinutes) + ' to ' + mins(p.proposedMinutes),
        on: { change: function () { count(v); } } });
      v.boxes.push(box);
      body.appendChild(el('tr', { 'data-step-id': p.stepId }, [
        el('td', null, [box]),
        el('td', null, [el('span', { class: 'cp-code', text: p.code || '' }), ' ', p.title || '']),
        el('td', { text: p.chapterCode || '' }),
        el('td', { class: 'cp-num', text: mins(p.currentMinutes) }),
        el('td', { class: 'cp-num cp-cal-proposed', text: mins(p.proposedMinutes) }),
        el('td', { class: 'cp-num', text: (p.changeMinutes > 0 ? '+' : '\u2212') + mins(Math.abs(p.changeMinutes)) }),
        el('td', { class: 'cp-num', text: String(p.runs) }),
        el('td', { class: 'cp-num', text: mins(p.minMinutes) + ' \u2013 ' + mins(p.maxMinutes) }),
        el('td', { class: 'cp-num', text: mins(p.q1Minutes) + ' \u2013 ' + mins(p.q3Minutes) })]));
    });
    U.replace(v.table, el('table', { class: 'cp-table cp-calibrate-table' }, [
      el('thead', null, el('tr', null, ['Apply', 'Step', 'Chapter', 'Plan', 'Proposed', 'Change', 'Runs', 'Shortest \u2013 longest', 'Middle half']
        .map(function (h) { return el('th', { scope: 'col', text: h }); }))), body]));
    count(v);
  }

  function apply(v) {
    var chosen = v.boxes.filter(function (b) { return b.checked; }).map(function (b) {
      return { stepId: b.getAttribute('data-step-id'), minutes: parseInt(b.getAttribute('data-minutes'), 10) };
    });
    if (chosen.length === 0 || !v.data) return;
    v.busy = true;
    count(v);
    var plan = v.data.planId;
    v.actions.api.applyDurationProposals(plan, { revision: v.data.revision, steps: chosen }).then(function (r) {
      v.busy = false;
      U.say(v.message, 'Applied ' + r.applied.length + ' duration' + (r.applied.length === 1 ? '' : 's') + ': the plan is now at revision ' +
        r.revision + '.', 'success');
      return load(v, v.state);
    }, function (err) {
      v.busy = false;
      var stale = err.status === 409;
      U.say(v.message, stale ? 'Someone changed the plan meanwhile: the proposals were reloaded, tick again.'
        : 'Not applied: ' + err.message, 'error');
      count(v);
      if (stale) return load(v, v.state);
    });
  }

  function render(container, state, actions) {
    var v = doms.get(container) || build(container, state, actions);
    v.state = state;
    if ((state.changed && state.changed.shown === 'calibrate') || !v.requested) {
      v.requested = true;
      load(v, state);
    }
  }

  C.views.register({
    id: 'calibrate', label: 'Calibrate', testid: 'calibrate',
    visible: function (state) { return !!(state.caller && state.caller.role === 'ADMIN'); },
    render: render
  });
})(window.Cutplan = window.Cutplan || {});
