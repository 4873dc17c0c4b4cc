/*
 * Cutplan dashboard: the Timeline view. One bar per chapter (planned above, actual then forecast below) grouped by
 * macro-phase, a "now" line, critical chapters in red with a diamond; a click on a chapter (or the chapter picker,
 * for keyboards) draws that chapter's steps the same way below. "Show as table" swaps each chart for its table.
 * The drawing itself is C.Timeline (timeline.js); this file wires it to the state.
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el, T = C.Timeline;

  /** The phone keeps a readable chart and scrolls it sideways; anything wider fits the chart to the screen. */
  var MIN_WIDTH = 640;

  function opts(state) {
    return state.timeline || { chapterId: null, table: false };
  }

  function build(container, state, actions) {
    var v = { key: null };
    function setOpts(change) {
      var o = opts(state), next = { chapterId: o.chapterId, table: o.table };
      for (var k in change) next[k] = change[k];
      actions.set('timeline', next);
    }
    v.tableToggle = el('button', { type: 'button', class: 'cp-button', 'aria-pressed': 'false',
      on: { click: function () { setOpts({ table: !opts(state).table }); } } }, 'Show as table');
    v.picker = el('select', { class: 'cp-select', id: U.domId('cp-tl-pick', state.iterationId),
      on: { change: function () { setOpts({ chapterId: v.picker.value || null }); } } });
    v.legend = el('ul', { class: 'cp-tl-legend', 'aria-hidden': 'true' }, [
      ['planned', 'planned'], ['actual', 'actual'], ['forecast', 'forecast'], ['critical', '\u25C6 critical path'], ['now', 'now']
    ].map(function (k) { return el('li', null, [el('span', { class: 'cp-tl-key cp-tl-key--' + k[0] }), k[1]]); }));
    v.summary = el('p', { class: 'cp-tl-summary' });
    // On a phone the charts scroll sideways in their own box: focusable (keyboard scrolling) and named.
    v.chapters = el('div', { class: 'cp-timeline-scroll', tabindex: '0', role: 'region', 'aria-label': 'Chapter timeline' });
    v.stepsHead = el('h3', { class: 'cp-tl-steps-head', tabindex: '-1' });
    v.steps = el('div', { class: 'cp-timeline-scroll', tabindex: '0', role: 'region', 'aria-label': 'Step timeline of the chosen chapter' });
    v.stepsSection = el('section', { class: 'cp-tl-steps', hidden: true }, [v.stepsHead, v.steps]);
    v.chapters.addEventListener('click', function (e) {
      var g = e.target.closest && e.target.closest('.cp-tl-row[data-row-id]');
      if (g) { setOpts({ chapterId: g.getAttribute('data-row-id') }); v.focusSteps = true; }
    });
    v.steps.addEventListener('click', function (e) {
      var g = e.target.closest && e.target.closest('.cp-tl-row[data-row-id]');
      if (g) actions.openStep(g.getAttribute('data-row-id'), null);
    });
    U.replace(container, [
      el('div', { class: 'cp-toolbar' }, [v.tableToggle,
        el('label', { for: v.picker.id, text: 'Steps of' }), v.picker]),
      v.legend, v.summary, v.chapters, v.stepsSection]);
    // A new width redraws (the chart is drawn at 1:1 so its text never scales).
    if (typeof ResizeObserver === 'function') {
      var last = 0;
      v.resize = new ResizeObserver(U.debounce(function () {
        var w = container.clientWidth;
        if (Math.abs(w - last) > 4 && container._cpTimelineState) { last = w; render(container, container._cpTimelineState, actions); }
      }, 150));
      v.resize.observe(container);
    }
    container._cpTimeline = v;
    return v;
  }

  function fillPicker(v, state) {
    var key = state.chapters.map(function (c) { return c.id; }).join(',');
    if (v.pickerKey === key) return;
    v.pickerKey = key;
    U.replace(v.picker, [el('option', { value: '', text: 'choose a chapter' })].concat(state.chapters.map(function (c) {
      return el('option', { value: c.id, text: ((c.code || '') + ' ' + (c.name || '')).trim() });
    })));
  }

  function render(container, state, actions) {
    var v = container._cpTimeline || build(container, state, actions);
    container._cpTimelineState = state;
    var o = opts(state), forecast = state.forecast;
    fillPicker(v, state);
    v.picker.value = o.chapterId || '';
    U.setText(v.tableToggle, o.table ? 'Show as chart' : 'Show as table');
    v.tableToggle.setAttribute('aria-pressed', o.table ? 'true' : 'false');
    v.legend.hidden = !!o.table;
    if (!forecast) {
      U.setText(v.summary, 'Loading the forecast\u2026');
      return;
    }
    var now = state.ui && state.ui.now || Date.now();
    // The scroll box's inner width (the view's padding excluded), so the chart's right edge is never cut.
    var width = Math.max(MIN_WIDTH, v.chapters.clientWidth || container.clientWidth || 1000);
    // Redraw only when something drawn changed: the forecast answer, the options, the width or the minute.
    var key = [forecast.computedAt, forecast.version, o.chapterId, o.table, width, Math.floor(now / 60000)].join('|');
    if (key === v.key) return;
    v.key = key;

    var groups = T.chapterGroups(state.macroPhases, state.chapters, forecast);
    var critical = 0, count = 0;
    groups.forEach(function (g) { g.rows.forEach(function (r) { count++; if (r.critical) critical++; }); });
    var it = forecast.iteration || {};
    U.setText(v.summary, count + ' chapters in ' + groups.length + ' macro-phases; ' + critical + ' on the critical path. ' +
      (it.forecastEnd ? (it.finished ? 'Finished ' : 'Forecast end ') + U.fmtDateTime(it.forecastEnd) + '.' : ''));
    var spec = {
      groups: groups, now: now, width: width, kind: 'chapter', selectedId: o.chapterId, idPrefix: U.domId('cp-tl-ch', state.iterationId),
      title: 'Timeline of ' + count + ' chapters, planned against actual and forecast',
      description: 'One row per chapter, grouped by macro-phase: the upper bar is the planned window, the lower bar the ' +
        'actual time up to now and the forecast after it. Chapters on the critical path are marked with a diamond. ' +
        'The same data is available as a table with the Show as table button.'
    };
    U.replace(v.chapters, o.table ? T.table(groups, spec) : T.chart(spec));

    var chapter = o.chapterId && state.chapters.filter(function (c) { return c.id === o.chapterId; })[0];
    v.stepsSection.hidden = !chapter;
    if (chapter) {
      var steps = [];
      state.steps.forEach(function (s) { if (s.chapterId === chapter.id) steps.push(s); });
      var sg = T.stepGroups(chapter, steps, forecast);
      var name = ((chapter.code || '') + ' ' + (chapter.name || '')).trim();
      U.setText(v.stepsHead, 'Steps of ' + name);
      var sspec = {
        groups: sg, now: now, width: width, kind: 'step', idPrefix: U.domId('cp-tl-st', state.iterationId),
        title: 'Timeline of the ' + steps.length + ' steps of ' + name,
        description: 'One row per step: planned window above, actual and forecast below; critical steps marked with a diamond. ' +
          'Select a row to open the step.'
      };
      U.replace(v.steps, o.table ? T.table(sg, sspec) : T.chart(sspec));
      if (v.focusSteps) { v.focusSteps = false; v.stepsHead.focus({ preventScroll: true }); v.stepsSection.scrollIntoView({ block: 'nearest' }); }
    }
  }

  C.views.register({
    id: 'timeline', label: 'Timeline', testid: 'timeline',
    visible: function () { return true; },
    render: render
  });
})(window.Cutplan = window.Cutplan || {});
