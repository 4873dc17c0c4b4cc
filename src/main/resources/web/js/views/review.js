/*
 * Cutplan dashboard view "review": what happened in this iteration against its plan (GET /iterations/{id}/review,
 * docs/review.md), for a finished iteration or, while it runs, so far. Header figures (planned and actual end, the
 * overrun), the chapter table with variance bars (plain CSS bars), where the time went (the delay chain and the top
 * delays), overruns by team, failures and retries, holds, skips, gate overrides, failed controls, and the lessons,
 * which pilots edit (PUT .../review/notes). Loaded each time the view is shown and by its Refresh button; the
 * HTML and CSV exports are links to the same endpoint.
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el;

  var Review = {};
  var doms = new WeakMap();
  var uid = 0;

  function zone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || ''; } catch (e) { return ''; }
  }

  function has(v) { return v !== null && v !== undefined; }

  /** "17 h 5 min late", "on time", "5 min early"; '' when unknown. */
  function late(m) {
    if (!has(m)) return '';
    return m === 0 ? 'on time' : U.fmtDuration(Math.abs(m)) + (m > 0 ? ' late' : ' early');
  }

  function longer(m) {
    if (!has(m)) return '';
    return m === 0 ? 'as planned' : U.fmtDuration(Math.abs(m)) + (m > 0 ? ' longer' : ' shorter');
  }

  function added(m) {
    if (!has(m)) return '';
    return m === 0 ? 'none' : (m > 0 ? '+' : '\u2212') + U.fmtDuration(Math.abs(m));
  }

  function tone(m) { return !has(m) || m === 0 ? '' : m > 0 ? ' cp-rv-late' : ' cp-rv-early'; }

  function dt(v) { return v ? U.fmtDateTime(v) : '\u2014'; }

  function stepLabel(ref) { return ref ? (ref.code || '') + ' ' + (ref.title || '') : ''; }

  function build(container, state, actions) {
    var v = { id: 'cp-rv' + (++uid), actions: actions };
    v.message = U.messageBox('cp-msg');
    v.refresh = el('button', { type: 'button', class: 'cp-button', text: 'Refresh', on: { click: function () { Review.load(v, v.state); } } });
    v.dlHtml = el('a', { class: 'cp-button', text: 'Download HTML', download: '' });
    v.dlCsv = el('a', { class: 'cp-button', text: 'Download CSV', download: '' });
    v.asOf = el('p', { class: 'cp-muted cp-rv-asof' });
    v.figures = el('dl', { class: 'cp-rv-figures' });
    v.chain = el('section', { class: 'cp-rv-section', 'aria-labelledby': v.id + '-chain' });
    v.chapters = el('section', { class: 'cp-rv-section', 'aria-labelledby': v.id + '-chapters' });
    v.teams = el('section', { class: 'cp-rv-section', 'aria-labelledby': v.id + '-teams' });
    v.incidents = el('section', { class: 'cp-rv-section', 'aria-labelledby': v.id + '-incidents' });
    v.lessons = el('section', { class: 'cp-rv-section cp-rv-lessons', 'aria-labelledby': v.id + '-lessons' });
    v.root = el('div', { class: 'cp-review' }, [
      el('div', { class: 'cp-planning-head' }, [el('h2', { class: 'cp-view-title', text: 'Review' }),
        el('div', { class: 'cp-toolbar', role: 'group', 'aria-label': 'Review actions' }, [v.refresh, v.dlHtml, v.dlCsv])]),
      v.asOf, v.message, v.figures, v.lessons, v.chain, v.chapters, v.teams, v.incidents]);
    v.chain.addEventListener('click', function (e) {
      var b = e.target.closest && e.target.closest('button[data-step]');
      if (b) actions.openStep(b.getAttribute('data-step'), b);
    });
    U.replace(container, v.root);
    doms.set(container, v);
    return v;
  }

  function render(container, state, actions) {
    var v = doms.get(container) || build(container, state, actions);
    v.state = state;
    if (state.changed && state.changed.shown === 'review') {
      var api = actions.api, tz = zone(), q = tz ? '&tz=' + encodeURIComponent(tz) : '';
      v.dlHtml.href = api.reviewUrl(state.iterationId, 'html', true) + q;
      v.dlCsv.href = api.reviewUrl(state.iterationId, 'csv', true) + q;
      if (!v.data) U.setText(v.asOf, 'Loading the review\u2026');
      Review.load(v, state);
    }
  }

  Review.load = function (v, state) {
    return v.actions.api.review(state.iterationId).then(function (r) {
      v.data = r;
      U.say(v.message, '');
      Review.draw(v, state, r);
    }, function (err) {
      U.say(v.message, 'The review could not be loaded: ' + err.message, 'error');
    });
  };

  Review.draw = function (v, state, r) {
    var it = r.iteration, t = r.timing, c = r.counts;
    U.setText(v.asOf, (it.complete ? 'Finished iteration' : 'So far: the iteration is still running') + ' \u00B7 as of ' +
      dt(it.asOf) + ' \u00B7 times in ' + (zone() || 'your time zone'));
    var overrun = has(c.overrunMinutes) ? late(c.overrunMinutes) : 'not finished yet';
    U.replace(v.figures, [
      fig('Planned end', dt(t.plannedEnd), 'the plan\u2019s own schedule'),
      fig('Actual end', t.actualEnd ? dt(t.actualEnd) : 'not finished', t.actualEnd ? '' : (t.lastFinishedAt ? 'last finish ' + dt(t.lastFinishedAt) : '')),
      fig('Overrun', overrun, has(c.overWindowMinutes) ? late(c.overWindowMinutes) + ' against the window' : '', 'review-overrun', tone(c.overrunMinutes)),
      fig('Steps finished', c.finished + ' of ' + c.steps, c.running ? c.running + ' running' : ''),
      fig('Failures', String(c.failedSteps), c.retriedSteps + ' retried'),
      fig('Holds', String(c.holds), ''),
      fig('Gate overrides', String(c.overrides), c.failedControls + ' control failures')
    ]);
    drawLessons(v, state, r);
    drawChain(v, r);
    drawChapters(v, r);
    drawTeams(v, r);
    drawIncidents(v, r);
  };

  function fig(label, value, note, testid, cls) {
    return el('div', { class: 'cp-rv-fig' + (cls || '') }, [el('dt', { text: label }),
      el('dd', { 'data-testid': testid || null }, [el('span', { class: 'cp-rv-fig-value', text: value }),
        note ? el('span', { class: 'cp-rv-fig-note cp-muted', text: note }) : null])]);
  }

  function heading(v, key, text) { return el('h3', { class: 'cp-section-title', id: v.id + '-' + key, text: text }); }

  /** A table in a focusable, named box: on a phone it scrolls sideways, and keyboards must be able to scroll it. */
  function table(label, headers, rows, testid) {
    var head = el('thead', null, el('tr', null, headers.map(function (h) { return el('th', { scope: 'col', text: h }); })));
    var t = el('table', { class: 'cp-table cp-rv-table', 'data-testid': testid || null }, [el('caption', { class: 'cp-visually-hidden', text: label }), head, el('tbody', null, rows)]);
    return el('div', { class: 'cp-rv-scroll', tabindex: '0', role: 'region', 'aria-label': label }, t);
  }

  function td(text, cls) { return el('td', { class: cls || null, text: text }); }

  function drawChain(v, r) {
    var chain = r.delayChain, links = chain.links || [];
    var parts = [heading(v, 'chain', 'Where the time went')];
    if (!links.length) {
      parts.push(el('p', { class: 'cp-muted', text: 'No step has finished yet.' }));
      U.replace(v.chain, parts);
      return;
    }
    parts.push(el('p', { class: 'cp-rv-lead', text: 'The delay chain: ' + links.length + ' steps, each started when the one before it finished. Planned ' +
      U.fmtDuration(chain.plannedMinutes) + ', took ' + U.fmtDuration(chain.spanMinutes) + ' with the waits: ' + added(chain.delayMinutes) + ' on the end.' }));
    var top = r.topDelays || [];
    if (top.length) {
      parts.push(el('p', { class: 'cp-rv-sub', text: 'Top delays' }));
      parts.push(el('ol', { class: 'cp-rv-top', 'data-testid': 'review-top-delays' }, top.map(function (l) {
        return el('li', null, [el('span', { class: 'cp-code', text: l.step.code }), ' ', l.step.title || '',
          el('span', { class: 'cp-muted', text: l.step.team ? ' \u00B7 ' + l.step.team : '' }),
          el('strong', { class: 'cp-rv-late', text: ' ' + added(l.delayMinutes) })]);
      })));
    }
    var rows = links.map(function (l, i) {
      return el('tr', { 'data-step-id': l.step.id }, [
        td(String(i + 1), 'cp-num'),
        el('td', null, [el('button', { type: 'button', class: 'cp-rv-link cp-code', 'data-step': l.step.id, text: l.step.code,
          'aria-label': 'Open step ' + l.step.code }), ' ', l.step.title || '']),
        td(l.step.team || ''),
        td(dt(l.startedAt)), td(dt(l.finishedAt)),
        td(U.fmtDuration(l.waitMinutes) + (l.holdMinutes ? ' (hold ' + U.fmtDuration(l.holdMinutes) + ')' : ''), 'cp-num'),
        td(U.fmtDuration(l.actualMinutes) + (l.wholeSpan ? ' (retried)' : ''), 'cp-num'),
        td(U.fmtDuration(l.plannedMinutes), 'cp-num'),
        td(added(l.delayMinutes), 'cp-num' + tone(l.delayMinutes))
      ]);
    });
    parts.push(table('The delay chain, first step first', ['#', 'Step', 'Team', 'Started', 'Finished', 'Wait', 'Took', 'Planned', 'On the end'], rows, 'review-chain'));
    U.replace(v.chain, parts);
  }

  function drawChapters(v, r) {
    var most = 1;
    (r.chapters || []).forEach(function (c) { if (has(c.timing.durationVarianceMinutes)) most = Math.max(most, Math.abs(c.timing.durationVarianceMinutes)); });
    var rows = [], phase = null;
    (r.chapters || []).forEach(function (c) {
      if (c.macroPhaseName !== phase) {
        phase = c.macroPhaseName;
        rows.push(el('tr', { class: 'cp-rv-phase' }, el('td', { colspan: '6', text: phase || '' })));
      }
      var t = c.timing, m = t.durationVarianceMinutes;
      var w = has(m) ? Math.max(1, Math.round(50 * Math.abs(m) / most)) : 0;
      var bar = el('span', { class: 'cp-rv-bar', 'aria-hidden': 'true' }, [
        el('span', { class: 'cp-rv-bar-half cp-rv-bar-left' }, has(m) && m < 0 ? fill('cp-rv-bar-early', w) : null),
        el('span', { class: 'cp-rv-bar-half' }, has(m) && m > 0 ? fill('cp-rv-bar-late', w) : null)]);
      rows.push(el('tr', { 'data-chapter-id': c.id }, [
        el('td', null, [el('span', { class: 'cp-code', text: c.code || '' }), ' ', c.name || '']),
        td(c.finishedSteps + '/' + c.steps, 'cp-num'),
        td(U.fmtDuration(t.plannedMinutes), 'cp-num'),
        td(has(t.actualMinutes) ? U.fmtDuration(t.actualMinutes) : 'running', 'cp-num'),
        el('td', { class: 'cp-rv-var' + tone(m) }, [bar, el('span', { text: longer(m) })]),
        td(late(t.endVarianceMinutes), 'cp-num' + tone(t.endVarianceMinutes))
      ]));
    });
    U.replace(v.chapters, [heading(v, 'chapters', 'Chapters: planned against actual'),
      el('p', { class: 'cp-muted', text: 'Bars: longer than planned to the right, shorter to the left; the longest bar is ' + U.fmtDuration(most) + '.' }),
      table('Chapters, planned against actual', ['Chapter', 'Steps', 'Planned', 'Took', 'Duration', 'End'], rows, 'review-chapters')]);
  }

  /** A bar's fill; its width through the CSSOM, which a page's content security policy never blocks. */
  function fill(cls, percent) {
    var f = el('span', { class: 'cp-rv-bar-fill ' + cls });
    f.style.width = (percent * 2) + '%';
    return f;
  }

  function drawTeams(v, r) {
    var teams = (r.teams || []).filter(function (t) { return t.overrunMinutes > 0 || t.delayMinutes; }).slice(0, 15);
    var parts = [heading(v, 'teams', 'Overruns by team')];
    if (!teams.length) parts.push(el('p', { class: 'cp-muted', text: 'No team\u2019s steps ran over their planned durations.' }));
    else parts.push(table('Overruns by team', ['Team', 'Steps over plan', 'Overrun', 'On the chain', 'On the end'], teams.map(function (t) {
      return el('tr', null, [td(t.name), td(t.overrunSteps + ' of ' + t.steps, 'cp-num'), td(U.fmtDuration(t.overrunMinutes), 'cp-num'),
        td(String(t.chainSteps), 'cp-num'), td(added(t.delayMinutes), 'cp-num' + tone(t.delayMinutes))]);
    })));
    U.replace(v.teams, parts);
  }

  function drawIncidents(v, r) {
    var parts = [heading(v, 'incidents', 'Overrides, failures and holds')];
    var any = false;
    if ((r.overrides || []).length) {
      any = true;
      parts.push(table('Go/no-go gate overrides', ['Step', 'When', 'Who', 'Why', 'Still open'], r.overrides.map(function (o) {
        return el('tr', null, [td(stepLabel(o.step)), td(dt(o.at)), td(o.actor || ''), td(o.reason || ''),
          td(o.openTasks + ' open tasks' + ((o.unpassedControls || []).length ? '; ' + o.unpassedControls.join(', ') : ''))]);
      }), 'review-overrides'));
    }
    if ((r.failures || []).length) {
      any = true;
      parts.push(table('Failures and retries', ['Step', 'Failed', 'Reason', 'Retries', 'Whole span'], r.failures.map(function (f) {
        var first = (f.failed || [])[0] || {};
        return el('tr', null, [td(stepLabel(f.step)), td(dt(first.at)), td(first.reason || ''), td(String(f.retries), 'cp-num'),
          td(has(f.spanMinutes) ? U.fmtDuration(f.spanMinutes) + (f.wholeSpan ? ' (failure and retry included)' : '') : f.status, 'cp-num')]);
      }), 'review-failures'));
    }
    if ((r.holds || []).length) {
      any = true;
      parts.push(table('Holds', ['Step', 'Held', 'Reason', 'Lasted'], r.holds.map(function (h) {
        return el('tr', null, [td(stepLabel(h.step)), td(dt(h.heldAt)), td(h.reason || ''),
          td(U.fmtDuration(h.minutes) + (h.ongoing ? ' so far' : ''), 'cp-num')]);
      })));
    }
    if ((r.skipsAndCancels || []).length) {
      any = true;
      parts.push(table('Skips and cancels', ['Step', 'What', 'When', 'Reason'], r.skipsAndCancels.map(function (s) {
        return el('tr', null, [td(stepLabel(s.step)), td(s.status), td(dt(s.at)), td(s.reason || '')]);
      })));
    }
    if ((r.failedControls || []).length) {
      any = true;
      parts.push(table('Controls that failed', ['Control', 'Step', 'Failed', 'Note', 'Now'], r.failedControls.map(function (f) {
        return el('tr', null, [td((f.code || '') + ' ' + (f.title || '') + (f.critical ? ' (critical)' : '')), td(stepLabel(f.step)),
          td(dt(f.failedAt)), td(f.note || ''), td(f.currentStatus || '')]);
      })));
    }
    if (!any) parts.push(el('p', { class: 'cp-muted', text: 'No override, failure, hold, skip or failed control.' }));
    U.replace(v.incidents, parts);
  }

  /** The lessons: the iteration's note and the steps' notes; pilots edit them (blank clears). */
  function drawLessons(v, state, r) {
    var lessons = r.lessons || {}, pilot = !!(state.caller && state.caller.pilot);
    var parts = [heading(v, 'lessons', 'Lessons')];
    var current = lessons.iteration ? lessons.iteration.text : '';
    if (pilot) {
      var area = el('textarea', { class: 'cp-input cp-rv-note', id: v.id + '-note', rows: '3', maxlength: '4000', 'data-testid': 'review-lesson-input' });
      area.value = current || '';
      var status = U.messageBox('cp-msg');
      var save = el('button', { type: 'submit', class: 'cp-button cp-button--primary', text: 'Save lesson' });
      parts.push(el('form', { class: 'cp-rv-note-form', on: { submit: function (e) {
        e.preventDefault();
        save.disabled = true;
        Review.saveNote(v, state, { target: 'iteration', text: area.value }, status).then(function () { save.disabled = false; });
      } } }, [el('label', { for: area.id, text: 'Lesson for the next rehearsal (the whole iteration)' }), area,
        el('div', { class: 'cp-toolbar' }, [save, status])]));
    } else {
      parts.push(el('p', { class: 'cp-rv-note-text', 'data-testid': 'review-lesson', text: current || 'No lesson recorded yet (pilots write them).' }));
    }
    if (lessons.iteration) {
      parts.push(el('p', { class: 'cp-muted', text: '\u2013 ' + (lessons.iteration.author || '') + ', ' + dt(lessons.iteration.updatedAt) }));
    }
    var stepNotes = lessons.steps || [];
    if (stepNotes.length) {
      parts.push(el('ul', { class: 'cp-rv-step-notes', 'data-testid': 'review-step-lessons' }, stepNotes.map(function (n) {
        return el('li', null, [el('span', { class: 'cp-code', text: n.step.code }), ' ', el('span', { text: n.text }),
          el('span', { class: 'cp-muted', text: ' \u2013 ' + (n.author || '') })]);
      })));
    }
    if (pilot) parts.push(stepNoteForm(v, state, r));
    U.replace(v.lessons, parts);
  }

  /** A lesson on one step: the steps worth one first (the delay chain, failures, holds), then any other. */
  function stepNoteForm(v, state, r) {
    var seen = {}, options = [];
    function add(ref, why) {
      if (!ref || seen[ref.id]) return;
      seen[ref.id] = true;
      options.push(el('option', { value: ref.id, text: ref.code + ' ' + (ref.title || '') + (why ? ' (' + why + ')' : '') }));
    }
    (r.topDelays || []).forEach(function (l) { add(l.step, 'delay'); });
    (r.failures || []).forEach(function (f) { add(f.step, 'failed'); });
    (r.holds || []).forEach(function (h) { add(h.step, 'held'); });
    (r.delayChain.links || []).forEach(function (l) { add(l.step, 'chain'); });
    var pick = el('select', { class: 'cp-select', id: v.id + '-step' }, options);
    var text = el('input', { type: 'text', class: 'cp-input', id: v.id + '-steptext', maxlength: '4000' });
    var status = U.messageBox('cp-msg');
    var save = el('button', { type: 'submit', class: 'cp-button', text: 'Save step lesson' });
    return el('form', { class: 'cp-rv-note-form cp-rv-note-form--step', on: { submit: function (e) {
      e.preventDefault();
      if (!pick.value) return;
      save.disabled = true;
      Review.saveNote(v, state, { target: 'step', stepInstanceId: pick.value, text: text.value }, status).then(function () { save.disabled = false; });
    } } }, [el('label', { for: pick.id, text: 'Lesson on a step' }), pick, el('label', { for: text.id, text: 'Text (empty clears)' }), text,
      el('div', { class: 'cp-toolbar' }, [save, status])]);
  }

  Review.saveNote = function (v, state, body, status) {
    return v.actions.api.saveReviewNote(state.iterationId, body).then(function (lessons) {
      v.data.lessons = lessons;
      Review.draw(v, state, v.data);
      U.say(v.message, 'Lesson saved.', 'success');
    }, function (err) {
      U.say(status, 'Not saved: ' + err.message, 'error');
    });
  };

  C.views.register({
    id: 'review',
    label: 'Review',
    testid: 'review',
    render: render
  });
  C.Review = Review;
})(window.Cutplan = window.Cutplan || {});
