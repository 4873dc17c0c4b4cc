/*
 * Cutplan dashboard view "progress": the overall bar, counts by status and the macro-phase cards without the rows
 * (the Confluence macro's view=progress). A count or a phase name leads to the runsheet.
 */
(function (C) {
  'use strict';
  C.views.register({
    id: 'progress',
    label: 'Progress',
    testid: 'cp-view-progress',
    render: function (container, state, actions) { C.Progress.render(container, state, actions); }
  });
})(window.Cutplan = window.Cutplan || {});
