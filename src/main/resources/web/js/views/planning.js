/*
 * Cutplan dashboard view "planning": the chapter schedule of this iteration (state.schedule, the Schedule body),
 * planned against actual. Pilots and admins edit planned start and end inline (validation errors are shown at the
 * field the server names, e.g. entries[3].plannedEnd); everyone else reads. Copy a schedule from another
 * iteration, optionally shifted: the source has no default ("choose an iteration", the button stays disabled until one
 * is chosen); the copy first asks the server for a preview (GET copy-preview) and a confirmation dialog names the
 * target iteration and how many planned chapters it overwrites; "Undo copy" (POST copy-undo) puts back the schedule
 * the iteration had before its last copy, while nothing was edited since. Copy the portable HTML export to the clipboard or download it as HTML or CSV.
 * The schedule is loaded each time the view is shown and after every save or copy.
 * "Plan changes" (data-testid plan-refresh): the iteration runs its own copy of the plan; for a PLANNED iteration
 * pilots and admins preview what a refresh from the plan would change and apply it (GET refresh-preview, POST
 * refresh with the previewed planRevision); a started or finished iteration says plainly that plan changes do not
 * reach it.
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el;

  var Planning = {};
  var doms = new WeakMap();
  var uid = 0;

  function zone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || ''; } catch (e) { return ''; }
  }

  function build(container, state, actions) {
    var p = { id: 'cp-plan' + (++uid), actions: actions };
    p.message = U.messageBox('cp-msg');
    p.summary = el('p', { class: 'cp-muted cp-planning-summary' });
    p.copyHtml = el('button', { type: 'button', class: 'cp-button', text: 'Copy table', title: 'Copy the schedule as an HTML table to paste into a page or an email',
      on: { click: function () { Planning.copyExport(p, p.state); } } });
    p.dlHtml = el('a', { class: 'cp-button', text: 'Download HTML', download: '' });
    p.dlCsv = el('a', { class: 'cp-button', text: 'Download CSV', download: '' });
    p.exportBar = el('div', { class: 'cp-toolbar', role: 'group', 'aria-label': 'Export the schedule' }, [p.copyHtml, p.dlHtml, p.dlCsv]);

    p.copyFrom = el('select', { class: 'cp-select', id: p.id + '-from', 'data-testid': 'schedule-copy-from',
      on: { change: function () { p.copyBtn.disabled = !p.copyFrom.value; } } });
    p.offset = el('input', { type: 'number', class: 'cp-input cp-input--narrow', step: '0.25', value: '0', id: p.id + '-offset', 'aria-describedby': p.id + '-offset-help' });
    p.align = el('input', { type: 'checkbox', id: p.id + '-align' });
    p.align.addEventListener('change', function () { p.offset.disabled = p.align.checked; });
    p.copyErr = el('p', { class: 'cp-field-error', role: 'alert', hidden: true });
    p.copyBtn = el('button', { type: 'submit', class: 'cp-button', text: 'Copy schedule\u2026', disabled: true, 'data-testid': 'schedule-copy' });
    p.copyForm = el('form', { class: 'cp-copy-form', hidden: true, on: { submit: function (e) { e.preventDefault(); Planning.previewCopy(p, p.state); } } }, [
      el('label', { for: p.copyFrom.id, text: 'Copy from' }), p.copyFrom,
      el('label', { for: p.offset.id, text: 'shifted by (hours)' }), p.offset,
      el('label', { class: 'cp-check', for: p.align.id }, [p.align, ' align to this window\u2019s start']),
      p.copyBtn, el('span', { class: 'cp-muted', id: p.id + '-offset-help', text: 'Rehearsals share a shape: copy one, then adjust.' }), p.copyErr]);

    p.confirm = confirmDialog(p);
    p.undoText = el('span', { 'data-testid': 'schedule-copy-undo-text' });
    p.undoBtn = el('button', { type: 'button', class: 'cp-button', text: 'Undo copy', 'data-testid': 'schedule-copy-undo',
      on: { click: function () { Planning.undoCopy(p, p.state); } } });
    p.undoBar = el('div', { class: 'cp-toolbar cp-copy-undo', hidden: true, 'data-testid': 'schedule-copy-undo-bar' }, [p.undoText, p.undoBtn]);

    // Focusable: on a phone the table scrolls sideways, and keyboard users must be able to scroll it too.
    p.table = el('table', { class: 'cp-table cp-schedule', tabindex: '0', 'aria-label': 'Chapter schedule' });
    p.save = el('button', { type: 'submit', class: 'cp-button cp-button--primary', text: 'Save schedule', disabled: true });
    p.reset = el('button', { type: 'button', class: 'cp-button cp-button--subtle', text: 'Discard changes', disabled: true,
      on: { click: function () { Planning.renderTable(p, p.state); } } });
    p.dirtyNote = el('span', { class: 'cp-muted', 'aria-live': 'polite' });
    p.form = el('form', { class: 'cp-schedule-form', novalidate: true, on: { submit: function (e) { e.preventDefault(); Planning.save(p, p.state); } } },
      [p.table, p.editBar = el('div', { class: 'cp-toolbar' }, [p.save, p.reset, p.dirtyNote])]);
    p.refresh = refreshSection(p);
    p.root = el('div', { class: 'cp-planning' }, [
      el('div', { class: 'cp-planning-head' }, [el('h2', { class: 'cp-view-title', text: 'Chapter schedule' }), p.exportBar]),
      p.summary, p.message, p.copyForm, p.undoBar, p.form, p.refresh.root, p.confirm.root]);
    U.replace(container, p.root);
    doms.set(container, p);
    return p;
  }

  function render(container, state, actions) {
    var p = doms.get(container) || build(container, state, actions);
    p.state = state;
    Planning.renderRefresh(p, state);
    if (state.changed && state.changed.shown === 'planning') show(p, state);
    if (state.schedule && state.schedule !== p.rendered) Planning.renderTable(p, state);
  }

  function show(p, state) {
    var api = p.actions.api, tz = zone();
    p.dlHtml.href = api.exportUrl(state.iterationId, 'html', true) + (tz ? '&tz=' + encodeURIComponent(tz) : '');
    p.dlCsv.href = api.exportUrl(state.iterationId, 'csv', true) + (tz ? '&tz=' + encodeURIComponent(tz) : '');
    return Planning.load(p, state).then(function () {
      var mig = state.iteration.migration.id;
      return api.iterations('?migration=' + encodeURIComponent(mig)).then(function (body) {
        var others = body.iterations.filter(function (x) { return x.id !== state.iterationId; });
        // No default source: a placeholder first, and the copy button stays disabled until an iteration is chosen.
        U.replace(p.copyFrom, [el('option', { value: '', text: 'choose an iteration', selected: true })].concat(others.map(function (x) {
          return el('option', { value: x.id, text: (x.code || '') + ' \u2013 ' + (x.name || '') });
        })));
        p.copyFrom.value = '';
        p.copyBtn.disabled = true;
        p.copyForm.hidden = !state.schedule || !state.schedule.canEdit || others.length === 0;
      }, function () { p.copyForm.hidden = true; });
    });
  }

  Planning.load = function (p, state) {
    return p.actions.api.schedule(state.iterationId).then(function (s) {
      p.actions.set('schedule', s);
    }, function (err) {
      U.say(p.message, 'The schedule could not be loaded: ' + err.message, 'error');
    });
  };

  Planning.renderTable = function (p, state) {
    var s = state.schedule;
    if (!s) return;
    p.rendered = s;
    var edit = !!s.canEdit;
    p.inputs = [];
    var head = el('thead', null, el('tr', null, ['Macro-phase', 'Chapter', 'Steps', 'Planned start', 'Planned end', 'Planned', 'Actual start', 'Actual end', 'Variance']
      .map(function (h) { return el('th', { scope: 'col', text: h }); })));
    var body = el('tbody');
    var lastPhase = null;
    (s.chapters || []).forEach(function (c) {
      var phaseCell = el('td', { class: 'cp-sch-phase', text: c.macroPhaseName !== lastPhase ? c.macroPhaseName || '' : '' });
      lastPhase = c.macroPhaseName;
      var startCell = el('td'), endCell = el('td');
      if (edit) {
        var si = el('input', { type: 'datetime-local', class: 'cp-input cp-input--dt', value: U.toLocalInput(c.plannedStart), 'aria-label': 'Planned start of ' + c.chapterName, 'data-chapter': c.chapterId, 'data-field': 'plannedStart' });
        var ei = el('input', { type: 'datetime-local', class: 'cp-input cp-input--dt', value: U.toLocalInput(c.plannedEnd), 'aria-label': 'Planned end of ' + c.chapterName, 'data-chapter': c.chapterId, 'data-field': 'plannedEnd' });
        var se = el('span', { class: 'cp-field-error', hidden: true }), ee = el('span', { class: 'cp-field-error', hidden: true });
        si._orig = si.value; ei._orig = ei.value;
        [si, ei].forEach(function (i) { i.addEventListener('input', function () { Planning.dirty(p); Planning.localCheck(p, state, row); }); });
        U.append(startCell, [si, se]);
        U.append(endCell, [ei, ee]);
        var row = { chapter: c, start: si, end: ei, startErr: se, endErr: ee };
        p.inputs.push(row);
      } else {
        startCell.textContent = c.plannedStart ? U.fmtDateTime(c.plannedStart) : '\u2014';
        endCell.textContent = c.plannedEnd ? U.fmtDateTime(c.plannedEnd) : '\u2014';
      }
      var variance = c.varianceMinutes !== null && c.varianceMinutes !== undefined ? (c.varianceMinutes > 0 ? '+' : '') + U.fmtDuration(c.varianceMinutes) : '';
      body.appendChild(el('tr', { class: c.late ? 'cp-sch-late' : '' }, [
        phaseCell,
        el('td', null, [el('span', { class: 'cp-code', text: c.chapterCode || '' }), ' ', el('span', { text: c.chapterName || '' })]),
        el('td', { class: 'cp-num', text: String(c.stepCount || 0), title: 'Sum of planned step durations: ' + U.fmtDuration(c.estimatedMinutes) }),
        startCell, endCell,
        el('td', { class: 'cp-num', text: c.plannedMinutes ? U.fmtDuration(c.plannedMinutes) : '' }),
        el('td', { text: c.actualStart ? U.fmtDateTime(c.actualStart) : '' }),
        el('td', { text: c.actualEnd ? U.fmtDateTime(c.actualEnd) : '' }),
        el('td', { class: 'cp-num' + (c.late ? ' cp-is-late' : ''), text: (c.late ? '\u26A0 late ' : '') + variance })
      ]));
    });
    U.replace(p.table, [el('caption', { class: 'cp-visually-hidden', text: 'Planned and actual times per chapter' }), head, body]);
    p.editBar.hidden = !edit;
    p.save.disabled = true;
    p.reset.disabled = true;
    U.setText(p.dirtyNote, '');
    Planning.renderUndo(p, s);
    var ws = U.toDate(s.windowStart), we = U.toDate(s.windowEnd);
    U.setText(p.summary, (s.chapters || []).length + ' chapters \u00B7 window ' + U.fmtDateTime(ws) + ' \u2192 ' + U.fmtDateTime(we) +
      ' \u00B7 times in ' + (zone() || 'your time zone') + (edit ? '' : ' \u00B7 read only (pilots and admins edit)'));
  };

  Planning.changedRows = function (p) {
    return (p.inputs || []).filter(function (r) { return r.start.value !== r.start._orig || r.end.value !== r.end._orig; });
  };

  Planning.dirty = function (p) {
    var n = Planning.changedRows(p).length;
    p.save.disabled = n === 0;
    p.reset.disabled = n === 0;
    U.setText(p.dirtyNote, n ? n + ' chapter' + (n > 1 ? 's' : '') + ' changed, not saved' : '');
  };

  function fieldError(input, span, text) {
    span.hidden = !text;
    span.textContent = text || '';
    if (text) { input.setAttribute('aria-invalid', 'true'); input.setAttribute('aria-describedby', span.id || (span.id = 'cp-err-' + Math.random().toString(36).slice(2))); }
    else input.removeAttribute('aria-invalid');
  }

  /** The same checks the server makes, shown at once; the server stays the judge. */
  Planning.localCheck = function (p, state, r) {
    var s = state.schedule;
    var st = U.fromLocalInput(r.start.value), en = U.fromLocalInput(r.end.value);
    fieldError(r.start, r.startErr, null);
    fieldError(r.end, r.endErr, null);
    if (!r.start.value && !r.end.value) return true;
    if (!st) { fieldError(r.start, r.startErr, 'Give a start (or clear both to remove the plan).'); return false; }
    if (!en) { fieldError(r.end, r.endErr, 'Give an end (or clear both to remove the plan).'); return false; }
    if (new Date(en) <= new Date(st)) { fieldError(r.end, r.endErr, 'The end must be after the start.'); return false; }
    if (s.windowStart && new Date(st) < new Date(s.windowStart)) { fieldError(r.start, r.startErr, 'Before the iteration\u2019s window (' + U.fmtDateTime(s.windowStart) + ').'); return false; }
    if (s.windowEnd && new Date(en) > new Date(s.windowEnd)) { fieldError(r.end, r.endErr, 'After the iteration\u2019s window (' + U.fmtDateTime(s.windowEnd) + ').'); return false; }
    return true;
  };

  Planning.save = function (p, state) {
    var rows = Planning.changedRows(p);
    if (!rows.length) return;
    var ok = rows.every(function (r) { return Planning.localCheck(p, state, r); });
    if (!ok) { U.say(p.message, 'Some times need fixing before saving (see the marked fields).', 'error'); return; }
    var entries = rows.map(function (r) {
      return { chapterId: r.chapter.chapterId, plannedStart: U.fromLocalInput(r.start.value), plannedEnd: U.fromLocalInput(r.end.value) };
    });
    p.save.disabled = true;
    p.actions.api.saveSchedule(state.iterationId, { entries: entries, expectedScheduleVersion: state.schedule.scheduleVersion }).then(function (s) {
      p.actions.set('schedule', s);
      U.say(p.message, 'Schedule saved (' + entries.length + ' chapter' + (entries.length > 1 ? 's' : '') + ').', 'success');
      p.actions.refresh();
    }, function (err) {
      p.save.disabled = false;
      var m = /^entries\[(\d+)\]\.(plannedStart|plannedEnd|chapterId)$/.exec(err.field || '');
      if (m && rows[+m[1]]) {
        var r = rows[+m[1]];
        if (m[2] === 'plannedStart') fieldError(r.start, r.startErr, err.message);
        else fieldError(r.end, r.endErr, err.message);
        (m[2] === 'plannedStart' ? r.start : r.end).focus();
        U.say(p.message, 'Not saved: ' + err.message, 'error');
      } else if (err.status === 409) {
        U.say(p.message, 'Someone else changed the schedule meanwhile. It has been reloaded; your edits were not saved.', 'error');
        Planning.load(p, state);
      } else {
        U.say(p.message, 'Not saved: ' + err.message, 'error');
      }
    });
  };

  /** The copy's parameters from the form, or null (with the error shown) when the shift is not a number. */
  function copyPayload(p) {
    var payload = { fromIterationId: p.copyFrom.value };
    if (p.align.checked) payload.alignToWindowStart = true;
    else {
      var h = parseFloat(p.offset.value || '0');
      if (isNaN(h)) { p.copyErr.hidden = false; p.copyErr.textContent = 'The shift must be a number of hours.'; p.offset.focus(); return null; }
      payload.offsetMinutes = Math.round(h * 60);
    }
    return payload;
  }

  function confirmDialog(p) {
    var d = { id: p.id + '-confirm' };
    d.title = el('h2', { id: d.id + '-title', class: 'cp-view-subtitle', text: 'Replace the schedule?' });
    d.text = el('p', { id: d.id + '-text', 'data-testid': 'schedule-copy-confirm-text' });
    d.list = el('ul', { class: 'cp-copy-overwritten', 'data-testid': 'schedule-copy-confirm-list' });
    d.ok = el('button', { type: 'button', class: 'cp-button cp-button--primary', text: 'Copy and replace', 'data-testid': 'schedule-copy-confirm-ok',
      on: { click: function () { d.root.close(); Planning.copyFrom(p, p.state, d.payload); } } });
    d.cancel = el('button', { type: 'button', class: 'cp-button', text: 'Cancel', 'data-testid': 'schedule-copy-confirm-cancel',
      on: { click: function () { d.root.close(); } } });
    d.root = el('dialog', { class: 'cp-dialog', 'aria-labelledby': d.title.id, 'aria-describedby': d.text.id, 'data-testid': 'schedule-copy-confirm' },
      [d.title, d.text, d.list, el('div', { class: 'cp-toolbar' }, [d.ok, d.cancel])]);
    d.root.addEventListener('close', function () { p.copyBtn.focus(); });
    return d;
  }

  function fmtSlot(start, end) { return U.fmtDateTime(start) + ' \u2192 ' + U.fmtDateTime(end); }

  /** Asks the server what the copy would do, then shows the confirmation dialog naming the target and the count. */
  Planning.previewCopy = function (p, state) {
    if (!p.copyFrom.value) { p.copyErr.hidden = false; p.copyErr.textContent = 'Choose the iteration to copy from.'; p.copyFrom.focus(); return; }
    var payload = copyPayload(p);
    if (!payload) return;
    p.copyErr.hidden = true;
    p.copyBtn.disabled = true;
    var q = '?fromIterationId=' + encodeURIComponent(payload.fromIterationId) +
      (payload.alignToWindowStart ? '&alignToWindowStart=true' : '&offsetMinutes=' + payload.offsetMinutes);
    return p.actions.api.copyPreview(state.iterationId, q).then(function (pv) {
      p.copyBtn.disabled = false;
      Planning.showConfirm(p, payload, pv);
    }, function (err) {
      p.copyBtn.disabled = false;
      p.copyErr.hidden = false;
      p.copyErr.textContent = err.message;
    });
  };

  Planning.showConfirm = function (p, payload, pv) {
    var d = p.confirm;
    payload.expectedScheduleVersion = pv.scheduleVersion;
    d.payload = payload;
    var n = pv.overwrites;
    U.setText(d.title, 'Replace the schedule of ' + pv.iterationCode + '?');
    U.setText(d.text, 'Copying from ' + pv.fromIterationCode + (pv.offsetMinutes ? ', shifted by ' + U.fmtDuration(pv.offsetMinutes) : '') +
      ' replaces the chapter schedule of ' + pv.iterationCode + ' \u2013 ' + (pv.iterationName || '') + ': ' + pv.copies +
      ' chapter' + (pv.copies === 1 ? '' : 's') + ' planned, ' + (n ? n + ' chapter' + (n === 1 ? '' : 's') + ' with planned times overwritten'
        : 'no planned times overwritten') + '.' + (pv.replacesUndo ? ' The undo of the previous copy will no longer be available.' : ''));
    U.replace(d.list, (pv.overwritten || []).map(function (o) {
      return el('li', { 'data-chapter': o.chapterId }, [el('span', { class: 'cp-code', text: o.chapterCode || '' }), ' ', o.chapterName || '', ': ',
        fmtSlot(o.plannedStart, o.plannedEnd), ' \u2192 ', o.newPlannedStart ? fmtSlot(o.newPlannedStart, o.newPlannedEnd) : 'no plan']);
    }));
    d.list.hidden = !n;
    d.root.showModal();
    d.cancel.focus();
  };

  Planning.copyFrom = function (p, state, payload) {
    p.copyBtn.disabled = true;
    return p.actions.api.copySchedule(state.iterationId, payload).then(function (r) {
      p.copyBtn.disabled = false;
      p.actions.set('schedule', r.schedule);
      var skipped = (r.skippedChapterIds || []).length;
      U.say(p.message, 'Copied ' + r.copied + ' chapter plan' + (r.copied === 1 ? '' : 's') +
        (r.offsetMinutes ? ', shifted by ' + U.fmtDuration(r.offsetMinutes) : '') + (skipped ? '; ' + skipped + ' skipped (not in this iteration)' : '') + '.', 'success');
      p.actions.refresh();
    }, function (err) {
      p.copyBtn.disabled = false;
      p.copyErr.hidden = false;
      p.copyErr.textContent = err.status === 409 && err.field === 'expectedScheduleVersion'
        ? 'The schedule changed since you confirmed; nothing was copied. Copy again to see the new count.' : err.message;
      if (err.status === 409) Planning.load(p, state);
    });
  };

  /** Offers "Undo copy" while the last copy can still be undone. */
  Planning.renderUndo = function (p, s) {
    var last = s.lastCopy;
    p.undoBar.hidden = !(s.canEdit && last && last.undoable);
    if (!p.undoBar.hidden) {
      U.setText(p.undoText, 'The schedule was copied from ' + last.fromIterationCode + ' at ' + U.fmtDateTime(last.copiedAt) + '.');
    }
  };

  Planning.undoCopy = function (p, state) {
    p.undoBtn.disabled = true;
    return p.actions.api.undoScheduleCopy(state.iterationId).then(function (r) {
      p.undoBtn.disabled = false;
      p.actions.set('schedule', r.schedule);
      U.say(p.message, 'Copy from ' + r.fromIterationCode + ' undone: the schedule before it is back (' + r.restored +
        ' chapter plan' + (r.restored === 1 ? '' : 's') + ').', 'success');
      p.actions.refresh();
    }, function (err) {
      p.undoBtn.disabled = false;
      U.say(p.message, 'Not undone: ' + err.message, 'error');
      Planning.load(p, state);
    });
  };

  /** Copies the export as HTML (pastes as a table) with a plain-text fallback. */
  Planning.copyExport = function (p, state) {
    var tz = zone();
    var path = '/schedule/export?iteration=' + encodeURIComponent(state.iterationId) + (tz ? '&tz=' + encodeURIComponent(tz) : '');
    p.actions.api.text(path).then(function (html) {
      var w;
      if (window.ClipboardItem && navigator.clipboard && navigator.clipboard.write) {
        // Parsed into an inert, detached document (no script runs, nothing loads) only to derive the text alternative.
        var plain = new DOMParser().parseFromString(html, 'text/html').body.textContent.replace(/[ \t]*\n\s*/g, '\n').trim();
        w = navigator.clipboard.write([new window.ClipboardItem({
          'text/html': new Blob([html], { type: 'text/html' }),
          'text/plain': new Blob([plain], { type: 'text/plain' })
        })]);
      } else if (navigator.clipboard && navigator.clipboard.writeText) {
        w = navigator.clipboard.writeText(html);
      } else {
        w = Promise.reject(new Error('This browser offers no clipboard access'));
      }
      return w.then(function () {
        U.say(p.message, 'Schedule table copied: paste it into a page or an email.', 'success');
      }, function (e) {
        U.say(p.message, 'The browser refused the clipboard (' + (e && e.message || e) + '). Use Download HTML instead.', 'error');
      });
    }, function (err) {
      U.say(p.message, 'The export could not be fetched: ' + err.message, 'error');
    });
  };
  // ------------------------------------------------------------------ plan changes (refresh from the plan)

  function refreshSection(p) {
    var r = { id: p.id + '-refresh' };
    r.status = el('p', { class: 'cp-refresh-status', 'data-testid': 'plan-refresh-status' });
    r.locked = el('p', { class: 'cp-msg cp-msg--info', 'data-testid': 'plan-refresh-locked', hidden: true });
    r.previewBtn = el('button', { type: 'button', class: 'cp-button', text: 'Check for plan changes', 'data-testid': 'plan-refresh-preview',
      on: { click: function () { Planning.previewRefresh(p, p.state); } } });
    r.applyBtn = el('button', { type: 'button', class: 'cp-button cp-button--primary', text: 'Refresh from plan', hidden: true,
      'data-testid': 'plan-refresh-apply', on: { click: function () { Planning.applyRefresh(p, p.state); } } });
    r.bar = el('div', { class: 'cp-toolbar' }, [r.previewBtn, r.applyBtn]);
    r.message = U.messageBox('cp-msg');
    r.changes = el('div', { class: 'cp-refresh-changes', 'data-testid': 'plan-refresh-changes', hidden: true });
    r.root = el('section', { class: 'cp-plan-refresh', 'aria-labelledby': r.id }, [
      el('h3', { id: r.id, class: 'cp-view-subtitle', text: 'Plan changes' }), r.status, r.locked, r.bar, r.message, r.changes]);
    r.root.setAttribute('data-testid', 'plan-refresh');
    return r;
  }

  /** Says how this iteration relates to its plan; offers the refresh only for a PLANNED iteration, to pilots and admins. */
  Planning.renderRefresh = function (p, state) {
    var r = p.refresh, it = state.iteration;
    if (!it) return;
    var planned = it.status === 'PLANNED';
    var pilot = !!(state.caller && state.caller.pilot);
    var plan = it.plan && it.plan.code ? 'plan ' + it.plan.code : 'its plan';
    if (r.shownStatus !== it.status) {
      r.shownStatus = it.status;
      r.changes.hidden = true;
      r.applyBtn.hidden = true;
      U.say(r.message, '', 'info');
    }
    r.locked.hidden = planned;
    r.bar.hidden = !planned || !pilot;
    if (planned) {
      U.setText(r.status, 'This iteration runs its own copy of ' + plan + ', taken when it was created or last refreshed. ' +
        (pilot ? 'Edits of the plan reach it only when you refresh it: check for plan changes, review them, then refresh.'
          : 'Edits of the plan reach it when a pilot or administrator refreshes it.'));
    } else {
      U.setText(r.status, 'This iteration runs its own copy of ' + plan + '.');
      U.setText(r.locked, 'This iteration is ' + statusWord(it.status) + ': changes to ' + plan + ' do not reach it. ' +
        'It keeps the steps, tasks, controls and dependencies it started with; only iterations that have not started can be refreshed.');
    }
  };

  function statusWord(status) {
    return { IN_PROGRESS: 'running', COMPLETED: 'finished', CANCELLED: 'cancelled' }[status] || String(status || '').toLowerCase();
  }

  var KINDS = [['steps', 'Steps'], ['tasks', 'Tasks'], ['controls', 'Controls'], ['dependencies', 'Dependencies'], ['chapters', 'Chapters']];
  var CHANGE_WORDS = { ADDED: 'added', CHANGED: 'changed', REMOVED: 'removed' };

  function clip(text) {
    if (text === null || text === undefined) return '(none)';
    var t = String(text).replace(/\s+/g, ' ');
    return t.length > 120 ? t.slice(0, 119) + '\u2026' : t;
  }

  Planning.previewRefresh = function (p, state) {
    var r = p.refresh;
    r.previewBtn.disabled = true;
    return p.actions.api.refreshPreview(state.iterationId).then(function (pv) {
      r.previewBtn.disabled = false;
      r.revision = pv.planRevision;
      Planning.renderChanges(p, pv);
    }, function (err) {
      r.previewBtn.disabled = false;
      U.say(r.message, 'The plan changes could not be read: ' + err.message, 'error');
    });
  };

  Planning.renderChanges = function (p, pv) {
    var r = p.refresh;
    r.changes.hidden = false;
    if (pv.upToDate) {
      r.applyBtn.hidden = true;
      U.replace(r.changes, el('p', { class: 'cp-muted', text: 'Nothing to refresh: this iteration already runs the plan as it is (revision ' + pv.planRevision + ').' }));
      return;
    }
    var parts = [el('p', { class: 'cp-refresh-summary', text: 'Refreshing takes the plan at revision ' + pv.planRevision +
      ' (this iteration has revision ' + pv.baselineRevision + '). It would change:' })];
    KINDS.forEach(function (k) {
      var list = pv[k[0]] || [];
      if (!list.length) return;
      var c = pv.counts[k[0]];
      var said = ['added', 'changed', 'removed'].filter(function (w) { return c[w]; }).map(function (w) { return c[w] + ' ' + w; }).join(', ');
      parts.push(el('h4', { class: 'cp-refresh-kind', text: k[1] + ': ' + said }));
      parts.push(el('ul', { class: 'cp-refresh-list', 'data-kind': k[0] }, list.map(function (ch) {
        var fields = (ch.fields || []).map(function (f) {
          return el('li', null, [el('span', { class: 'cp-refresh-field', text: f.field + ': ' }), clip(f.before), ' \u2192 ', clip(f.after)]);
        });
        return el('li', { class: 'cp-refresh-item', 'data-change': ch.change }, [
          el('span', { class: 'cp-badge cp-refresh-' + CHANGE_WORDS[ch.change], text: CHANGE_WORDS[ch.change] || ch.change }), ' ',
          el('span', { class: 'cp-code', text: ch.code || '' }), ch.title ? ' ' + ch.title : '',
          fields.length ? el('ul', { class: 'cp-refresh-fields' }, fields) : null]);
      })));
    });
    if (pv.reorderedSteps || pv.reorderedTasks) {
      parts.push(el('p', { class: 'cp-muted', text: 'Also reordered: ' + pv.reorderedSteps + ' step(s), ' + pv.reorderedTasks + ' task(s).' }));
    }
    U.replace(r.changes, parts);
    r.applyBtn.hidden = !pv.refreshable;
  };

  Planning.applyRefresh = function (p, state) {
    var r = p.refresh;
    r.applyBtn.disabled = true;
    return p.actions.api.refreshIteration(state.iterationId, { planRevision: r.revision }).then(function (res) {
      r.applyBtn.disabled = false;
      r.applyBtn.hidden = true;
      r.changes.hidden = true;
      var n = 0;
      Object.keys(res.counts || {}).forEach(function (k) { var c = res.counts[k]; n += (c.added || 0) + (c.changed || 0) + (c.removed || 0); });
      U.say(r.message, 'Refreshed from the plan at revision ' + res.planRevision + ': ' + n + ' change' + (n === 1 ? '' : 's') + ' applied.', 'success');
      p.actions.refresh();
    }, function (err) {
      r.applyBtn.disabled = false;
      if (err.code === 'plan_changed') {
        U.say(r.message, 'The plan changed since this preview. The preview below is the new one; review it and refresh again.', 'error');
        Planning.previewRefresh(p, state);
      } else {
        U.say(r.message, 'Not refreshed: ' + err.message, 'error');
      }
    });
  };

  C.views.register({
    id: 'planning',
    label: 'Planning',
    testid: 'cp-view-planning',
    render: render
  });
})(window.Cutplan = window.Cutplan || {});
