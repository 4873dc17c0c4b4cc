/*
 * Cutplan dashboard view "ready": the steps of the caller's teams that need attention now (ready, in progress, on
 * hold or failed), or of the team chosen in the filter. The tab counts how many of the caller's are ready.
 */
(function (C) {
  'use strict';
  C.views.register({
    id: 'ready',
    label: 'Ready for my teams',
    testid: 'cp-view-ready',
    badge: function (state) {
      if (C.derive.callerTeamIds(state).length === 0) return null;
      var n = 0;
      state.steps.forEach(function (s) { if (s.status === 'READY' && C.derive.isMine(state, s)) n++; });
      return String(n);
    },
    render: function (container, state, actions) { C.Runsheet.render(container, state, actions, { ready: true }); }
  });
})(window.Cutplan = window.Cutplan || {});
