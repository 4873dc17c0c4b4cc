/*
 * Cutplan dashboard view "compare": this migration's completed iterations side by side (GET
 * /migrations/{id}/comparison, docs/calibration.md). One chart of the total duration per iteration (a bar per
 * iteration, planned as a tick), one small chart per chapter (its actual duration in each iteration, a line per
 * chapter), the most variable steps, and "Show as table" for the same figures as tables. Hand-written SVG like the
 * timeline (C.Timeline.svg): every text goes in as textContent. Loaded each time the view is shown.
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el;

  var doms = new WeakMap();
  var uid = 0;

  function zone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || ''; } catch (e) { return ''; }
  }

  function minutesText(m) {
    return m === null || m === undefined ? '\u2014' : U.fmtDuration(Math.round(m));
  }

  var TREND = { faster: 'faster', slower: 'slower', steady: 'steady', unknown: 'not enough runs' };

  function build(container, state, actions) {
    var v = { id: 'cp-cmp' + (++uid), actions: actions, table: false };
    v.message = U.messageBox('cp-msg');
    v.summary = el('p', { class: 'cp-muted' });
    v.toggle = el('button', { type: 'button', class: 'cp-button', 'aria-pressed': 'false', text: 'Show as table',
      on: { click: function () { v.table = !v.table; draw(v); } } });
    v.dlHtml = el('a', { class: 'cp-button', text: 'Download HTML', download: '' });
    v.dlCsv = el('a', { class: 'cp-button', text: 'Download CSV', download: '' });
    v.total = el('div', { class: 'cp-cmp-total', 'data-testid': 'compare-total' });
    v.chapters = el('div', { class: 'cp-cmp-chapters', 'data-testid': 'compare-chapters' });
    v.variable = el('div', { class: 'cp-cmp-variable' });
    v.rule = el('p', { class: 'cp-muted' });
    U.replace(container, el('div', { class: 'cp-compare' }, [
      el('div', { class: 'cp-planning-head' }, [el('h2', { class: 'cp-view-title', text: 'Compare iterations' }),
        el('div', { class: 'cp-toolbar', role: 'group', 'aria-label': 'Comparison' }, [v.toggle, v.dlHtml, v.dlCsv])]),
      v.summary, v.message,
      el('h3', { class: 'cp-cmp-head', text: 'Total duration per iteration' }), v.total,
      el('h3', { class: 'cp-cmp-head', text: 'Duration of each chapter per iteration' }), v.chapters,
      el('h3', { class: 'cp-cmp-head', text: 'Most variable steps' }), v.variable, v.rule]));
    doms.set(container, v);
    return v;
  }

  function load(v, state) {
    var mig = state.iteration && state.iteration.migration && state.iteration.migration.id;
    if (!mig) return;
    var api = v.actions.api, tz = zone();
    v.dlHtml.href = api.comparisonUrl(mig, 'html', tz);
    v.dlCsv.href = api.comparisonUrl(mig, 'csv', tz);
    U.setText(v.summary, 'Loading the comparison\u2026');
    api.comparison(mig).then(function (body) {
      v.data = body;
      draw(v);
    }, function (err) {
      U.setText(v.summary, '');
      U.say(v.message, 'The comparison could not be loaded: ' + err.message, 'error');
    });
  }

  function draw(v) {
    var d = v.data;
    U.setText(v.toggle, v.table ? 'Show as chart' : 'Show as table');
    v.toggle.setAttribute('aria-pressed', v.table ? 'true' : 'false');
    if (!d) return;
    var its = d.iterations || [];
    if (its.length === 0) {
      U.setText(v.summary, 'No completed iteration of this migration yet: the comparison starts after the first rehearsal.');
      U.replace(v.total, []);
      U.replace(v.chapters, []);
      U.replace(v.variable, []);
      return;
    }
    var first = its[0], last = its[its.length - 1];
    U.setText(v.summary, its.length + ' completed iteration' + (its.length === 1 ? '' : 's') + ' of ' + (d.migrationCode || '') +
      ': ' + first.code + ' took ' + minutesText(first.actualMinutes) + (its.length > 1 ? ', ' + last.code + ' ' + minutesText(last.actualMinutes) : '') +
      '; the total is ' + (TREND[d.trend && d.trend.direction] || 'unknown') + '.');
    U.setText(v.rule, d.trendRule ? 'How a trend is read: ' + d.trendRule + '.' : '');
    U.replace(v.total, v.table ? totalTable(its) : totalChart(v, its));
    U.replace(v.chapters, v.table ? chapterTable(its, d.chapters || []) : chapterCharts(v, its, d.chapters || []));
    U.replace(v.variable, variableTable(d.mostVariable || []));
  }

  // ------------------------------------------------------------------ charts

  var S = function (tag, attrs, children) { return C.Timeline.svg(tag, attrs, children); };

  /** A bar per iteration (its actual duration; planned as a dark tick), labelled below. */
  function totalChart(v, its) {
    var W = 120 * its.length + 60, H = 236, top = 20, bottom = 60, left = 50;
    var max = 1;
    its.forEach(function (i) { max = Math.max(max, i.actualMinutes || 0, i.plannedMinutes || 0); });
    var scale = (H - top - bottom) / max;
    var id = v.id + '-total';
    var root = S('svg', { class: 'cp-cmp-chart', width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, role: 'img',
      'aria-labelledby': id + '-t ' + id + '-d', focusable: 'false', 'data-iterations': its.length }, [
      S('title', { id: id + '-t', text: 'Total duration per iteration' }),
      S('desc', { id: id + '-d', text: its.map(function (i) {
        return i.code + ': ' + minutesText(i.actualMinutes) + ' actual, ' + minutesText(i.plannedMinutes) + ' planned';
      }).join('; ') })]);
    root.appendChild(S('line', { class: 'cp-cmp-axis', x1: left - 6, y1: H - bottom, x2: W, y2: H - bottom, 'aria-hidden': 'true' }));
    its.forEach(function (i, k) {
      var x = left + k * 120 + 20, bw = 60;
      var g = S('g', { class: 'cp-cmp-series', 'data-series-id': i.id, 'data-series': i.code });
      var a = i.actualMinutes || 0, p = i.plannedMinutes || 0;
      var over = p && a > p;
      g.appendChild(S('rect', { class: 'cp-cmp-bar' + (over ? ' cp-cmp-bar--over' : ''), x: x, y: H - bottom - a * scale, width: bw,
        height: Math.max(0, a * scale) }));
      if (p) g.appendChild(S('line', { class: 'cp-cmp-planned', x1: x - 8, x2: x + bw + 8, y1: H - bottom - p * scale, y2: H - bottom - p * scale }));
      g.appendChild(S('text', { class: 'cp-cmp-label', x: x + bw / 2, y: H - bottom + 16, 'text-anchor': 'middle', text: i.code }));
      g.appendChild(S('text', { class: 'cp-cmp-value', x: x + bw / 2, y: H - bottom + 32, 'text-anchor': 'middle', text: minutesText(i.actualMinutes) }));
      g.appendChild(S('text', { class: 'cp-cmp-value', x: x + bw / 2, y: H - bottom + 48, 'text-anchor': 'middle', text: 'plan ' + minutesText(i.plannedMinutes) }));
      g.appendChild(S('title', { text: i.code + ' ' + (i.name || '') + ': ' + minutesText(i.actualMinutes) + ' actual, ' +
        minutesText(i.plannedMinutes) + ' planned' }));
      root.appendChild(g);
    });
    return el('div', { class: 'cp-cmp-scroll', tabindex: '0', role: 'region', 'aria-label': 'Total duration chart' }, [root]);
  }

  /** One small chart per chapter: its actual duration in each iteration as a line with a dot per iteration. */
  function chapterCharts(v, its, chapters) {
    var list = el('ul', { class: 'cp-cmp-grid' });
    var W = 180, H = 64, pad = 8;
    chapters.forEach(function (ch, n) {
      var cells = ch.cells || [];
      // Scaled from the chapter's shortest to its longest run (the range is written below the line).
      var lo = Infinity, hi = -Infinity;
      cells.forEach(function (c) {
        if (c.actualMinutes === null || c.actualMinutes === undefined) return;
        lo = Math.min(lo, c.actualMinutes);
        hi = Math.max(hi, c.actualMinutes);
      });
      var span = hi > lo ? hi - lo : 1;
      var step = its.length > 1 ? (W - 2 * pad) / (its.length - 1) : 0;
      var points = [];
      cells.forEach(function (c, k) {
        if (c.actualMinutes === null || c.actualMinutes === undefined) return;
        points.push([pad + k * step, hi > lo ? H - pad - ((c.actualMinutes - lo) / span) * (H - 2 * pad) : H / 2]);
      });
      var id = v.id + '-ch' + n;
      var words = cells.map(function (c, k) { return its[k].code + ' ' + minutesText(c.actualMinutes); }).join(', ');
      var svg = S('svg', { class: 'cp-cmp-spark', width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, role: 'img',
        'aria-labelledby': id + '-t', focusable: 'false' }, [S('title', { id: id + '-t', text: (ch.code || '') + ': ' + words })]);
      var series = S('g', { class: 'cp-cmp-series', 'data-series-id': ch.id, 'data-series': ch.code || '' });
      if (points.length > 1) {
        series.appendChild(S('polyline', { class: 'cp-cmp-line', points: points.map(function (p) { return p[0] + ',' + p[1]; }).join(' ') }));
      }
      points.forEach(function (p) { series.appendChild(S('circle', { class: 'cp-cmp-dot', cx: p[0], cy: p[1], r: 3 })); });
      svg.appendChild(series);
      list.appendChild(el('li', { class: 'cp-cmp-cell' }, [
        el('span', { class: 'cp-cmp-name' }, [el('span', { class: 'cp-code', text: ch.code || '' }), ' ', ch.name || '']),
        svg,
        el('span', { class: 'cp-muted', text: (lo <= hi ? minutesText(lo) + ' \u2013 ' + minutesText(hi) + ', ' : '') +
          (TREND[ch.trend && ch.trend.direction] || '') })]));
    });
    return list;
  }

  // ------------------------------------------------------------------ tables

  function totalTable(its) {
    return el('table', { class: 'cp-table', 'aria-label': 'Total duration per iteration' }, [
      el('thead', null, el('tr', null, ['Iteration', 'Status', 'Planned', 'Actual', 'Actual start', 'Actual end']
        .map(function (h) { return el('th', { scope: 'col', text: h }); }))),
      el('tbody', null, its.map(function (i) {
        return el('tr', null, [el('td', { text: i.code + ' ' + (i.name || '') }), el('td', { text: i.status || '' }),
          el('td', { class: 'cp-num', text: minutesText(i.plannedMinutes) }), el('td', { class: 'cp-num', text: minutesText(i.actualMinutes) }),
          el('td', { text: i.actualStart ? U.fmtDateTime(i.actualStart) : '\u2014' }),
          el('td', { text: i.actualEnd ? U.fmtDateTime(i.actualEnd) : '\u2014' })]);
      }))]);
  }

  function chapterTable(its, chapters) {
    var head = ['Chapter'].concat(its.map(function (i) { return i.code + ' actual / planned'; })).concat(['Trend']);
    return el('div', { class: 'cp-cmp-scroll', tabindex: '0', role: 'region', 'aria-label': 'Chapter durations table' }, [
      el('table', { class: 'cp-table' }, [
        el('thead', null, el('tr', null, head.map(function (h) { return el('th', { scope: 'col', text: h }); }))),
        el('tbody', null, chapters.map(function (ch) {
          return el('tr', null, [el('td', { text: (ch.code || '') + ' ' + (ch.name || '') })]
            .concat((ch.cells || []).map(function (c) {
              return el('td', { class: 'cp-num', text: c.status === 'NOT_IN_SCOPE' ? '\u2014'
                : minutesText(c.actualMinutes) + ' / ' + minutesText(c.plannedMinutes) });
            }))
            .concat([el('td', { text: TREND[ch.trend && ch.trend.direction] || '' })]));
        }))])]);
  }

  function variableTable(rows) {
    if (rows.length === 0) return el('p', { class: 'cp-muted', text: 'No step has run twice yet.' });
    return el('table', { class: 'cp-table', 'aria-label': 'Most variable steps' }, [
      el('thead', null, el('tr', null, ['Step', 'Chapter', 'Runs', 'Shortest', 'Longest', 'Range']
        .map(function (h) { return el('th', { scope: 'col', text: h }); }))),
      el('tbody', null, rows.map(function (r) {
        return el('tr', null, [el('td', null, [el('span', { class: 'cp-code', text: r.code || '' }), ' ', r.title || '']),
          el('td', { text: r.chapterCode || '' }), el('td', { class: 'cp-num', text: String(r.runs) }),
          el('td', { class: 'cp-num', text: minutesText(r.minMinutes) }), el('td', { class: 'cp-num', text: minutesText(r.maxMinutes) }),
          el('td', { class: 'cp-num', text: minutesText(r.rangeMinutes) })]);
      }))]);
  }

  function render(container, state, actions) {
    var v = doms.get(container) || build(container, state, actions);
    if ((state.changed && state.changed.shown === 'compare') || !v.requested) {
      v.requested = true;
      load(v, state);
    }
  }

  C.views.register({
    id: 'compare', label: 'Compare', testid: 'compare',
    visible: function () { return true; },
    render: render
  });
})(window.Cutplan = window.Cutplan || {});
