/*
 * Cutplan dashboard: overall progress, counts by status (each a filter shortcut) and progress per macro-phase,
 * planned (chapter schedules) against actual. Used by the runsheet views above their rows and by the progress view.
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el, D = C.derive;

  var Progress = C.Progress = {};
  var doms = new WeakMap();

  /** A bar: finished share filled, an optional tick where the plan says we should be by now. */
  Progress.bar = function (label) {
    var fill = el('span', { class: 'cp-bar-fill' });
    var failed = el('span', { class: 'cp-bar-failed' });
    var plan = el('span', { class: 'cp-bar-plan', title: 'Where the plan says we should be now', hidden: true });
    var bar = el('span', { class: 'cp-bar', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-label': label || 'Progress' },
      [fill, failed, plan]);
    bar._fill = fill; bar._failed = failed; bar._plan = plan;
    return bar;
  };

  Progress.setBar = function (bar, finished, failed, total, plannedFraction) {
    var p = total ? (finished * 100) / total : 0;
    var f = total ? (failed * 100) / total : 0;
    bar._fill.style.width = p.toFixed(2) + '%';
    bar._failed.style.left = p.toFixed(2) + '%';
    bar._failed.style.width = f.toFixed(2) + '%';
    bar.setAttribute('aria-valuenow', String(Math.round(p)));
    if (plannedFraction === null || plannedFraction === undefined) {
      bar._plan.hidden = true;
      bar.setAttribute('aria-valuetext', Math.round(p) + '% finished');
    } else {
      bar._plan.hidden = false;
      bar._plan.style.left = (plannedFraction * 100).toFixed(2) + '%';
      bar.setAttribute('aria-valuetext', Math.round(p) + '% finished, plan ' + Math.round(plannedFraction * 100) + '%');
    }
  };

  function build(box, actions) {
    var h = {};
    h.overallBar = Progress.bar('Overall progress');
    h.overallText = el('span', { class: 'cp-overall-text' });
    h.lateText = el('span', { class: 'cp-overall-late' });
    h.overrideText = el('span', { class: 'cp-overall-overrides', 'data-testid': 'cp-overrides-waiting', hidden: true });
    h.countChips = {};
    var chips = el('ul', { class: 'cp-counts', 'aria-label': 'Steps by status' });
    U.STATUSES.concat(['LATE']).forEach(function (s) {
      var late = s === 'LATE';
      var n = el('span', { class: 'cp-count-n' });
      var b = el('button', { type: 'button', class: 'cp-count cp-count--' + s.toLowerCase(), 'aria-pressed': 'false',
        title: late ? 'Show only late steps' : 'Show only ' + U.STATUS_LABEL[s].toLowerCase() + ' steps',
        on: { click: function () { actions.toggleStatusFilter(s); } } },
        [el('span', { class: 'cp-status-icon', 'aria-hidden': 'true', text: late ? '\u26A0' : U.STATUS_ICON[s] }),
          el('span', { class: 'cp-count-label', text: late ? 'Late' : U.STATUS_LABEL[s] }), n]);
      b._n = n;
      if (late) b.setAttribute('data-testid', 'late-count');
      h.countChips[s] = b;
      chips.appendChild(el('li', null, b));
    });
    h.phaseList = el('ol', { class: 'cp-phases', 'aria-label': 'Progress by macro-phase' });
    U.replace(box, el('section', { class: 'cp-summary', 'aria-label': 'Progress' }, [
      el('div', { class: 'cp-overall' }, [h.overallBar, el('div', { class: 'cp-overall-line' }, [h.overallText, h.lateText, h.overrideText])]),
      chips,
      h.phaseList
    ]));
    doms.set(box, h);
    return h;
  }

  function buildPhases(h, state, actions) {
    h.phaseItems = new Map();
    h.generation = state.index.generation;
    U.replace(h.phaseList, state.macroPhases.map(function (ph) {
      var bar = Progress.bar('Progress of ' + ph.name);
      var stat = el('span', { class: 'cp-phase-stat' });
      var times = el('span', { class: 'cp-phase-times' });
      var name = el('a', { class: 'cp-phase-name', href: '#', text: ph.name || 'Phase',
        on: { click: function (e) { e.preventDefault(); actions.jumpToPhase(ph.id); } } });
      var li = el('li', { class: 'cp-phase' }, [el('div', { class: 'cp-phase-head' }, [name, stat]), bar, times]);
      h.phaseItems.set(ph.id, { li: li, bar: bar, stat: stat, times: times });
      return li;
    }));
  }

  /** Renders the summary into `box` (built on first use) from state.index.aggregates (computed once per render). */
  Progress.render = function (box, state, actions) {
    var h = doms.get(box) || build(box, actions);
    if (!h.phaseItems || h.generation !== state.index.generation) buildPhases(h, state, actions);
    var now = state.ui.now, it = state.iteration || {}, status = state.ui.filters.status;
    var agg = state.index.aggregates || D.aggregates(state, now);
    Progress.setBar(h.overallBar, agg.finished, agg.counts.FAILED || 0, agg.total, D.plannedFraction(it.plannedStart, it.plannedEnd, now));
    U.setText(h.overallText, U.fmtNumber(agg.finished) + ' of ' + U.fmtNumber(agg.total) + ' steps finished (' +
      U.pct(agg.finished, agg.total) + '%)');
    U.setText(h.lateText, agg.late ? '\u26A0 ' + agg.late + ' late now' : 'Nothing late now');
    h.lateText.className = 'cp-overall-late' + (agg.late ? ' cp-is-late' : '');
    // What "late" counts, in the tooltip and in the button's accessible name (issue 12: no alarm fatigue).
    var what = U.fmtNumber(agg.late) + (agg.late === 1 ? ' step needs' : ' steps need') + ' attention now: overrunning (running past ' +
      'the planned duration) or a late start (ready, on hold or failed, and past the planned start). Finished steps never count.' +
      (agg.lateLater ? ' ' + U.fmtNumber(agg.lateLater) + (agg.lateLater === 1 ? ' waiting step is' : ' waiting steps are') +
        ' forecast to start late: they follow the delay upstream and show it in their row.' : '');
    if (h.lateText.title !== what) h.lateText.title = what;
    var ow = agg.overridesWaiting || 0;
    U.setText(h.overrideText, ow ? ow + (ow === 1 ? ' override waits' : ' overrides wait') + ' for a 2nd pilot' : '');
    if (h.overrideText.hidden === !!ow) h.overrideText.hidden = !ow;
    var chip = h.countChips.LATE;
    if (chip.title !== what + ' Press to show only them.') {
      chip.title = what + ' Press to show only them.';
      chip.setAttribute('aria-label', 'Late now: ' + what);
    }
    U.STATUSES.forEach(function (s) { U.setText(h.countChips[s]._n, U.fmtNumber(agg.counts[s] || 0)); });
    U.setText(h.countChips.LATE._n, U.fmtNumber(agg.late));
    Object.keys(h.countChips).forEach(function (s) { h.countChips[s].setAttribute('aria-pressed', status === s ? 'true' : 'false'); });
    state.macroPhases.forEach(function (ph) {
      var item = h.phaseItems.get(ph.id), p = agg.byPhase.get(ph.id);
      if (!item || !p) return;
      var frac = D.plannedFraction(p.plannedStart, p.plannedEnd, now);
      Progress.setBar(item.bar, p.finished, p.failed, p.total, frac);
      var stat = U.pct(p.finished, p.total) + '%' + (frac !== null ? ' \u00B7 plan ' + Math.round(frac * 100) + '%' : '');
      if (p.failed) stat += ' \u00B7 ' + p.failed + ' failed';
      if (p.late) stat += ' \u00B7 ' + p.late + ' late';
      U.setText(item.stat, stat);
      item.li.classList.toggle('cp-has-failed', p.failed > 0);
      item.li.classList.toggle('cp-has-late', p.late > 0);
      var t = '';
      if (p.plannedStart) t += 'Plan ' + U.fmtTime(p.plannedStart) + '\u2013' + U.fmtTime(p.plannedEnd);
      if (p.start) t += (t ? ' \u00B7 ' : '') + 'Actual ' + U.fmtTime(p.start) + '\u2013' + (p.open ? 'now' : U.fmtTime(p.end));
      U.setText(item.times, t || U.fmtNumber(p.total) + ' steps');
    });
    return agg;
  };
})(window.Cutplan = window.Cutplan || {});
