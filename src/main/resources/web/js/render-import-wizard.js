/*
 * Cutplan import wizard (data-testid="import-wizard", administrators): a runbook file from a spreadsheet becomes a
 * plan and an iteration in one flow, without curl.
 *   1. choose or drop a CSV file, name the plan;
 *   2. dry run: the report as a table (line, column, code, message), filtered by code, downloadable as CSV;
 *   3. import as it is, or "import with repairs" (repair=true): the repairs come back as warnings, shown the same way;
 *   4. create a migration (or pick one) and an iteration of the new plan, then open its runsheet.
 * Everything goes through the one C.Api client (POST /import/plan, /migrations, /migrations/{id}/iterations).
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el;
  var uid = 0;

  var Wizard = C.ImportWizard = {};

  /** The report's rows as CSV text (a formula-looking cell is prefixed with ' so a spreadsheet shows it as text). */
  Wizard.reportCsv = function (problems) {
    function cell(v) {
      var s = v === null || v === undefined ? '' : Array.isArray(v) ? v.join(' ') : String(v);
      if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
      return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    }
    var rows = [['line', 'lines', 'column', 'code', 'repairable', 'message', 'steps', 'dependency'].join(',')];
    problems.forEach(function (p) {
      rows.push([p.line, p.lines, p.column, p.code, p.repairable === undefined || p.repairable === null ? '' : p.repairable,
        p.message, p.steps, p.dependency].map(cell).join(','));
    });
    return rows.join('\r\n') + '\r\n';
  };

  /** Mounts the wizard in `root`. ctx: {api, openPlan(planId), runbookUrl(iterationId) or null}. */
  Wizard.mount = function (root, ctx) {
    var w = { id: 'iw' + (++uid), root: root, ctx: ctx, file: null, text: null, report: null, filter: '' };
    root.setAttribute('data-step', 'file');
    U.replace(root, [el('h2', { class: 'cp-wizard-title', text: 'Import a runbook from a CSV file' }),
      el('p', { class: 'cp-muted', text: 'One row per task, the columns of docs/import-csv.md. Nothing is written until you import.' }),
      w.fileStep = fileStep(w), w.reportBox = el('div', { class: 'cp-wizard-report' }), w.nextBox = el('div', { class: 'cp-wizard-next' })]);
    return w;
  };

  function fileStep(w) {
    var input = el('input', { type: 'file', id: w.id + '-file', accept: '.csv,text/csv,text/plain', class: 'cp-wizard-file' });
    var chosen = el('p', { class: 'cp-muted cp-wizard-chosen', text: 'No file chosen.' });
    var drop = el('div', { class: 'cp-dropzone' }, [el('label', { for: input.id, class: 'cp-dropzone-label', text: 'Choose a CSV file' }),
      ' or drop it here.', input, chosen]);
    var code = el('input', { type: 'text', class: 'cp-input', id: w.id + '-code', maxlength: '64', 'data-field': 'code' });
    var name = el('input', { type: 'text', class: 'cp-input', id: w.id + '-name', maxlength: '200', 'data-field': 'name' });
    var teams = el('input', { type: 'checkbox', id: w.id + '-teams' });
    var msg = U.messageBox('cp-msg');
    var check = el('button', { type: 'submit', class: 'cp-button cp-button--primary', 'data-action': 'dry-run', text: 'Check the file (dry run)' });
    var form = el('form', { class: 'cp-wizard-form', novalidate: true }, [drop,
      el('div', { class: 'cp-toolbar' }, [
        el('div', { class: 'cp-field' }, [el('label', { for: code.id, text: 'Plan code' }), code]),
        el('div', { class: 'cp-field' }, [el('label', { for: name.id, text: 'Plan name' }), name])]),
      el('div', { class: 'cp-field cp-field--check' }, [teams, el('label', { for: teams.id, text: 'Create the teams the file names that do not exist yet' })]),
      el('div', { class: 'cp-form-actions' }, check), msg]);
    function take(file) {
      if (!file) return;
      w.file = file;
      file.text().then(function (t) {
        w.text = t;
        U.setText(chosen, file.name + ' \u00B7 ' + U.fmtNumber(file.size) + ' bytes');
        if (!code.value) code.value = file.name.replace(/\.[^.]*$/, '').toUpperCase().replace(/[^A-Z0-9_.-]+/g, '-').slice(0, 64);
        if (!name.value) name.value = file.name.replace(/\.[^.]*$/, '');
      });
    }
    input.addEventListener('change', function () { take(input.files && input.files[0]); });
    drop.addEventListener('dragover', function (e) { e.preventDefault(); drop.classList.add('cp-dropzone--over'); });
    drop.addEventListener('dragleave', function () { drop.classList.remove('cp-dropzone--over'); });
    drop.addEventListener('drop', function (e) {
      e.preventDefault();
      drop.classList.remove('cp-dropzone--over');
      take(e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0]);
    });
    w.params = function (extra) {
      return Object.assign({ code: code.value.trim(), name: name.value.trim(), createTeams: teams.checked }, extra);
    };
    w.say = function (text, kind) { say(msg, text, kind); };
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (w.text === null) { w.say('Choose a file first.', 'error'); input.focus(); return; }
      run(w, { dryRun: true }, 'Checking\u2026');
    });
    return form;
  }

  function say(box, text, kind) { U.say(box, text, kind); }

  /** One POST /import/plan; shows the report (a refusal's problems or a success's warnings). */
  function run(w, extra, busy) {
    w.say(busy, 'info');
    w.root.setAttribute('data-busy', 'true');
    return w.ctx.api.importPlan(w.text, w.params(extra)).then(function (report) {
      w.root.removeAttribute('data-busy');
      w.say('', 'info');
      showSuccess(w, report);
    }, function (err) {
      w.root.removeAttribute('data-busy');
      if (err.status === 422 && err.code === 'import_rejected') { w.say('', 'info'); showProblems(w, err, extra); return; }
      w.say('Not imported: ' + err.message, 'error');
      U.replace(w.reportBox, []);
    });
  }

  function showProblems(w, err, extra) {
    var d = err.body.details || {};
    w.root.setAttribute('data-step', 'report');
    var repairable = d.repairableCount || 0, total = d.problemCount || 0;
    var actions = [];
    if (repairable > 0 && !extra.repair) {
      actions.push(el('button', { type: 'button', class: 'cp-button cp-button--primary', 'data-action': 'import-repair',
        text: repairable === total ? 'Import with repairs' : 'Import with repairs (' + U.fmtNumber(total - repairable) + ' problems cannot be repaired)',
        disabled: repairable < total, on: { click: function () { run(w, { repair: true }, 'Importing with repairs\u2026'); } } }));
    }
    var summary = el('div', { class: 'cp-msg cp-msg--error', role: 'alert' }, [err.message,
      repairable ? el('div', { text: U.fmtNumber(repairable) + ' of the ' + U.fmtNumber(total) + ' problems can be repaired automatically: ' +
        'self-dependencies and unknown predecessors dropped, one dependency per cycle dropped, steps without macro-phase or chapter ' +
        'put under \u201CUnassigned\u201D, overlong titles cut with the full text kept in the description.' }) : null,
      d.truncated ? el('div', { text: 'Only the first ' + U.fmtNumber((d.problems || []).length) + ' problems are listed.' }) : null]);
    U.replace(w.reportBox, [el('h3', { class: 'cp-section-title', text: 'Problems found' }), summary,
      reportTable(w, d.problems || [], d.counts || [], 'problems'), el('div', { class: 'cp-form-actions' }, actions)]);
    U.replace(w.nextBox, []);
  }

  function showSuccess(w, report) {
    var warnings = report.warnings || [];
    var LABEL = { rows: 'rows', macroPhases: 'macro-phases', chapters: 'chapters', steps: 'steps', tasks: 'tasks', controls: 'controls',
      dependencies: 'dependencies' };
    var counts = Object.keys(LABEL).filter(function (k) { return report[k] !== undefined; })
      .map(function (k) { return U.fmtNumber(report[k]) + ' ' + LABEL[k]; });
    if (report.dryRun) {
      w.root.setAttribute('data-step', 'clean');
      U.replace(w.reportBox, [el('div', { class: 'cp-msg cp-msg--success', role: 'status' },
        ['The file is clean: ' + counts.join(', ') + '. Nothing has been written yet.']),
        warnings.length ? reportTable(w, warnings, report.warningCounts || [], 'warnings') : null,
        el('div', { class: 'cp-form-actions' }, el('button', { type: 'button', class: 'cp-button cp-button--primary', 'data-action': 'import',
          text: 'Import', on: { click: function () { run(w, {}, 'Importing\u2026'); } } }))]);
      U.replace(w.nextBox, []);
      return;
    }
    w.root.setAttribute('data-step', 'imported');
    w.root.setAttribute('data-plan', report.planId);
    U.replace(w.reportBox, [el('div', { class: 'cp-msg cp-msg--success', role: 'status' }, [
      'Plan ' + report.planCode + ' imported: ' + counts.join(', ') +
      (report.teamsCreated && report.teamsCreated.length ? '; teams created: ' + report.teamsCreated.join(', ') : '') + '.',
      report.repair ? el('div', { text: U.fmtNumber(report.warningCount || warnings.length) + ' repairs were made; each is listed below.' }) : null]),
      warnings.length ? el('h3', { class: 'cp-section-title', text: 'Warnings: what was repaired' }) : null,
      warnings.length ? reportTable(w, warnings, report.warningCounts || [], 'warnings') : null,
      el('div', { class: 'cp-form-actions' }, el('button', { type: 'button', class: 'cp-button', text: 'Open the plan in the editor',
        on: { click: function () { w.ctx.openPlan(report.planId); } } }))]);
    U.replace(w.nextBox, iterationStep(w, report));
  }

  /** The report table: a filter by code (with counts), the rows, and a CSV download of what is shown. */
  function reportTable(w, rows, counts, kind) {
    var filter = el('select', { class: 'cp-select', id: w.id + '-' + kind + '-filter', 'data-filter': kind });
    filter.appendChild(el('option', { value: '', text: 'Every code (' + U.fmtNumber(rows.length) + ')' }));
    (counts.length ? counts : codesOf(rows)).forEach(function (c) {
      filter.appendChild(el('option', { value: c.code, text: c.code + ' (' + U.fmtNumber(c.count) + ')' }));
    });
    var tbody = el('tbody');
    var shown = el('span', { class: 'cp-muted', role: 'status' });
    var download = el('a', { class: 'cp-button', 'data-action': 'download-' + kind, download: 'import-' + kind + '.csv', href: '#', text: 'Download as CSV' });
    var url = null;
    function fill() {
      var code = filter.value;
      var list = code ? rows.filter(function (p) { return p.code === code; }) : rows;
      U.replace(tbody, list.map(function (p) {
        return el('tr', { 'data-code': p.code }, [
          el('td', { class: 'cp-num', text: p.lines && p.lines.length > 1 ? p.lines.join(', ') : String(p.line || '') }),
          el('td', { text: p.column || '' }),
          el('td', null, el('span', { class: 'cp-code', text: p.code })),
          el('td', { class: 'cp-wizard-message' }, [p.message,
            p.cycle && p.cycle.length ? el('div', { class: 'cp-task-meta', text: 'cycle: ' + p.cycle.join(' \u2192 ') }) : null,
            p.dependency ? el('div', { class: 'cp-task-meta', text: (kind === 'warnings' ? 'dropped: '
              : p.cycle && p.cycle.length ? 'removing this breaks it: ' : 'dependency: ') + p.dependency }) : null])]);
      }));
      U.setText(shown, U.fmtNumber(list.length) + ' shown');
      if (url) URL.revokeObjectURL(url);
      url = URL.createObjectURL(new Blob([Wizard.reportCsv(list)], { type: 'text/csv;charset=utf-8' }));
      download.setAttribute('href', url);
    }
    filter.addEventListener('change', fill);
    fill();
    return el('div', { class: 'cp-wizard-table', 'data-report': kind }, [
      el('div', { class: 'cp-toolbar' }, [el('label', { for: filter.id, text: 'Code' }), filter, shown, download]),
      el('table', { class: 'cp-table' }, [el('caption', { class: 'cp-visually-hidden', text: kind === 'warnings' ? 'Warnings' : 'Problems' }),
        el('thead', null, el('tr', null, ['Line', 'Column', 'Code', 'Message'].map(function (h) { return el('th', { scope: 'col', text: h }); }))),
        tbody])]);
  }

  function codesOf(rows) {
    var m = new Map();
    rows.forEach(function (p) { m.set(p.code, (m.get(p.code) || 0) + 1); });
    return Array.from(m, function (e) { return { code: e[0], count: e[1] }; });
  }

  /** Step 4: a migration (existing or new) and an iteration of the imported plan, then its runsheet. */
  function iterationStep(w, report) {
    var box = el('section', { class: 'cp-wizard-iteration', 'aria-label': 'Create an iteration' },
      [el('h3', { class: 'cp-section-title', text: 'Create an iteration of this plan' })]);
    var msg = U.messageBox('cp-msg');
    w.ctx.api.migrations().then(function (r) {
      var migrations = (r && r.items) || [];
      var f = el('form', { class: 'cp-wizard-form', novalidate: true });
      function field(label, control) {
        f.appendChild(el('div', { class: 'cp-field' }, [el('label', { for: control.id, text: label }), control]));
        return control;
      }
      function input(name, value, type) {
        var i = el('input', { type: type || 'text', class: 'cp-input', id: w.id + '-it-' + name, 'data-field': name });
        i.value = value || '';
        return i;
      }
      var mig = field('Migration', el('select', { class: 'cp-select', id: w.id + '-it-migration', 'data-field': 'migration' },
        [el('option', { value: '', text: 'A new migration' })].concat(migrations.map(function (m) { return el('option', { value: m.id, text: m.code + ' \u2013 ' + m.name }); }))));
      var migCode = field('New migration code', input('migrationCode', report.planCode));
      var migName = field('New migration name', input('migrationName', report.planCode));
      mig.addEventListener('change', function () { migCode.disabled = migName.disabled = !!mig.value; });
      var code = field('Iteration code', input('code', 'RUN1'));
      var name = field('Iteration name', input('name', 'Rehearsal 1'));
      var type = field('Type', el('select', { class: 'cp-select', id: w.id + '-it-type', 'data-field': 'type' },
        [['RUN', 'Rehearsal run'], ['DRESS_REHEARSAL', 'Dress rehearsal'], ['CUTOVER', 'Cutover']].map(function (o) { return el('option', { value: o[0], text: o[1] }); })));
      var start = new Date(Date.now() + 7 * 86400000); start.setHours(18, 0, 0, 0);
      var end = new Date(start.getTime() + 36 * 3600000);
      var from = field('Planned start', input('plannedStart', U.toLocalInput(start), 'datetime-local'));
      var to = field('Planned end', input('plannedEnd', U.toLocalInput(end), 'datetime-local'));
      f.appendChild(el('div', { class: 'cp-form-actions' }, el('button', { type: 'submit', class: 'cp-button cp-button--primary',
        'data-action': 'create-iteration', text: 'Create the iteration' })));
      f.appendChild(msg);
      f.addEventListener('submit', function (e) {
        e.preventDefault();
        say(msg, 'Creating\u2026', 'info');
        var api = w.ctx.api;
        var migration = mig.value ? Promise.resolve({ id: mig.value })
          : api.createMigration({ code: migCode.value.trim(), name: migName.value.trim() });
        migration.then(function (m) {
          return api.createIteration(m.id, { planId: report.planId, code: code.value.trim(), name: name.value.trim(), type: type.value,
            plannedStart: U.fromLocalInput(from.value), plannedEnd: U.fromLocalInput(to.value) });
        }).then(function (it) {
          w.root.setAttribute('data-step', 'done');
          w.root.setAttribute('data-iteration', it.id);
          var href = w.ctx.runbookUrl ? w.ctx.runbookUrl(it.id) : null;
          say(msg, 'Iteration ' + (it.code || code.value) + ' created. ', 'success');
          msg.appendChild(href ? el('a', { href: href, class: 'cp-button cp-button--primary', 'data-action': 'open-runsheet', text: 'Open its runsheet' })
            : document.createTextNode('Show it on a page with the Cutplan runbook macro (iteration ' + it.id + ').'));
        }, function (err) {
          var target = err.field ? f.querySelector('[data-field="' + err.field + '"]') : null;
          if (target) target.setAttribute('aria-invalid', 'true');
          say(msg, 'Not created: ' + err.message, 'error');
        });
      });
      box.appendChild(f);
    }, function (err) { say(msg, 'Migrations could not be loaded: ' + err.message, 'error'); box.appendChild(msg); });
    return box;
  }
})(window.Cutplan = window.Cutplan || {});
