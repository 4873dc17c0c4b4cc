/*
 * Cutplan dashboard: what the page reads out of the forecast (GET /iterations/{id}/forecast). Pure functions of
 * the server's answer (field names exactly as docs/api/openapi.yaml defines them), the clock and the steps; no
 * DOM, no state of their own, so the header, the runsheet, "Coming up" and the timeline all say the same thing.
 */
(function (C) {
  'use strict';
  var U = C.util;

  var F = C.Forecast = {};

  /** Statuses of a step that has not started yet: the only ones "Coming up" lists. */
  F.WAITING = { PENDING: true, READY: true };

  /** Lateness kinds that need someone's attention now (LATE_FINISH is history). */
  F.ATTENTION = { OVERRUNNING: true, LATE_START: true };

  /**
   * Header colour: over the window is red; behind plan but still inside the window is amber as soon as the
   * forecast end is AMBER_AFTER_MINUTES or more behind the plan (a minute or two of noise does not alarm); else
   * green. Documented in docs/dashboard.md.
   */
  F.AMBER_AFTER_MINUTES = 15;

  var indexes = typeof WeakMap === 'function' ? new WeakMap() : null;

  /** Lookups by id over one forecast answer (computed once per answer, which is never mutated). */
  F.index = function (forecast) {
    if (!forecast) return { steps: new Map(), chapters: new Map(), macroPhases: new Map(), critical: new Set() };
    var hit = indexes && indexes.get(forecast);
    if (hit) return hit;
    var ix = { steps: new Map(), chapters: new Map(), macroPhases: new Map(), critical: new Set(forecast.criticalPath || []) };
    (forecast.steps || []).forEach(function (s) { ix.steps.set(s.id, s); });
    (forecast.chapters || []).forEach(function (c) { ix.chapters.set(c.id, c); });
    (forecast.macroPhases || []).forEach(function (p) { ix.macroPhases.set(p.id, p); });
    if (indexes) indexes.set(forecast, ix);
    return ix;
  };

  /** The forecast of one step, or null. */
  F.step = function (forecast, id) {
    return F.index(forecast).steps.get(id) || null;
  };

  /** True when the step's lateness needs attention now (OVERRUNNING or LATE_START). */
  F.needsAttention = function (stepForecast) {
    return !!(stepForecast && stepForecast.lateness && F.ATTENTION[stepForecast.lateness.kind]);
  };

  /** How many steps need attention now, by the forecast. */
  F.attentionCount = function (forecast) {
    var n = 0;
    (forecast && forecast.steps || []).forEach(function (s) { if (F.needsAttention(s)) n++; });
    return n;
  };

  var KIND_LABEL = { OVERRUNNING: 'Overrunning', LATE_START: 'Late start', LATE_FINISH: 'Finished late' };
  F.KIND_LABEL = KIND_LABEL;

  /** "Overrunning 25 min", "Late start 1 h 10 min", "Finished late 15 min"; '' without lateness. */
  F.latenessText = function (lateness) {
    if (!lateness) return '';
    return (KIND_LABEL[lateness.kind] || lateness.kind) + ' ' + U.fmtDuration(lateness.minutes);
  };

  /** "16 h 49 min over the window" / "2 h 10 min inside the window" / "exactly at the window's end". */
  function windowPhrase(overWindowMinutes) {
    if (overWindowMinutes > 0) return U.fmtDuration(overWindowMinutes) + ' over the window';
    if (overWindowMinutes < 0) return U.fmtDuration(-overWindowMinutes) + ' inside the window';
    return 'exactly at the window\u2019s end';
  }

  function planPhrase(varianceMinutes) {
    if (varianceMinutes > 0) return U.fmtDuration(varianceMinutes) + ' behind plan';
    if (varianceMinutes < 0) return U.fmtDuration(-varianceMinutes) + ' ahead of plan';
    return 'on plan';
  }

  /**
   * The header's forecast line. Returns null without a forecast, else
   * {level: 'ok'|'behind'|'over', finished, text, detail}: `text` is the short line beside the window
   * ("forecast Sat 04:24, 16 h 49 min over the window"), `detail` the longer tooltip, and `level` the colour,
   * always with its words (the text itself says over / inside / behind).
   */
  F.headerSummary = function (forecast) {
    var it = forecast && forecast.iteration;
    if (!it || !it.forecastEnd) return null;
    var over = it.overWindowMinutes || 0, variance = it.varianceMinutes || 0;
    var level = over > 0 ? 'over' : variance >= F.AMBER_AFTER_MINUTES ? 'behind' : 'ok';
    var text, detail;
    if (it.finished) {
      text = 'finished ' + U.fmtTime(it.forecastEnd) + ', ' + (over > 0 ? windowPhrase(over) : planPhrase(variance) + ', inside the window');
      detail = 'Finished ' + U.fmtDateTime(it.forecastEnd) + ': ' + planPhrase(variance) + ' (plan ended ' +
        U.fmtDateTime(it.plannedEnd) + '), ' + windowPhrase(over) + ' (window ended ' + U.fmtDateTime(it.windowEnd) + ').';
    } else {
      text = 'forecast ' + U.fmtTime(it.forecastEnd) + ', ' + (over > 0 ? windowPhrase(over)
        : level === 'behind' ? planPhrase(variance) + ', inside the window' : windowPhrase(over));
      detail = 'Forecast end ' + U.fmtDateTime(it.forecastEnd) + ' (' + (forecast.basis === 'learned' ? 'learned durations' : 'planned durations') +
        '): ' + planPhrase(variance) + ' (plan ends ' + U.fmtDateTime(it.plannedEnd) + '), ' + windowPhrase(over) +
        ' (window ends ' + U.fmtDateTime(it.windowEnd) + ').';
    }
    return { level: level, finished: !!it.finished, text: text, detail: detail };
  };

  /**
   * The steps expected to start within `hours` of `now`, soonest first: every step that has not started
   * (PENDING or READY) whose forecast start is before now + hours (a READY step's forecast start is now, so it
   * always shows: it can start at once). Ties keep plan order. `steps` is an array in plan order; `include` an
   * optional predicate (e.g. "my teams"). Returns [{step, forecast}].
   */
  F.comingUp = function (steps, forecast, now, hours, include) {
    var ix = F.index(forecast), horizon = now + hours * 3600000, out = [];
    for (var i = 0; i < steps.length; i++) {
      var s = steps[i];
      if (!F.WAITING[s.status]) continue;
      var f = ix.steps.get(s.id);
      var start = f && U.toDate(f.forecastStart);
      if (!start || start.getTime() > horizon) continue;
      if (include && !include(s)) continue;
      out.push({ step: s, forecast: f, start: start.getTime(), order: i });
    }
    out.sort(function (a, b) { return a.start - b.start || a.order - b.order; });
    return out.map(function (x) { return { step: x.step, forecast: x.forecast }; });
  };

  /** "in 25 min", "now", "1 h 5 min ago" (for a forecast start relative to the clock). */
  F.relative = function (instant, now) {
    var d = U.toDate(instant);
    if (!d) return '';
    var m = Math.round((d.getTime() - now) / 60000);
    if (m === 0) return 'now';
    return m > 0 ? 'in ' + U.fmtDuration(m) : U.fmtDuration(-m) + ' ago';
  };

  /** Float in words: "critical (no float)" on the critical path, else "float 1 h 5 min"; '' for finished steps. */
  F.floatText = function (stepForecast) {
    if (!stepForecast || stepForecast.floatMinutes === null || stepForecast.floatMinutes === undefined) return '';
    return stepForecast.critical ? 'no float' : 'float ' + U.fmtDuration(stepForecast.floatMinutes);
  };
})(window.Cutplan = window.Cutplan || {});
