/*
 * Cutplan dashboard: keeps state.forecast fresh on its own, slower cadence. GET /iterations/{id}/forecast every
 * 30 s and as soon as the iteration's version moves (whichever comes first), with If-None-Match so an unchanged
 * forecast is a 304. It runs on the dashboard's view polling (actions.every): its own timer, paused with the tab,
 * never waiting for (nor delaying, nor enlarging) the 5 s delta polls. A failed fetch keeps the last forecast.
 */
(function (C) {
  'use strict';

  var SECONDS = 30;
  var RETRY_MS = 2000;

  C.ForecastFeed = {
    SECONDS: SECONDS,
    /** Starts following the forecast of state.iterationId; returns the job ({stop(), now()}). */
    start: function (actions, basis) {
      var etag = null, again = null, job;
      job = actions.every(SECONDS, function (state) {
        return actions.api.forecast(state.iterationId, basis || 'plan', etag).then(function (r) {
          if (r.status === 304 || !r.body) return;
          etag = r.etag || null;
          actions.set('forecast', r.body);
          // The server answers with the newest forecast it has while another request computes the next one: one
          // of an older change than the page shows is asked for again shortly, not only at the next change.
          if (r.body.version < state.version && !again) {
            again = setTimeout(function () { again = null; job.now(); }, RETRY_MS);
          }
        });
      }, { onVersion: true });
      return job;
    }
  };

  /**
   * The finish probability (header: "78% to finish in the window") on its own slow cadence: GET
   * /iterations/{id}/forecast/probability every 60 s (the server recomputes it at most every minute or when the
   * version moves, shared by every viewer). Not on every version: a Monte Carlo run is not worth a request per
   * change. A failed fetch keeps the last answer.
   */
  C.ProbabilityFeed = {
    SECONDS: 60,
    start: function (actions) {
      return actions.every(60, function (state) {
        return actions.api.probability(state.iterationId).then(function (body) {
          if (body) actions.set('probability', body);
        });
      });
    }
  };
})(window.Cutplan = window.Cutplan || {});
