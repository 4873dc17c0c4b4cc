/* Cutplan dashboard view "runsheet": every step, grouped by macro-phase and chapter, with the progress summary. */
(function (C) {
  'use strict';
  C.views.register({
    id: 'runsheet',
    label: 'Runsheet',
    testid: 'cp-view-runsheet',
    render: function (container, state, actions) { C.Runsheet.render(container, state, actions, { ready: false }); }
  });
})(window.Cutplan = window.Cutplan || {});
