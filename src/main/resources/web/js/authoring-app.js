/*
 * Cutplan authoring page: the controller of every `.cutplan-authoring` container (the standalone host's /admin
 * page and the Confluence plugin's plans page). Administrators list and create plans, open one in the plan
 * editor, or import a file with the import wizard. One state object per container, with the server's field
 * names; each view gets (container, state, actions) and talks to the server only through the one C.Api client.
 *
 * Container attributes: data-rest-base (as the dashboard), data-plan (a plan id to open in the editor),
 * data-view (plans | editor | import), data-runbook-url (where an iteration's runsheet is, "{id}" replaced by its id).
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el;

  /** The authoring views, in tab order. A view: {id, label, testid, visible(state), render(container, state, actions)}. */
  var VIEWS = [];
  C.AuthoringViews = {
    register: function (view) { VIEWS.push(view); },
    list: function () { return VIEWS.slice(); }
  };

  function AuthoringApp(container) {
    this.container = container;
    this.api = new C.Api(C.restBase(container));
    this.state = { me: null, plans: [], view: container.getAttribute('data-view') || 'plans',
      planId: container.getAttribute('data-plan') || null, editor: null };
    if (this.state.planId && !container.getAttribute('data-view')) this.state.view = 'editor';
  }

  AuthoringApp.prototype.start = function () {
    var self = this;
    this.container.classList.add('cp-root');
    this.container.setAttribute('data-state', 'loading');
    U.replace(this.container, el('p', { class: 'cp-loading', role: 'status', text: 'Loading\u2026' }));
    return this.api.me().then(function (me) {
      self.state.me = me;
      if (!me.admin) {
        self.container.setAttribute('data-state', 'forbidden');
        U.replace(self.container, el('div', { class: 'cp-msg cp-msg--error', role: 'alert' },
          'Only Cutplan administrators edit plans and import runbooks. You are logged in as ' + me.username +
          (me.role ? ' (' + me.role.toLowerCase() + ')' : ', whom Cutplan does not know') + '.'));
        return;
      }
      return self.loadPlans().then(function () {
        self.build();
        self.container.setAttribute('data-state', 'ready');
        self.show(self.state.view);
      });
    }).catch(function (err) {
      self.container.setAttribute('data-state', 'error');
      // A 401/403 without Cutplan's own error body is the platform's (Confluence: licensed users only), not Cutplan's.
      var text = (err && err.platformRefusal && err.platformRefusal()) || 'This page could not be loaded: ' + (err && err.message || err);
      U.replace(self.container, el('div', { class: 'cp-msg cp-msg--error', role: 'alert', text: text }));
    });
  };

  AuthoringApp.prototype.loadPlans = function () {
    var s = this.state;
    return this.api.plans().then(function (r) { s.plans = (r && r.items) || []; });
  };

  /** What views may do: switch view, open a plan, reload the plan list. */
  AuthoringApp.prototype.actions = function () {
    var self = this;
    return {
      api: this.api,
      show: function (view) { self.show(view); },
      openPlan: function (planId) { self.state.planId = planId; self.show('editor'); },
      reloadPlans: function () { return self.loadPlans().then(function () { self.show(self.state.view); }); },
      /** Where an iteration's runsheet is: the host says it with data-runbook-url ("{id}" is replaced), else null. */
      runbookUrl: this.container.getAttribute('data-runbook-url') ? function (iterationId) {
        return self.container.getAttribute('data-runbook-url').replace('{id}', encodeURIComponent(iterationId));
      } : null
    };
  };

  AuthoringApp.prototype.build = function () {
    var self = this;
    this.tabs = el('div', { class: 'cp-tabs', role: 'tablist', 'aria-label': 'Authoring' });
    this.panels = el('div', { class: 'cp-authoring-body' });
    this.tabs.addEventListener('keydown', function (e) {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      var tabs = Array.prototype.slice.call(self.tabs.querySelectorAll('[role=tab]'));
      var i = tabs.indexOf(document.activeElement);
      var next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
      if (next) { next.focus(); next.click(); }
    });
    U.replace(this.container, [el('div', { class: 'cp-authoring-head' }, [el('h1', { class: 'cp-authoring-title', text: 'Plans' }), this.tabs]), this.panels]);
  };

  AuthoringApp.prototype.show = function (viewId) {
    var self = this, state = this.state;
    var visible = VIEWS.filter(function (v) { return v.visible(state); });
    var view = visible.filter(function (v) { return v.id === viewId; })[0] || visible[0];
    state.view = view.id;
    U.replace(this.tabs, visible.map(function (v) {
      var selected = v.id === view.id;
      return el('button', { type: 'button', role: 'tab', class: 'cp-tab', id: 'cp-atab-' + v.id, 'aria-selected': selected ? 'true' : 'false',
        'aria-controls': 'cp-apanel-' + v.id, tabindex: selected ? '0' : '-1', 'data-view': v.id,
        text: typeof v.label === 'function' ? v.label(state) : v.label, on: { click: function () { self.show(v.id); } } });
    }));
    var panel = el('section', { class: 'cp-authoring-view', role: 'tabpanel', id: 'cp-apanel-' + view.id,
      'aria-labelledby': 'cp-atab-' + view.id, 'data-testid': view.testid });
    U.replace(this.panels, panel);
    view.render(panel, state, this.actions());
  };

  // ---------------------------------------------------------------- the plan list

  C.AuthoringViews.register({
    id: 'plans', label: 'All plans', testid: 'plan-list',
    visible: function () { return true; },
    render: function (container, state, actions) {
      var rows = state.plans.map(function (p) {
        return el('tr', null, [
          el('td', null, el('button', { type: 'button', class: 'cp-link-button cp-code', 'data-plan': p.id, text: p.code,
            on: { click: function () { actions.openPlan(p.id); } } })),
          el('td', { text: p.name }),
          el('td', { text: String(p.revision) }),
          el('td', { text: U.fmtDateTime(p.updatedAt || p.createdAt) })]);
      });
      var msg = el('div', { role: 'status' });
      var code = el('input', { type: 'text', class: 'cp-input', id: 'cp-newplan-code', maxlength: '64', 'data-field': 'code' });
      var name = el('input', { type: 'text', class: 'cp-input', id: 'cp-newplan-name', maxlength: '200', 'data-field': 'name' });
      var form = el('form', { class: 'cp-toolbar cp-newplan', novalidate: true }, [
        el('label', { for: code.id, text: 'Code' }), code, el('label', { for: name.id, text: 'Name' }), name,
        el('button', { type: 'submit', class: 'cp-button cp-button--primary', text: 'Create an empty plan' })]);
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        actions.api.createPlan({ code: code.value.trim(), name: name.value.trim() }).then(function (p) {
          return actions.reloadPlans().then(function () { actions.openPlan(p.id); });
        }, function (err) {
          U.replace(msg, el('div', { class: 'cp-msg cp-msg--error', role: 'alert', text: 'Not created: ' + err.message }));
        });
      });
      U.replace(container, [
        rows.length ? el('table', { class: 'cp-table cp-plan-table' }, [
          el('caption', { class: 'cp-visually-hidden', text: 'Plans' }),
          el('thead', null, el('tr', null, ['Code', 'Name', 'Revision', 'Last change'].map(function (h) { return el('th', { scope: 'col', text: h }); }))),
          el('tbody', null, rows)]) : el('p', { class: 'cp-muted', text: 'No plan yet: import one from a file, or create an empty one.' }),
        el('h2', { class: 'cp-section-title', text: 'New plan' }), form, msg]);
    }
  });

  // ---------------------------------------------------------------- the plan editor

  C.AuthoringViews.register({
    id: 'editor', testid: 'plan-editor-view',
    label: function (state) {
      var p = state.plans.filter(function (x) { return x.id === state.planId; })[0];
      return 'Edit ' + (p ? p.code : 'plan');
    },
    visible: function (state) { return !!state.planId; },
    render: function (container, state, actions) {
      var root = el('div', { class: 'cp-editor', 'data-testid': 'plan-editor', 'data-plan': state.planId });
      container.appendChild(root);
      state.editor = C.PlanEditor.mount(root, { api: actions.api, planId: state.planId });
    }
  });

  // ---------------------------------------------------------------- the import wizard

  C.AuthoringViews.register({
    id: 'import', label: 'Import a file', testid: 'import-wizard',
    visible: function () { return true; },
    render: function (container, state, actions) {
      C.ImportWizard.mount(container, { api: actions.api, openPlan: function (planId) {
        actions.reloadPlans().then(function () { actions.openPlan(planId); });
      }, runbookUrl: actions.runbookUrl });
    }
  });

  C.AuthoringApp = AuthoringApp;

  function boot() {
    var nodes = document.querySelectorAll('.cutplan-authoring');
    for (var i = 0; i < nodes.length; i++) {
      if (nodes[i]._cutplan) continue;
      nodes[i]._cutplan = new AuthoringApp(nodes[i]);
      nodes[i]._cutplan.start();
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot); else boot();
})(window.Cutplan = window.Cutplan || {});
