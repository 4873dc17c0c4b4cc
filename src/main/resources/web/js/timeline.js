/*
 * Cutplan dashboard: the timeline drawing. Pure functions from rows (chapters or one chapter's steps, with their
 * planned window and their actual/forecast window) plus "now" and a width to an SVG element and to the same data
 * as a table (the textual fallback for screen readers and for anyone who prefers numbers).
 *
 * Hand-written SVG rather than a charting library: the chart is one kind of bar on one time axis (about 300 lines
 * here), every text goes in as textContent (no library's HTML templating to audit), and it stays one classic
 * script Confluence can batch. See docs/dashboard.md, "Timeline".
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el;
  var NS = 'http://www.w3.org/2000/svg';
  var HOUR = 3600000;

  var T = C.Timeline = {};

  /** Layout in CSS pixels (the SVG is drawn at 1:1, so text never scales). */
  T.LAYOUT = { axisH: 36, rowH: 22, groupH: 24, varW: 92, minLabelW: 120, maxLabelW: 300, padRight: 8, bottom: 8 };

  /** Builds an SVG element; text only through textContent. */
  function svg(tag, attrs, children) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs || {}) {
      if (!Object.prototype.hasOwnProperty.call(attrs, k)) continue;
      var v = attrs[k];
      if (v === null || v === undefined || v === false) continue;
      if (k === 'text') e.textContent = v;
      else e.setAttribute(k, String(v));
    }
    (children || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }
  T.svg = svg;

  function ms(v) {
    var d = U.toDate(v);
    return d ? d.getTime() : null;
  }

  function minutesBetween(a, b) {
    var x = ms(a), y = ms(b);
    return x === null || y === null ? null : Math.round((y - x) / 60000);
  }

  function varianceText(minutes) {
    if (minutes === null || minutes === undefined) return '';
    if (minutes === 0) return 'on plan';
    return (minutes > 0 ? '+' : '\u2212') + U.fmtDuration(Math.abs(minutes));
  }
  T.varianceText = varianceText;

  /**
   * Chapter rows grouped by macro-phase, in plan order. macroPhases [{id, name}] and chapters [{id, code, name,
   * macroPhaseId, scheduledStart, scheduledEnd}] as the dashboard snapshot names them; forecast as the forecast
   * endpoint answers (its group records may carry plannedStart/plannedEnd, which win over the schedule).
   */
  T.chapterGroups = function (macroPhases, chapters, forecast) {
    var ix = C.Forecast.index(forecast);
    var byPhase = new Map();
    (macroPhases || []).forEach(function (p) { byPhase.set(p.id, { id: p.id, label: p.name || '', rows: [] }); });
    (chapters || []).forEach(function (c) {
      var g = byPhase.get(c.macroPhaseId);
      if (!g) { g = { id: c.macroPhaseId, label: '', rows: [] }; byPhase.set(c.macroPhaseId, g); }
      var f = ix.chapters.get(c.id) || {};
      var plannedStart = f.plannedStart || c.scheduledStart || c.plannedStart || null;
      var plannedEnd = f.plannedEnd || c.scheduledEnd || c.plannedEnd || null;
      g.rows.push({
        id: c.id, code: c.code || '', name: c.name || '',
        plannedStart: plannedStart, plannedEnd: plannedEnd,
        start: f.forecastStart || null, end: f.forecastEnd || null,
        critical: !!f.critical,
        varianceMinutes: f.varianceMinutes !== undefined ? f.varianceMinutes : minutesBetween(plannedEnd, f.forecastEnd)
      });
    });
    return Array.from(byPhase.values()).filter(function (g) { return g.rows.length > 0; });
  };

  /** One chapter's steps as rows (steps in plan order, with the server's step fields). */
  T.stepGroups = function (chapter, steps, forecast) {
    var ix = C.Forecast.index(forecast);
    var rows = steps.map(function (s) {
      var f = ix.steps.get(s.id) || {};
      return {
        id: s.id, code: s.code || '', name: s.title || '', status: s.status,
        plannedStart: s.plannedStart || null, plannedEnd: s.plannedEnd || null,
        start: f.forecastStart || s.startedAt || null, end: f.forecastEnd || s.finishedAt || null,
        critical: !!f.critical, lateness: f.lateness || null,
        varianceMinutes: minutesBetween(s.plannedEnd, f.forecastEnd || s.finishedAt)
      };
    });
    return [{ id: chapter.id, label: ((chapter.code || '') + ' ' + (chapter.name || '')).trim(), rows: rows }];
  };

  /** The time range every row and "now" fit into, padded a little; null when nothing has a time. */
  T.domain = function (groups, now) {
    var lo = Infinity, hi = -Infinity;
    groups.forEach(function (g) {
      g.rows.forEach(function (r) {
        [r.plannedStart, r.plannedEnd, r.start, r.end].forEach(function (v) {
          var t = ms(v);
          if (t !== null) { if (t < lo) lo = t; if (t > hi) hi = t; }
        });
      });
    });
    if (lo === Infinity) return null;
    // "now" widens the range only when it is near the work (a finished iteration viewed weeks later stays readable).
    if (now > lo - 12 * HOUR && now < hi + 12 * HOUR) { lo = Math.min(lo, now); hi = Math.max(hi, now); }
    if (hi - lo < HOUR) hi = lo + HOUR;
    var pad = (hi - lo) * 0.01;
    return { start: lo - pad, end: hi + pad };
  };

  var TICK_HOURS = [0.25, 0.5, 1, 2, 3, 6, 12, 24, 48];

  /** Tick instants on local whole hours (or quarter hours), spaced at least minPx apart. */
  T.ticks = function (domain, plotW, minPx) {
    var span = domain.end - domain.start, step = TICK_HOURS[TICK_HOURS.length - 1];
    for (var i = 0; i < TICK_HOURS.length; i++) {
      if (plotW / (span / (TICK_HOURS[i] * HOUR)) >= minPx) { step = TICK_HOURS[i]; break; }
    }
    var d = new Date(domain.start);
    d.setSeconds(0, 0);
    if (step >= 1) {
      d.setMinutes(0);
      d.setHours(d.getHours() + 1);
      while (d.getHours() % Math.min(step, 24) !== 0) d.setHours(d.getHours() + 1);
    } else {
      var m = step * 60;
      d.setMinutes(Math.ceil(d.getMinutes() / m) * m);
    }
    var out = [];
    // Local-time stepping (setHours) keeps ticks on whole hours across a daylight-saving change.
    for (var guard = 0; d.getTime() <= domain.end && guard < 500; guard++) {
      out.push(d.getTime());
      if (step >= 1) d.setHours(d.getHours() + step); else d.setMinutes(d.getMinutes() + step * 60);
    }
    return { step: step, at: out };
  };

  function tickLabel(t, step) {
    var s = U.fmtTime(t);
    return step >= 24 ? s.slice(0, 3) + ' ' + new Date(t).getDate() : s;
  }

  /** Cuts a label to the width available (an estimate: 6.6 px per character at 12 px). */
  function fit(text, px) {
    var max = Math.max(4, Math.floor(px / 6.6));
    return text.length <= max ? text : text.slice(0, max - 1) + '\u2026';
  }

  function rowTooltip(r) {
    var parts = [(r.critical ? 'Critical: ' : '') + (r.code ? r.code + ' ' : '') + r.name];
    if (r.plannedStart) parts.push('Planned ' + U.fmtDateTime(r.plannedStart) + ' \u2013 ' + U.fmtDateTime(r.plannedEnd));
    if (r.start) parts.push('Actual/forecast ' + U.fmtDateTime(r.start) + ' \u2013 ' + U.fmtDateTime(r.end));
    if (r.varianceMinutes !== null && r.varianceMinutes !== undefined) parts.push('Variance ' + varianceText(r.varianceMinutes));
    if (r.lateness) parts.push(C.Forecast.latenessText(r.lateness));
    return parts.join('\n');
  }

  /**
   * The chart. spec: {groups: [{id, label, rows: [...]}], now, width, title, description, kind ('chapter'|'step'),
   * selectedId}. Returns an <svg> (role img, with <title> and <desc>) whose rows are <g class="cp-tl-row"
   * data-row-id> holding one planned bar and one actual/forecast bar (<g class="cp-tl-bar">) each.
   */
  T.chart = function (spec) {
    var L = T.LAYOUT, groups = spec.groups, now = spec.now, width = Math.max(320, Math.round(spec.width));
    var kind = spec.kind || 'chapter';
    var labelW = Math.max(L.minLabelW, Math.min(L.maxLabelW, Math.round(width * 0.24)));
    var plotX = labelW, plotW = Math.max(80, width - labelW - L.varW - L.padRight);
    var rows = 0;
    groups.forEach(function (g) { rows += g.rows.length; });
    var showGroups = groups.length > 1 || (groups[0] && groups[0].label && kind === 'chapter');
    var height = L.axisH + rows * L.rowH + (showGroups ? groups.length * L.groupH : 0) + L.bottom;
    var uid = spec.idPrefix || ('cp-tl-' + Math.random().toString(36).slice(2, 8));
    var root = svg('svg', { class: 'cp-tl-svg cp-tl-svg--' + kind, width: width, height: height, viewBox: '0 0 ' + width + ' ' + height,
      role: 'img', 'aria-labelledby': uid + '-title ' + uid + '-desc', 'data-rows': rows, focusable: 'false' }, [
      svg('title', { id: uid + '-title', text: spec.title || 'Timeline' }),
      svg('desc', { id: uid + '-desc', text: spec.description || '' })
    ]);
    var domain = T.domain(groups, now);
    if (!domain) {
      root.appendChild(svg('text', { x: 8, y: L.axisH - 10, class: 'cp-tl-empty', text: 'No planned or forecast times yet.' }));
      return root;
    }
    function x(t) { return plotX + ((t - domain.start) / (domain.end - domain.start)) * plotW; }

    // Axis: hour ticks with grid lines down the whole chart.
    var ticks = T.ticks(domain, plotW, 70);
    var axis = svg('g', { class: 'cp-tl-axis', 'aria-hidden': 'true' });
    ticks.at.forEach(function (t) {
      var tx = x(t);
      axis.appendChild(svg('line', { class: 'cp-tl-grid', x1: tx, x2: tx, y1: L.axisH - 6, y2: height - L.bottom }));
      axis.appendChild(svg('text', { class: 'cp-tl-tick', x: tx + 3, y: L.axisH - 8, text: tickLabel(t, ticks.step) }));
    });
    axis.appendChild(svg('text', { class: 'cp-tl-head', x: width - L.padRight, y: L.axisH - 8, 'text-anchor': 'end', text: 'Variance' }));
    root.appendChild(axis);

    var y = L.axisH;
    groups.forEach(function (g) {
      if (showGroups) {
        root.appendChild(svg('g', { class: 'cp-tl-group', 'data-group-id': g.id }, [
          svg('rect', { class: 'cp-tl-group-band', x: 0, y: y, width: width, height: L.groupH }),
          svg('text', { class: 'cp-tl-group-label', x: 6, y: y + L.groupH - 8, text: fit(g.label || '', width - 12) })
        ]));
        y += L.groupH;
      }
      g.rows.forEach(function (r) {
        root.appendChild(drawRow(r, y));
        y += L.rowH;
      });
    });

    // "Now": one line across every row, labelled in words at the top.
    if (now >= domain.start && now <= domain.end) {
      var nx = x(now);
      root.appendChild(svg('g', { class: 'cp-tl-now', 'aria-hidden': 'true' }, [
        svg('line', { x1: nx, x2: nx, y1: L.axisH - 4, y2: height - L.bottom }),
        svg('text', { x: nx > width - 90 ? nx - 4 : nx + 4, y: 11, 'text-anchor': nx > width - 90 ? 'end' : 'start', text: 'now ' + U.fmtTime(now).slice(4) })
      ]));
    }
    return root;

    function drawRow(r, top) {
      var cls = 'cp-tl-row' + (r.critical ? ' cp-tl-row--critical' : '') + (spec.selectedId === r.id ? ' cp-tl-row--selected' : '');
      var g = svg('g', { class: cls, 'data-row-id': r.id });
      g.appendChild(svg('title', { text: rowTooltip(r) }));
      g.appendChild(svg('rect', { class: 'cp-tl-hit', x: 0, y: top, width: width, height: L.rowH }));
      var label = (r.critical ? '\u25C6 ' : '') + (r.code ? r.code + ' ' : '') + r.name;
      g.appendChild(svg('text', { class: 'cp-tl-label', x: 6, y: top + L.rowH - 7, text: fit(label, labelW - 10) }));
      var ps = ms(r.plannedStart), pe = ms(r.plannedEnd);
      if (ps !== null && pe !== null) {
        g.appendChild(svg('rect', { class: 'cp-tl-planned', x: x(ps), y: top + 3, width: Math.max(2, x(pe) - x(ps)), height: 6, rx: 1 }));
      }
      var s = ms(r.start), e = ms(r.end);
      var bar = svg('g', { class: 'cp-tl-bar' });
      if (s !== null && e !== null) {
        // The part before now happened (actual); the part after now is the forecast.
        var split = Math.max(s, Math.min(e, now));
        if (split > s) bar.appendChild(svg('rect', { class: 'cp-tl-actual', x: x(s), y: top + 10, width: Math.max(2, x(split) - x(s)), height: 9, rx: 1 }));
        if (e > split || e === s) bar.appendChild(svg('rect', { class: 'cp-tl-forecast', x: x(split), y: top + 10, width: Math.max(2, x(e) - x(split)), height: 9, rx: 1 }));
      }
      g.appendChild(bar);
      var v = r.varianceMinutes;
      g.appendChild(svg('text', { class: 'cp-tl-var' + (v > 0 ? ' cp-tl-var--late' : ''), x: width - L.padRight, y: top + L.rowH - 7,
        'text-anchor': 'end', text: varianceText(v) }));
      return g;
    }
  };

  /** The same rows as a table (the chart's textual alternative). */
  T.table = function (groups, spec) {
    var kind = spec && spec.kind || 'chapter';
    var head = el('tr', null, [kind === 'chapter' ? 'Chapter' : 'Step', 'Planned', 'Actual / forecast', 'Variance', 'Critical path']
      .map(function (h) { return el('th', { scope: 'col', text: h }); }));
    var body = [];
    groups.forEach(function (g) {
      if (g.label && (groups.length > 1 || kind === 'chapter')) {
        body.push(el('tr', { class: 'cp-tl-table-group' }, el('th', { scope: 'colgroup', colspan: '5', text: g.label })));
      }
      g.rows.forEach(function (r) {
        body.push(el('tr', { 'data-row-id': r.id, class: r.critical ? 'cp-tl-table-critical' : null }, [
          el('th', { scope: 'row' }, [el('span', { class: 'cp-code', text: r.code }), ' ', r.name]),
          el('td', { text: r.plannedStart ? U.fmtTime(r.plannedStart) + ' \u2013 ' + U.fmtTime(r.plannedEnd) : 'not planned' }),
          el('td', { text: r.start ? U.fmtTime(r.start) + ' \u2013 ' + U.fmtTime(r.end) : '' }),
          el('td', { class: r.varianceMinutes > 0 ? 'cp-is-late' : null, text: varianceText(r.varianceMinutes) }),
          el('td', { text: r.critical ? 'Critical' : '' })
        ]));
      });
    });
    return el('table', { class: 'cp-table cp-tl-table' }, [
      el('caption', { class: 'cp-visually-hidden', text: spec && spec.title || 'Timeline' }),
      el('thead', null, head), el('tbody', null, body)]);
  };
})(window.Cutplan = window.Cutplan || {});
