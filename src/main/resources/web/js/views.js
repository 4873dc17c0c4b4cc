/*
 * Cutplan dashboard: the view registry. A view is one renderer file that calls Cutplan.views.register(...) and one
 * line in web/manifest.txt (plus its line in the plugin's web-resource). The nav shows registered views in
 * registration order where visible(state) is true; data-view on the container and actions.setView(id) select one.
 *
 *   Cutplan.views.register({
 *     id: 'forecast',                 // [a-z][a-z0-9-]*: the data-view / ?view= value
 *     label: 'Forecast',              // the nav tab's text
 *     testid: 'cp-view-forecast',     // data-testid of the view's container (tests and axe find it by this)
 *     visible: function (state) { return true; },           // optional (default: always)
 *     badge: function (state) { return '3'; },             // optional: a short count beside the label
 *     render: function (container, state, actions) { ... }, // called when shown and on every state change while shown
 *     destroy: function (container) { ... }                 // optional: when the dashboard stops
 *   });
 *
 * render gets the view's own container (it may keep its DOM across calls), the ONE state of the dashboard (read
 * only: change it through actions) and the actions (see app.js). It never sees the controller.
 */
(function (C) {
  'use strict';

  var registered = [];
  var ID = /^[a-z][a-z0-9-]*$/;

  C.views = {
    register: function (def) {
      if (!def || !ID.test(def.id || '')) throw new Error('Cutplan.views.register: id must match ' + ID);
      if (typeof def.render !== 'function') throw new Error('Cutplan.views.register(' + def.id + '): render(container, state, actions) is required');
      if (!def.label || !def.testid) throw new Error('Cutplan.views.register(' + def.id + '): label and testid are required');
      if (C.views.get(def.id)) throw new Error('Cutplan.views.register: ' + def.id + ' is registered twice');
      registered.push({
        id: def.id, label: def.label, testid: def.testid, render: def.render,
        visible: def.visible || function () { return true; },
        badge: def.badge || null,
        destroy: def.destroy || null
      });
    },
    /** Every registered view, in registration order. */
    list: function () { return registered.slice(); },
    get: function (id) { return registered.filter(function (v) { return v.id === id; })[0] || null; }
  };
})(window.Cutplan = window.Cutplan || {});
