/*
 * Cutplan dashboard: the runsheet renderer, shared by the runsheet and "ready for my teams" views. An ARIA table
 * built from divs and CSS grid rather than <table>, because each chapter is then its own block with
 * `content-visibility: auto`: the browser lays out only the chapters on screen, which keeps 1,200+ steps fast.
 * Rows are built once from a cloned template, kept in a Map id -> row, and only the rows state.changed names are
 * touched. Filtering toggles `hidden`. Rows are focusable: Enter opens the step panel, arrow keys move between
 * visible rows. One dashboard has ONE runsheet DOM (kept in a WeakMap by state), moved into whichever of the two
 * views' containers is shown: the rows are built once, never twice.
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el, D = C.derive, F = C.Forecast;

  var Runsheet = C.Runsheet = {};
  var doms = new WeakMap();
  var COLUMNS = [
    ['status', 'Status'], ['code', 'Step'], ['title', 'Title'], ['team', 'Team'], ['deps', 'Deps'],
    ['planned', 'Planned'], ['actual', 'Actual'], ['tasks', 'Tasks'], ['float', 'Float'], ['flag', 'Lateness']
  ];
  var uid = 0;

  function buildFilters(h, actions) {
    var id = 'cp-rs' + (++uid);
    h.search = el('input', { type: 'search', class: 'cp-input cp-search', placeholder: 'Search code, title, team', 'aria-label': 'Search steps',
      on: { input: U.debounce(function () { actions.setFilter({ text: h.search.value }); }, 120) } });
    h.teamSelect = el('select', { class: 'cp-select', 'aria-label': 'Team',
      on: { change: function () { actions.setFilter({ team: h.teamSelect.value }); } } });
    h.statusSelect = el('select', { class: 'cp-select', 'aria-label': 'Status',
      on: { change: function () { actions.setFilter({ status: h.statusSelect.value }); } } });
    U.append(h.statusSelect, el('option', { value: '', text: 'All statuses' }));
    U.append(h.statusSelect, el('option', { value: 'OPEN', text: 'Not finished' }));
    U.append(h.statusSelect, el('option', { value: 'LATE', text: 'Late now' }));
    U.append(h.statusSelect, el('option', { value: 'CRITICAL', text: 'Critical path' }));
    U.STATUSES.forEach(function (s) { U.append(h.statusSelect, el('option', { value: s, text: U.STATUS_LABEL[s] })); });
    h.mine = el('input', { type: 'checkbox', class: 'cp-checkbox', id: id + '-mine',
      on: { change: function () { actions.setFilter({ mine: h.mine.checked }); } } });
    h.mineLabel = el('label', { class: 'cp-check', for: h.mine.id }, [h.mine, ' My teams']);
    h.clearFilters = el('button', { type: 'button', class: 'cp-link-button', text: 'Clear filters', hidden: true,
      on: { click: function () { h.search.value = ''; actions.clearFilters(); } } });
    h.shown = el('span', { class: 'cp-shown', 'aria-live': 'polite' });
    h.jump = el('button', { type: 'button', class: 'cp-button cp-button--subtle cp-jump', title: 'Scroll to the first step that is running, failed, on hold or ready',
      text: 'Jump to current work \u2193', on: { click: function () { Runsheet.jumpToCurrent(h); } } });
    return el('div', { class: 'cp-filters', role: 'search', 'aria-label': 'Filter steps' },
      [h.search, h.teamSelect, h.statusSelect, h.mineLabel, h.clearFilters, h.shown, h.jump]);
  }

  function build(state, actions) {
    var h = { options: {}, rows: null, generation: -1, teamsKey: null };
    h.summary = el('div', { class: 'cp-summary-box' });
    h.empty = el('p', { class: 'cp-empty', hidden: true });
    h.wrap = el('div', { class: 'cp-runsheet-wrap' });
    h.root = el('div', { class: 'cp-runsheet-root' }, [h.summary, el('div', { class: 'cp-runview' }, [buildFilters(h, actions), h.empty, h.wrap])]);
    doms.set(state, h);
    return h;
  }

  /** A row template cloned for every step: cloning is much cheaper than building nodes one by one. */
  function rowTemplate() {
    var tr = el('div', { class: 'cp-row', role: 'row', tabindex: '-1' });
    COLUMNS.forEach(function (c) { tr.appendChild(el('div', { class: 'cp-cell cp-c-' + c[0], role: 'cell' })); });
    tr.children[0].appendChild(U.statusBadge('PENDING'));
    tr.children[1].appendChild(el('span', { class: 'cp-code' }));
    var title = tr.children[2];
    title.appendChild(el('span', { class: 'cp-gate', title: 'Go/no-go gate: critical controls must pass', text: 'Gate', hidden: true }));
    title.appendChild(el('span', { class: 'cp-step-title' }));
    title.appendChild(el('span', { class: 'cp-crit', title: 'On the critical path: it decides the forecast end', text: '\u25C6 Critical', hidden: true }));
    // A four-eyes gate override waiting for a second pilot (children[3]): words, not colour only.
    title.appendChild(el('span', { class: 'cp-override-wait', 'data-testid': 'cp-override-waiting', text: 'Override waiting for 2nd pilot', hidden: true }));
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

  function buildTable(h, state, actions) {
    h.rows = new Map();
    h.chapterGroups = new Map();
    h.phaseGroups = new Map();
    h.generation = state.index.generation;
    var table = el('div', { class: 'cp-runsheet', role: 'table', 'aria-label': 'Runsheet', 'aria-rowcount': String(state.steps.size + 1) });
    var htr = el('div', { class: 'cp-row cp-head-row', role: 'row' });
    COLUMNS.forEach(function (c) { htr.appendChild(el('div', { role: 'columnheader', class: 'cp-cell cp-c-' + c[0], text: c[1] })); });
    table.appendChild(el('div', { class: 'cp-rs-head', role: 'rowgroup' }, htr));

    var tpl = rowTemplate();
    var byChapter = new Map();
    state.steps.forEach(function (s) {
      if (!byChapter.has(s.chapterId)) byChapter.set(s.chapterId, []);
      byChapter.get(s.chapterId).push(s);
    });
    var frag = document.createDocumentFragment();
    function addRow(body, s) {
      var tr = tpl.cloneNode(true);
      tr.dataset.id = s.id;
      fillRow(h, state, tr, s, true);
      h.rows.set(s.id, tr);
      body.appendChild(tr);
    }
    state.macroPhases.forEach(function (ph) {
      var phBody = el('div', { class: 'cp-phase-group', role: 'rowgroup', 'data-phase': ph.id });
      var phStat = el('span', { class: 'cp-group-stat' });
      phBody.appendChild(el('div', { class: 'cp-phase-row', role: 'row' }, el('div', { role: 'rowheader', class: 'cp-group-head' },
        [el('span', { class: 'cp-group-name', text: ph.name || 'Phase' }), phStat])));
      frag.appendChild(phBody);
      var chapterIds = [];
      state.chapters.forEach(function (ch) {
        if (ch.macroPhaseId !== ph.id) return;
        chapterIds.push(ch.id);
        var steps = byChapter.get(ch.id) || [];
        var body = el('div', { class: 'cp-chapter-group', role: 'rowgroup', 'data-chapter': ch.id });
        var stat = el('span', { class: 'cp-group-stat' });
        var bar = C.Progress.bar('Progress of ' + (ch.name || ''));
        var times = el('span', { class: 'cp-group-times' });
        body.appendChild(el('div', { class: 'cp-chapter-row', role: 'row' }, el('div', { role: 'rowheader', class: 'cp-group-head' }, [
          el('span', { class: 'cp-group-code', text: ch.code || '' }),
          el('span', { class: 'cp-group-name', text: ch.name || '' }), bar, stat, times])));
        steps.forEach(function (s) { addRow(body, s); });
        estimate(body, steps.length);
        h.chapterGroups.set(ch.id, { body: body, stat: stat, bar: bar, times: times, rows: steps.map(function (s) { return s.id; }) });
        frag.appendChild(body);
      });
      h.phaseGroups.set(ph.id, { body: phBody, stat: phStat, chapters: chapterIds });
    });
    // Steps without a known chapter still show (defensive: never hide work).
    var orphans = [];
    state.steps.forEach(function (s) { if (!h.rows.has(s.id)) orphans.push(s); });
    if (orphans.length) {
      var body = el('div', { class: 'cp-chapter-group', role: 'rowgroup' });
      orphans.forEach(function (s) { addRow(body, s); });
      h.chapterGroups.set('', { body: body, stat: el('span'), bar: C.Progress.bar(''), times: el('span'), rows: orphans.map(function (s) { return s.id; }), orphans: true });
      frag.appendChild(body);
    }
    table.appendChild(frag);
    var first = state.steps.keys().next();
    if (!first.done && h.rows.get(first.value)) h.rows.get(first.value).tabIndex = 0;
    table.addEventListener('click', function (e) {
      var tr = e.target.closest && e.target.closest('.cp-row[data-id]');
      if (tr) actions.openStep(tr.dataset.id, tr);
    });
    table.addEventListener('keydown', function (e) { onKey(h, state, actions, e); });
    table.addEventListener('focusin', function (e) {
      var tr = e.target.closest && e.target.closest('.cp-row[data-id]');
      if (!tr) return;
      // Roving tabindex: exactly one row is in the tab order, the last one focused.
      if (h.focusRow && h.focusRow !== tr) h.focusRow.tabIndex = -1;
      tr.tabIndex = 0;
      h.focusRow = tr;
    });
    U.replace(h.wrap, table);
  }

  function onKey(h, state, actions, e) {
    var tr = e.target.closest && e.target.closest('.cp-row[data-id]');
    if (!tr) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      actions.openStep(tr.dataset.id, tr);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      var rows = visibleRows(h, state);
      var i = rows.indexOf(tr);
      var next = e.key === 'ArrowDown' ? rows[i + 1] : e.key === 'ArrowUp' ? rows[i - 1] : e.key === 'Home' ? rows[0] : rows[rows.length - 1];
      if (next) { next.focus({ preventScroll: true }); next.scrollIntoView({ block: 'nearest' }); }
    }
  }

  function visibleRows(h, state) {
    var out = [];
    state.steps.forEach(function (s, id) {
      var r = h.rows.get(id);
      if (r && !r.hidden && !r.parentNode.hidden) out.push(r);
    });
    return out;
  }

  /** Writes one step into its row. Only changes what differs, so a poll of an unchanged row costs nothing. */
  function fillRow(h, state, tr, s, initial) {
    var now = state.ui.now;
    var c = tr.children;
    var status = s.status;
    var late = D.attentionNow(state, s, now);
    var f = state.forecast ? F.step(state.forecast, s.id) : null;
    var unseen = state.ui.unseen.has(s.id);
    var cls = 'cp-row cp-row--' + status.toLowerCase() + (late ? ' cp-row--late' : '') + (unseen ? ' cp-unseen' : '') +
      (state.ui.panelStepId === s.id ? ' cp-row--open' : '');
    if (tr.className !== cls) tr.className = cls;
    if (initial || tr._status !== status) {
      U.updateStatusBadge(c[0].firstChild, status);
      tr._status = status;
    }
    var badge = c[2].lastChild;
    if (badge.hidden === unseen) badge.hidden = !unseen;
    if (initial) {
      c[1].firstChild.textContent = s.code;
      c[2].firstChild.hidden = !s.goNoGo;
      c[2].children[1].textContent = s.title;
      c[2].title = s.title;
      c[3].textContent = D.teamName(s);
    }
    // Dependencies: how many predecessors are still open, and how many steps wait on this one.
    var open = D.openPredecessors(state, s), preds = (s.predecessorIds || []).length, succ = D.successors(state, s).length;
    var deps = '';
    if (preds) deps += (open && !U.FINISHED[status] ? '\u25D4 ' + open + '/' + preds : '\u2190 ' + preds);
    if (succ) deps += (deps ? ' ' : '') + '\u2192 ' + succ;
    U.setText(c[4], deps);
    var depTitle = preds ? preds + ' predecessor' + (preds > 1 ? 's' : '') + (open ? ', ' + open + ' not finished' : ', all finished') : 'No predecessors';
    depTitle += succ ? '; ' + succ + ' successor' + (succ > 1 ? 's' : '') : '';
    if (c[4].title !== depTitle) c[4].title = depTitle;
    c[4].classList.toggle('cp-waiting', open > 0 && !U.FINISHED[status]);
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
    else if (f && f.forecastStart && F.WAITING[status]) {
      // A waiting step: when the forecast expects it to start.
      actual = 'starts ' + U.fmtTime(f.forecastStart);
      actualTitle = 'Forecast start ' + U.fmtDateTime(f.forecastStart) + ', forecast end ' + U.fmtDateTime(f.forecastEnd);
    }
    if (f && f.forecastEnd && !U.FINISHED[status] && status !== 'PENDING') actualTitle += (actualTitle ? '; ' : '') + 'forecast end ' + U.fmtDateTime(f.forecastEnd);
    U.setText(c[6], actual);
    if (c[6].title !== actualTitle) c[6].title = actualTitle;
    U.setText(c[7], s.tasksTotal ? s.tasksDone + '/' + s.tasksTotal : '');
    c[7].classList.toggle('cp-tasks-done', s.tasksTotal > 0 && s.tasksDone === s.tasksTotal);
    // Critical path and float (unfinished steps only; the forecast sends no float for finished ones).
    var critical = !!(f && f.critical);
    if (c[2].children[2].hidden === critical) c[2].children[2].hidden = !critical;
    // pendingOverrideBy: a four-eyes override request waits (only an in-progress step can have one).
    var waiting = !!s.pendingOverrideBy && status === 'IN_PROGRESS', wait = c[2].children[3];
    if (wait.hidden === waiting) wait.hidden = !waiting;
    var waitTitle = waiting ? 'Gate override asked by ' + s.pendingOverrideBy + ': waiting for a second pilot to confirm or reject it' : '';
    if ((wait.getAttribute('title') || '') !== waitTitle) {
      if (waitTitle) wait.setAttribute('title', waitTitle); else wait.removeAttribute('title');
    }
    var fl = f && f.floatMinutes !== null && f.floatMinutes !== undefined ? f.floatMinutes : null;
    U.setText(c[8], fl === null ? '' : U.fmtDuration(fl));
    var floatTitle = fl === null ? '' : critical ? 'No float: any delay here moves the forecast end'
      : 'Float ' + U.fmtDuration(fl) + ': it can slip this much without moving the forecast end';
    if (c[8].title !== floatTitle) c[8].title = floatTitle;
    // Lateness in words with its minutes; the engine's one-line reason in the tooltip. LATE_FINISH is history (grey).
    var flag = '', flagTitle = '', history = false, later = false;
    if (f && f.lateness) {
      history = !F.ATTENTION[f.lateness.kind];
      // A waiting step forecast to start late is a forecast, not an alarm: grey, without the warning sign.
      later = !history && status === 'PENDING';
      // History stays one short grey line ("finished +6 h 54 min"); what needs attention now says its kind.
      flag = history ? 'finished +' + U.fmtDuration(f.lateness.minutes)
        : later ? F.latenessText(f.lateness) : '\u26A0 ' + F.latenessText(f.lateness);
      flagTitle = (history ? F.latenessText(f.lateness) + ': ' : '') + (f.lateness.reason || '');
    } else if (late) { flag = '\u26A0 Late'; flagTitle = late; }
    if (!flag && s.gateOverridden) { flag = 'Override'; flagTitle = 'Completed with a gate override'; }
    U.setText(c[9], flag);
    if (c[9].title !== flagTitle) c[9].title = flagTitle;
    c[9].classList.toggle('cp-flag--history', history);
    c[9].classList.toggle('cp-flag--later', later);
  }

  function updateGroups(h, state, agg) {
    var now = state.ui.now;
    h.chapterGroups.forEach(function (g, cid) {
      if (g.orphans) return;
      var a = agg.byChapter.get(cid) || { total: 0, finished: 0, failed: 0, running: 0, late: 0, open: 0 };
      var ch = state.index.chapters.get(cid) || {};
      var frac = D.plannedFraction(ch.scheduledStart, ch.scheduledEnd, now);
      C.Progress.setBar(g.bar, a.finished, a.failed, a.total, frac);
      var stat = a.finished + '/' + a.total + ' finished';
      if (a.running) stat += ' \u00B7 ' + a.running + ' running';
      if (a.failed) stat += ' \u00B7 ' + a.failed + ' failed';
      if (a.late) stat += ' \u00B7 \u26A0 ' + a.late + ' late';
      U.setText(g.stat, stat);
      var t = '';
      if (ch.scheduledStart) t = 'Plan ' + U.fmtTime(ch.scheduledStart) + '\u2013' + U.fmtTime(ch.scheduledEnd);
      if (a.start) t += (t ? ' \u00B7 ' : '') + 'Actual ' + U.fmtTime(a.start) + '\u2013' + (a.open ? '' : U.fmtTime(a.end));
      if (ch.scheduledEnd && !a.open && a.end) {
        var v = (a.end - U.toDate(ch.scheduledEnd)) / 60000;
        t += ' (' + (v > 0 ? '+' : '') + U.fmtDuration(v) + ')';
      }
      var fc = a.open && state.forecast ? F.index(state.forecast).chapters.get(cid) : null;
      if (fc && fc.forecastEnd) t += ' \u00B7 ' + (fc.critical ? '\u25C6 ' : '') + 'Forecast end ' + U.fmtTime(fc.forecastEnd) +
        (fc.varianceMinutes ? ' (' + C.Timeline.varianceText(fc.varianceMinutes) + ')' : '');
      U.setText(g.times, t);
    });
    h.phaseGroups.forEach(function (g, pid) {
      var p = agg.byPhase.get(pid);
      if (p) U.setText(g.stat, p.finished + '/' + p.total + ' finished' + (p.late ? ' \u00B7 \u26A0 ' + p.late + ' late' : ''));
    });
  }

  /** Focuses the first visible step that needs attention now, in plan order. */
  Runsheet.jumpToCurrent = function (h) {
    var wanted = /cp-row--(in_progress|failed|on_hold|ready)\b/;
    var rows = h.wrap.querySelectorAll('.cp-row[data-id]');
    for (var i = 0; i < rows.length; i++) {
      var tr = rows[i];
      if (wanted.test(tr.className) && !tr.hidden && !tr.parentNode.hidden) {
        tr.scrollIntoView({ block: 'center' });
        tr.focus({ preventScroll: true });
        return tr;
      }
    }
    return null;
  };

  /**
   * The first time the runsheet is shown it opens at current work: the first running, failed, held or ready step
   * (else the first pending one) scrolled to the middle of the screen, not the top of finished work. Only the
   * scroll: focus stays where it is, and after this the user's scroll position is theirs.
   */
  function openAtCurrentWork(h, container) {
    var target = h.wrap.querySelector('.cp-row--in_progress, .cp-row--failed, .cp-row--on_hold, .cp-row--ready') ||
      h.wrap.querySelector('.cp-row--pending');
    if (!target || target.hidden || !container.isConnected) return;
    var first = h.wrap.querySelector('.cp-row[data-id]');
    if (target === first) return;
    target.scrollIntoView({ block: 'center' });
  }

  function applyFilters(h, state) {
    var f = state.ui.filters, ready = !!h.options.ready;
    var match = D.matcher(state, f, state.ui.now, { ready: ready }), shown = 0;
    h.chapterGroups.forEach(function (g) {
      var visible = 0;
      for (var i = 0; i < g.rows.length; i++) {
        var tr = h.rows.get(g.rows[i]);
        var ok = match(state.steps.get(g.rows[i]));
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
    var total = state.steps.size;
    U.setText(h.shown, shown === total ? U.fmtNumber(total) + ' steps' : 'Showing ' + U.fmtNumber(shown) + ' of ' + U.fmtNumber(total) + ' steps');
    h.clearFilters.hidden = !D.filtersActive(f);
    if (shown === 0) {
      var noTeam = ready && !f.team && D.callerTeamIds(state).length === 0;
      U.setText(h.empty, noTeam ? 'You belong to no team, so nothing is ready for you. Pick a team in the filter to see its steps.'
        : ready ? 'Nothing is ready for your teams right now.' : 'No step matches these filters.');
    }
    h.empty.hidden = shown > 0;
    return shown;
  }

  /** The filter inputs follow the state (another view or a count button may have changed the filters). */
  function syncFilterInputs(h, state) {
    var f = state.ui.filters;
    var teams = D.teams(state);
    var key = teams.map(function (t) { return t.id; }).join(',');
    if (h.teamsKey !== key) {
      h.teamsKey = key;
      U.replace(h.teamSelect, el('option', { value: '', text: 'All teams' }));
      teams.forEach(function (t) { U.append(h.teamSelect, el('option', { value: t.id, text: t.name || t.id })); });
    }
    if (h.teamSelect.value !== f.team) h.teamSelect.value = f.team;
    if (h.statusSelect.value !== f.status) h.statusSelect.value = f.status;
    if (h.mine.checked !== f.mine) h.mine.checked = f.mine;
    if (document.activeElement !== h.search && h.search.value !== f.text) h.search.value = f.text;
    h.mineLabel.hidden = D.callerTeamIds(state).length === 0;
  }

  function flash(h, ids) {
    if (!ids || !ids.length || !document.body.animate) return;
    if (window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    ids.forEach(function (id) {
      var tr = h.rows.get(id);
      // A fading highlight through the Web Animations API: no class toggling, so no forced layout of the table.
      if (tr && tr.animate) tr.animate([{ backgroundColor: '#fff0b3' }, { backgroundColor: 'rgba(255, 240, 179, 0)' }], { duration: 4000, easing: 'ease-out' });
    });
  }

  /**
   * Renders the runsheet into `container`. options.ready: the "ready for my teams" rows (steps needing attention
   * of the caller's teams, or of the team chosen in the filter).
   */
  Runsheet.render = function (container, state, actions, options) {
    var h = doms.get(state) || build(state, actions);
    h.options = options || {};
    if (h.root.parentNode !== container) U.replace(container, h.root);
    var ch = state.changed || { all: true };
    var rebuilt = false;
    if (!h.rows || h.generation !== state.index.generation) { buildTable(h, state, actions); rebuilt = true; }
    if (!rebuilt) {
      // A view is rendered only while shown, and showing one passes changed.all: every row is refilled then.
      // A new forecast moves every row's forecast start, float and lateness (fillRow writes only what differs).
      if (ch.all || ch.key === 'forecast') state.steps.forEach(function (s, id) { fillRow(h, state, h.rows.get(id), s, false); });
      else {
        (ch.stepIds || []).forEach(function (id) {
          var tr = h.rows.get(id), s = state.steps.get(id);
          if (tr && s) fillRow(h, state, tr, s, false);
        });
      }
    }
    var agg = C.Progress.render(h.summary, state, actions);
    updateGroups(h, state, agg);
    syncFilterInputs(h, state);
    applyFilters(h, state);
    flash(h, ch.flash);
    if (rebuilt && !h.openedAtWork && !h.options.ready) { h.openedAtWork = true; openAtCurrentWork(h, container); }
    if (state.ui.jumpToPhase) {
      var g = h.phaseGroups.get(state.ui.jumpToPhase);
      if (g && !g.body.hidden) {
        g.body.scrollIntoView({ block: 'start' });
        var firstRow = Array.prototype.filter.call(h.wrap.querySelectorAll('.cp-chapter-group'), function (b) {
          return g.chapters.indexOf(b.getAttribute('data-chapter')) >= 0 && !b.hidden;
        }).map(function (b) { return b.querySelector('.cp-row[data-id]:not([hidden])'); }).filter(Boolean)[0];
        if (firstRow) firstRow.focus({ preventScroll: true });
      }
    }
    return agg;
  };
})(window.Cutplan = window.Cutplan || {});
