/*
 * The standalone host's index page: migrations and their iterations from GET /iterations, each linking to
 * its runbook (/runbook?iteration=<id>). Text goes in with textContent only.
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el;
  var TYPE = { RUN: 'Run', DRESS_REHEARSAL: 'Dress rehearsal', CUTOVER: 'Cutover' };

  function render(root) {
    var api = new C.Api(C.restBase(root));
    U.replace(root, el('p', { class: 'cp-loading', role: 'status', text: 'Loading iterations\u2026' }));
    api.iterations().then(function (body) {
      var list = body.iterations;
      var groups = new Map();
      list.forEach(function (it) {
        var m = it.migration;
        if (!groups.has(m.id)) groups.set(m.id, { code: m.code || '', name: m.name || '', items: [] });
        groups.get(m.id).items.push(it);
      });
      var out = [el('h1', { text: 'Migrations and iterations' })];
      if (!list.length) out.push(el('p', { class: 'cp-muted', text: 'No iteration yet. Start the host with --demo small to load a demo runbook.' }));
      groups.forEach(function (g) {
        var rows = g.items.map(function (it) {
          var href = '/runbook?iteration=' + encodeURIComponent(it.id);
          var s = U.toDate(it.plannedStart), e = U.toDate(it.plannedEnd);
          return el('tr', null, [
            el('td', null, el('a', { href: href }, [el('strong', { class: 'cp-code', text: it.code || '' })])),
            el('td', { text: it.name || '' }),
            el('td', { text: TYPE[it.type] || it.type || '' }),
            el('td', { text: it.status ? String(it.status).replace(/_/g, ' ').toLowerCase() : '' }),
            el('td', { text: s ? U.fmtDateTime(s) + ' \u2192 ' + U.fmtDateTime(e) : '' }),
            el('td', { class: 'cp-index-links' }, [el('a', { href: href, text: 'Runsheet' }),
              el('a', { href: href + '&view=ready', text: 'Ready for me' }), el('a', { href: href + '&view=planning', text: 'Planning' })])
          ]);
        });
        out.push(el('section', { class: 'cp-index-migration' }, [
          el('h2', null, [el('span', { class: 'cp-code', text: g.code }), g.name]),
          el('table', { class: 'cp-index-table' }, [el('thead', null, el('tr', null, ['Iteration', 'Name', 'Type', 'Status', 'Window', ''].map(function (h) {
            return el('th', { scope: 'col', text: h });
          }))), el('tbody', null, rows)])]));
      });
      U.replace(root, out);
    }, function (err) {
      U.replace(root, el('div', { class: 'cp-msg cp-msg--error', role: 'alert', text: 'Iterations could not be loaded: ' + err.message }));
    });
  }

  var nodes = document.querySelectorAll('.cutplan-index');
  for (var i = 0; i < nodes.length; i++) render(nodes[i]);
})(window.Cutplan = window.Cutplan || {});
