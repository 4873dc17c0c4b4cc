/*
 * Cutplan dashboard: the runsheet. An ARIA table built from divs and CSS grid rather than <table>, because
 * each chapter is then its own block with `content-visibility: auto`: the browser lays out only the chapters
 * on screen, which keeps 1,200+ steps fast. Rows are built once from a cloned template, kept in a Map
 * id -> row, and only changed rows are touched on a delta. Filtering toggles `hidden`.
 * Rows are focusable: Enter opens the step panel, arrow keys move between visible rows.
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el;

  var Runsheet = C.Runsheet = {};
  var COLUMNS = [
    ['status', 'Status'], ['code', 'Step'], ['title', 'Title'], ['team', 'Team'], ['deps', 'Deps'],
    ['planned', 'Planned'], ['actual', 'Actual'], ['tasks', 'Tasks'], ['flag', 'Late']
  ];

  Runsheet.buildFilters = function (app) {
    var h = app.els, f = app.filters;
    h.search = el('input', { type: 'search', class: 'cp-input cp-search', placeholder: 'Search code, title, team', 'aria-label': 'Search steps',
      on: { input: U.debounce(function () { f.text = h.search.value; app.applyFilters(); }, 120) } });
    h.teamSelect = el('select', { class: 'cp-select', 'aria-label': 'Team',
      on: { change: function () { f.team = h.teamSelect.value; app.applyFilters(); } } });
    h.statusSelect = el('select', { class: 'cp-select', 'aria-label': 'Status',
      on: { change: function () { f.status = h.statusSelect.value; app.applyFilters(); } } });
    U.append(h.statusSelect, el('option', { value: '', text: 'All statuses' }));
    U.append(h.statusSelect, el('option', { value: 'OPEN', text: 'Not finished' }));
    U.append(h.statusSelect, el('option', { value: 'LATE', text: 'Late' }));
    U.STATUSES.forEach(function (s) { U.append(h.statusSelect, el('option', { value: s, text: U.STATUS_LABEL[s] })); });
    h.mine = el('input', { type: 'checkbox', class: 'cp-checkbox', id: U.domId('cp-mine', app.uid),
      on: { change: function () { f.mine = h.mine.checked; app.applyFilters(); } } });
    h.mineLabel = el('label', { class: 'cp-check', for: h.mine.id }, [h.mine, ' My teams']);
    h.clearFilters = el('button', { type: 'button', class: 'cp-link-button', text: 'Clear filters', hidden: true,
      on: { click: function () { app.clearFilters(); } } });
    h.shown = el('span', { class: 'cp-shown', 'aria-live': 'polite' });
    h.jump = el('button', { type: 'button', class: 'cp-button cp-button--subtle cp-jump', title: 'Scroll to the first step that is running, failed, on hold or ready',
      text: 'Jump to current work \u2193', on: { click: function () { Runsheet.jumpToCurrent(app); } } });
    return el('div', { class: 'cp-filters', role: 'search', 'aria-label': 'Filter steps' },
      [h.search, h.teamSelect, h.statusSelect, h.mineLabel, h.clearFilters, h.shown, h.jump]);
  };

  Runsheet.fillTeams = function (app) {
    var h = app.els, store = app.store, used = {};
    store.steps.forEach(function (s) { if (s.ownerTeamId) used[s.ownerTeamId] = true; });
    var teams = Object.keys(used).map(function (id) { return store.team(id) || { id: id, code: id, name: '' }; })
      .sort(function (a, b) { return String(a.code || a.name).localeCompare(String(b.code || b.name)); });
    // (The engine's step records name the owner team without its code; names are shown then.)
    var current = app.filters.team;
    U.replace(h.teamSelect, el('option', { value: '', text: 'All teams' }));
    teams.forEach(function (t) {
      U.append(h.teamSelect, el('option', { value: t.id, text: [t.code, t.name !== t.code ? t.name : ''].filter(Boolean).join(' \u2013 ') || t.id }));
    });
    h.teamSelect.value = current;
    var c = store.caller, hasTeams = Object.keys(c.teamIds).length > 0;
    h.mineLabel.hidden = !hasTeams;
  };

  /** A row template cloned for every step: cloning is much cheaper than building nodes one by one. */
  function rowTemplate() {
    var tr = el('div', { class: 'cp-row', role: 'row', tabindex: '-1' });
    COLUMNS.forEach(function (c) { tr.appendChild(el('div', { class: 'cp-cell cp-c-' + c[0], role: 'cell' })); });
    var st = tr.children[0];
    st.appendChild(U.statusBadge('PENDING'));
    var code = tr.children[1];
    code.appendChild(el('span', { class: 'cp-code' }));
    var title = tr.children[2];
    title.appendChild(el('span', { class: 'cp-gate', title: 'Go/no-go gate: critical controls must pass', text: 'Gate', hidden: true }));
    title.appendChild(el('span', { class: 'cp-step-title' }));
    title.appendChild(el('span', { class: 'cp-new', text: 'changed', hidden: true }));
    return tr;
  }

  /** Height a chapter block is assumed to have until it is first laid out (content-visibility: auto). */
  function estimate(group, rows) {
    var px = 34 + rows * 31;
    if (group._estimate !== px) {
      group._estimate = px;
      group.style.containIntrinsicSize = 'auto ' + px + 'px';
    }
  }

  Runsheet.build = function (app) {
    var h = app.els, store = app.store;
    h.rows = new Map();
    h.chapterGroups = new Map();
    h.phaseGroups = new Map();
    var table = el('div', { class: 'cp-runsheet', role: 'table', 'aria-label': 'Runsheet', 'aria-rowcount': String(store.order.length + 1) });
    var htr = el('div', { class: 'cp-row cp-head-row', role: 'row' });
    COLUMNS.forEach(function (c) { htr.appendChild(el('div', { role: 'columnheader', class: 'cp-cell cp-c-' + c[0], text: c[1] })); });
    table.appendChild(el('div', { class: 'cp-rs-head', role: 'rowgroup' }, htr));

    var tpl = rowTemplate();
    var byChapter = new Map();
    store.order.forEach(function (id) {
      var s = store.steps.get(id);
      if (!byChapter.has(s.chapterId)) byChapter.set(s.chapterId, []);
      byChapter.get(s.chapterId).push(s);
    });
    var frag = document.createDocumentFragment();
    store.phases.forEach(function (ph) {
      var phBody = el('div', { class: 'cp-phase-group', role: 'rowgroup', id: U.domId('cp-phase', app.uid + '-' + ph.id) });
      var phStat = el('span', { class: 'cp-group-stat' });
      phBody.appendChild(el('div', { class: 'cp-phase-row', role: 'row' }, el('div', { role: 'rowheader', class: 'cp-group-head' },
        [el('span', { class: 'cp-group-name', text: ph.name || 'Phase' }), phStat])));
      frag.appendChild(phBody);
      ph.chapterIds.forEach(function (cid) {
        var ch = store.chapters.get(cid), steps = byChapter.get(cid) || [];
        var body = el('div', { class: 'cp-chapter-group', role: 'rowgroup', 'data-chapter': cid });
        var stat = el('span', { class: 'cp-group-stat' });
        var bar = C.Progress.bar('Progress of ' + (ch.name || ''));
        var times = el('span', { class: 'cp-group-times' });
        body.appendChild(el('div', { class: 'cp-chapter-row', role: 'row' }, el('div', { role: 'rowheader', class: 'cp-group-head' }, [
          el('span', { class: 'cp-group-code', text: ch.code || '' }),
          el('span', { class: 'cp-group-name', text: ch.name || '' }), bar, stat, times])));
        for (var i = 0; i < steps.length; i++) {
          var tr = tpl.cloneNode(true);
          tr.dataset.id = steps[i].id;
          fillRow(app, tr, steps[i], true);
          h.rows.set(steps[i].id, tr);
          body.appendChild(tr);
        }
        estimate(body, steps.length);
        h.chapterGroups.set(cid, { body: body, stat: stat, bar: bar, times: times, rows: steps.map(function (s) { return s.id; }) });
        frag.appendChild(body);
      });
      h.phaseGroups.set(ph.id, { body: phBody, stat: phStat, chapters: ph.chapterIds });
    });
    // Steps without a known chapter still show (defensive: never hide work).
    var orphans = store.order.filter(function (id) { return !h.rows.has(id); });
    if (orphans.length) {
      var body = el('div', { class: 'cp-chapter-group', role: 'rowgroup' });
      orphans.forEach(function (id) {
        var tr = tpl.cloneNode(true);
        tr.dataset.id = id;
        fillRow(app, tr, store.steps.get(id), true);
        h.rows.set(id, tr);
        body.appendChild(tr);
      });
      frag.appendChild(body);
    }
    table.appendChild(frag);
    if (store.order.length) {
      var firstRow = h.rows.get(store.order[0]);
      if (firstRow) firstRow.tabIndex = 0;
    }
    table.addEventListener('click', function (e) {
      var tr = e.target.closest && e.target.closest('.cp-row[data-id]');
      if (tr) { app.openPanel(tr.dataset.id, tr); }
    });
    table.addEventListener('keydown', function (e) { onKey(app, e); });
    table.addEventListener('focusin', function (e) {
      var tr = e.target.closest && e.target.closest('.cp-row[data-id]');
      if (!tr) return;
      // Roving tabindex: exactly one row is in the tab order, the last one focused.
      if (h.focusRow && h.focusRow !== tr) h.focusRow.tabIndex = -1;
      tr.tabIndex = 0;
      h.focusRow = tr;
    });
    return table;
  };

  function onKey(app, e) {
    var tr = e.target.closest && e.target.closest('.cp-row[data-id]');
    if (!tr) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      app.openPanel(tr.dataset.id, tr);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      var rows = visibleRows(app);
      var i = rows.indexOf(tr);
      var next = e.key === 'ArrowDown' ? rows[i + 1] : e.key === 'ArrowUp' ? rows[i - 1] : e.key === 'Home' ? rows[0] : rows[rows.length - 1];
      if (next) { next.focus({ preventScroll: true }); next.scrollIntoView({ block: 'nearest' }); }
    }
  }

  function visibleRows(app) {
    var out = [];
    app.store.order.forEach(function (id) {
      var r = app.els.rows.get(id);
      if (r && !r.hidden && !r.parentNode.hidden) out.push(r);
    });
    return out;
  }

  /** Writes one step into its row. Only changes what differs, so a poll of an unchanged row costs nothing. */
  function fillRow(app, tr, s, initial) {
    var store = app.store, now = app.now;
    var c = tr.children;
    var status = s.status;
    if (initial || tr._status !== status) {
      U.updateStatusBadge(c[0].firstChild, status);
      tr.className = 'cp-row cp-row--' + status.toLowerCase() + (tr._late ? ' cp-row--late' : '') + (tr._unseen ? ' cp-unseen' : '');
      tr._status = status;
    }
    if (initial) {
      c[1].firstChild.textContent = s.code;
      c[2].firstChild.hidden = !s.goNoGo;
      c[2].children[1].textContent = s.title;
      c[2].title = s.title;
      c[3].textContent = store.teamLabel(s.ownerTeamId);
      var t = store.team(s.ownerTeamId);
      if (t && t.name) c[3].title = t.name;
    }
    // Dependencies: how many predecessors are still open, and how many steps wait on this one.
    var open = store.openPredecessors(s), preds = s.predecessorIds.length, succ = s.successorIds.length;
    var deps = '';
    if (preds) deps += (open && !U.FINISHED[status] ? '\u25D4 ' + open + '/' + preds : '\u2190 ' + preds);
    if (succ) deps += (deps ? ' ' : '') + '\u2192 ' + succ;
    U.setText(c[4], deps);
    var depTitle = preds ? preds + ' predecessor' + (preds > 1 ? 's' : '') + (open ? ', ' + open + ' not finished' : ', all finished') : 'No predecessors';
    depTitle += succ ? '; ' + succ + ' successor' + (succ > 1 ? 's' : '') : '';
    if (c[4].title !== depTitle) c[4].title = depTitle;
    c[4].classList.toggle('cp-waiting', open > 0 && !U.FINISHED[status]);
    // Planned: the step's own planned window if the server gives one, else its planned duration.
    // Planned: the step's own planned window when the server gives one (else its duration); the rest in the tooltip.
    var planned = s.plannedStart ? U.fmtTime(s.plannedStart) + (s.plannedEnd ? '\u2013' + U.fmtTime(s.plannedEnd).slice(4) : '')
      : (s.plannedMinutes ? U.fmtDuration(s.plannedMinutes) : '');
    U.setText(c[5], planned);
    var plannedTitle = (s.plannedStart ? 'Planned ' + U.fmtDateTime(s.plannedStart) + ' \u2013 ' + U.fmtDateTime(s.plannedEnd) + '; ' : '') +
      (s.plannedMinutes ? 'planned duration ' + U.fmtDuration(s.plannedMinutes) : '');
    if (c[5].title !== plannedTitle) c[5].title = plannedTitle;
    var actual = '', actualTitle = '';
    if (s.startedAt) {
      var mins = ((s.finishedAt ? U.toDate(s.finishedAt).getTime() : now) - U.toDate(s.startedAt).getTime()) / 60000;
      actual = U.fmtTime(s.startedAt) + '\u2013' + (s.finishedAt ? U.fmtTime(s.finishedAt).slice(4) : U.fmtDuration(mins));
      actualTitle = 'Started ' + U.fmtDateTime(s.startedAt) + (s.finishedAt ? ', finished ' + U.fmtDateTime(s.finishedAt) : ', running') + ' (' + U.fmtDuration(mins) + ')';
    } else if (s.finishedAt) actual = U.fmtTime(s.finishedAt);
    else if (s.readyAt && status === 'READY') { actual = 'ready ' + U.fmtTime(s.readyAt).slice(4); actualTitle = 'Ready since ' + U.fmtDateTime(s.readyAt); }
    U.setText(c[6], actual);
    if (c[6].title !== actualTitle) c[6].title = actualTitle;
    U.setText(c[7], s.tasksTotal ? s.tasksDone + '/' + s.tasksTotal : '');
    c[7].classList.toggle('cp-tasks-done', s.tasksTotal > 0 && s.tasksDone === s.tasksTotal);
    var late = store.lateReason(s, now);
    U.setText(c[8], late ? '\u26A0 Late' : (s.gateOverridden ? 'Override' : ''));
    if (c[8].title !== (late || '')) c[8].title = late || (s.gateOverridden ? 'Completed with a gate override' : '');
    if (!!late !== !!tr._late) {
      tr._late = !!late;
      tr.classList.toggle('cp-row--late', !!late);
    }
  }
  Runsheet.fillRow = fillRow;

  /** Re-renders only the given rows, then the chapter headers. */
  Runsheet.updateRows = function (app, ids) {
    var rows = app.els.rows;
    for (var i = 0; i < ids.length; i++) {
      var tr = rows.get(ids[i]);
      if (tr) fillRow(app, tr, app.store.steps.get(ids[i]), false);
    }
  };

  /** Every row (used on a timer so late flags and running durations stay true without a change). */
  Runsheet.updateAll = function (app) {
    var rows = app.els.rows, store = app.store;
    store.order.forEach(function (id) { fillRow(app, rows.get(id), store.steps.get(id), false); });
  };

  Runsheet.updateGroups = function (app, agg) {
    var store = app.store, now = app.now;
    app.els.chapterGroups.forEach(function (g, cid) {
      var a = agg.byChapter.get(cid) || { total: 0, finished: 0, failed: 0, late: 0, open: 0 };
      var ch = store.chapters.get(cid) || {};
      var frac = C.Store.plannedFraction(ch.plannedStart, ch.plannedEnd, now);
      C.Progress.setBar(g.bar, a.finished, a.failed, a.total, frac);
      var stat = a.finished + '/' + a.total + ' finished';
      if (a.running) stat += ' \u00B7 ' + a.running + ' running';
      if (a.failed) stat += ' \u00B7 ' + a.failed + ' failed';
      if (a.late) stat += ' \u00B7 \u26A0 ' + a.late + ' late';
      U.setText(g.stat, stat);
      var t = '';
      if (ch.plannedStart) t = 'Plan ' + U.fmtTime(ch.plannedStart) + '\u2013' + U.fmtTime(ch.plannedEnd);
      if (a.start) t += (t ? ' \u00B7 ' : '') + 'Actual ' + U.fmtTime(a.start) + '\u2013' + (a.open ? '' : U.fmtTime(a.end));
      if (ch.plannedEnd && !a.open && a.end) {
        var v = (a.end - U.toDate(ch.plannedEnd)) / 60000;
        t += ' (' + (v > 0 ? '+' : '') + U.fmtDuration(v) + ')';
      }
      U.setText(g.times, t);
    });
    app.els.phaseGroups.forEach(function (g, pid) {
      var p = agg.byPhase.get(pid);
      if (p) U.setText(g.stat, p.finished + '/' + p.total + ' finished' + (p.late ? ' \u00B7 \u26A0 ' + p.late + ' late' : ''));
    });
  };

  /** Focuses the first visible step that needs attention now, in plan order. */
  Runsheet.jumpToCurrent = function (app) {
    var store = app.store, rows = app.els.rows, wanted = { IN_PROGRESS: true, FAILED: true, ON_HOLD: true, READY: true };
    for (var i = 0; i < store.order.length; i++) {
      var s = store.steps.get(store.order[i]), tr = rows.get(s.id);
      if (wanted[s.status] && tr && !tr.hidden && !tr.parentNode.hidden) {
        tr.scrollIntoView({ block: 'center' });
        tr.focus({ preventScroll: true });
        return tr;
      }
    }
    return null;
  };

  /** Applies the filters: rows and empty groups get `hidden`. Returns the number shown. */
  Runsheet.applyFilters = function (app) {
    var h = app.els, store = app.store, match = app.filters.matcher(store, app.now), shown = 0;
    h.chapterGroups.forEach(function (g) {
      var visible = 0;
      for (var i = 0; i < g.rows.length; i++) {
        var tr = h.rows.get(g.rows[i]);
        var ok = match(store.steps.get(g.rows[i]));
        if (tr.hidden === ok) tr.hidden = !ok;
        if (ok) visible++;
      }
      shown += visible;
      if (g.body.hidden === (visible > 0)) g.body.hidden = visible === 0;
      if (visible) estimate(g.body, visible);
    });
    h.phaseGroups.forEach(function (g) {
      var any = g.chapters.some(function (cid) { var cg = h.chapterGroups.get(cid); return cg && !cg.body.hidden; });
      if (g.body.hidden === any) g.body.hidden = !any;
    });
    var total = store.order.length;
    U.setText(h.shown, shown === total ? U.fmtNumber(total) + ' steps' : 'Showing ' + U.fmtNumber(shown) + ' of ' + U.fmtNumber(total) + ' steps');
    h.clearFilters.hidden = !app.filters.active() || app.view === 'ready' && !app.filters.team && !app.filters.status && !app.filters.text.trim() && !app.filters.mine;
    if (h.empty) h.empty.hidden = shown > 0;
    return shown;
  };
})(window.Cutplan = window.Cutplan || {});
