package io.cutplan.service.broadcast;

import io.cutplan.domain.Caller;
import io.cutplan.domain.EventType;
import io.cutplan.domain.StepStatus;
import io.cutplan.service.iteration.IterationChange;
import io.cutplan.service.runbook.BroadcastView;
import io.cutplan.service.mail.MailTimes;
import io.cutplan.service.runbook.RunbookQueries;
import io.cutplan.service.runbook.RunbookViews;
import io.cutplan.service.spi.EventListener;
import io.cutplan.store.BroadcastDao;
import io.cutplan.store.Database;
import io.cutplan.store.EventRecord;
import io.cutplan.store.NotificationContextDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The automatic hourly summary (off by default, per iteration): every pass, for each IN_PROGRESS iteration whose
 * setting is on, writes the summary of the current hour slot (UTC hours) unless it is written already: progress,
 * the forecast end when there is one, and what is FAILED or ON_HOLD, as a {@code BROADCAST_POSTED} event with
 * {@code automatic} true (mailed to the stakeholders and delivered to webhooks like any broadcast).
 *
 * <p>Exactly once across nodes: the slot is taken by inserting {@code (iteration, slot)} into
 * {@code broadcast_summary_slots} ({@code ON CONFLICT DO NOTHING}) in the transaction that writes the event, so of
 * several schedulers on one database exactly one writes each slot, and a rolled-back write frees the slot again.
 * "Now" comes from the injectable clock ({@link io.cutplan.service.AdjustableClock}), so tests move through hours
 * without waiting; {@link #runOnce()} is one pass.
 */
public final class BroadcastScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BroadcastScheduler.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Steps named per status in a summary; the rest are counted. */
    static final int MAX_STEPS_NAMED = 10;
    public static final Duration DEFAULT_PASS_INTERVAL = Duration.ofMinutes(1);

    private final Database database;
    private final List<EventListener> listeners;
    private final RunbookQueries queries;
    private final Clock clock;
    private final ZoneId hostZone;
    private final String node;
    private ScheduledExecutorService timer;
    private volatile long lastWarning;

    public BroadcastScheduler(Database database, List<EventListener> listeners, RunbookQueries queries, Clock clock,
                              ZoneId hostZone, String node) {
        this.database = database;
        this.listeners = List.copyOf(listeners);
        this.queries = queries;
        this.clock = clock;
        this.hostZone = hostZone == null ? ZoneId.systemDefault() : hostZone;
        this.node = node;
    }

    /** Runs {@link #runOnce()} every {@code interval} on one daemon thread until {@link #close()}. */
    public synchronized BroadcastScheduler start(Duration interval) {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cutplan-broadcast-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            long ms = Math.max(1, interval.toMillis());
            timer.scheduleWithFixedDelay(this::safePass, ms, ms, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void safePass() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // The database is down or a bug: try again at the next pass, logging at most once a minute.
            long now = System.nanoTime();
            if (now - lastWarning > TimeUnit.MINUTES.toNanos(1)) {
                lastWarning = now;
                LOG.warn("Hourly broadcast summary pass failed: {}", String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }
    }

    /** The slot an instant falls in: its UTC hour. */
    public static Instant slotOf(Instant t) {
        return t.truncatedTo(ChronoUnit.HOURS);
    }

    /** One pass: returns the summaries this scheduler wrote (others' slots and non-running iterations are skipped). */
    public List<BroadcastView> runOnce() {
        Instant now = clock.instant();
        Instant slot = slotOf(now);
        List<UUID> running = database.transactor().readOnly(BroadcastDao::runningWithHourlySummary);
        List<BroadcastView> written = new ArrayList<>();
        for (UUID iterationId : running) {
            try {
                summarise(iterationId, slot).ifPresent(written::add);
            } catch (RuntimeException e) {
                LOG.warn("Hourly summary of iteration {} failed: {}", iterationId,
                        String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }
        return written;
    }

    private Optional<BroadcastView> summarise(UUID iterationId, Instant slot) {
        if (database.transactor().readOnly(c -> BroadcastDao.slotTaken(c, iterationId, slot))) {
            return Optional.empty();
        }
        // The forecast (shared, at most 30 s old) before the write transaction, so no lock is held while it computes.
        Instant forecastEnd = null;
        boolean finished = false;
        try {
            RunbookViews.ForecastIteration f = queries.forecast(Caller.system(), iterationId, null).body().iteration();
            forecastEnd = f.forecastEnd();
            finished = f.finished();
        } catch (RuntimeException e) {
            LOG.debug("No forecast for the summary of {}: {}", iterationId, e.getMessage());
        }
        Instant end = finished ? null : forecastEnd;
        return database.transactor().inTransaction(c -> {
            if (!BroadcastDao.hourlySummaryDue(c, iterationId) || !BroadcastDao.claimSlot(c, iterationId, slot, node)) {
                return Optional.<BroadcastView>empty();
            }
            Map<StepStatus, Integer> counts = BroadcastDao.stepCounts(c, iterationId);
            List<BroadcastDao.StepLine> problems = BroadcastDao.failedOrOnHold(c, iterationId, 1000);
            MailTimes times = MailTimes.of(NotificationContextDao.iteration(c, iterationId)
                    .map(NotificationContextDao.IterationFacts::timeZone).orElse(null), hostZone);
            Summary s = Summary.of(counts, problems, end);
            IterationChange change = IterationChange.begin(c, iterationId, Caller.system(), listeners);
            Map<String, Object> details = BroadcastService.details(s.text(times), slot.plus(Duration.ofHours(1)), true);
            details.put("slot", slot.toString());
            details.put("summary", s.details());
            EventRecord e = change.event(EventType.BROADCAST_POSTED).details(details).record();
            BroadcastDao.setSlotEvent(c, iterationId, slot, e.id());
            return Optional.of(BroadcastView.of(e));
        });
    }

    /** What one hourly summary states. */
    record Summary(int finished, int total, Instant forecastEnd, List<BroadcastDao.StepLine> failed,
                   List<BroadcastDao.StepLine> onHold) {

        static Summary of(Map<StepStatus, Integer> counts, List<BroadcastDao.StepLine> problems, Instant forecastEnd) {
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            int finished = counts.getOrDefault(StepStatus.DONE, 0) + counts.getOrDefault(StepStatus.SKIPPED, 0)
                    + counts.getOrDefault(StepStatus.CANCELLED, 0);
            return new Summary(finished, total, forecastEnd,
                    problems.stream().filter(p -> p.status() == StepStatus.FAILED).toList(),
                    problems.stream().filter(p -> p.status() == StepStatus.ON_HOLD).toList());
        }

        /**
         * e.g. {@code Hourly summary: 412 of 1200 steps finished (34%). Forecast end: 2027-03-28 04:24 CEST (UTC+02:00).
         * Failed (1): TRT-1 Rebuild the ledger indexes. On hold: none.}
         */
        String text(MailTimes times) {
            StringBuilder b = new StringBuilder("Hourly summary: ").append(finished).append(" of ").append(total)
                    .append(" steps finished (").append(total == 0 ? 0 : finished * 100 / total).append("%).");
            if (forecastEnd != null) {
                b.append(" Forecast end: ").append(times.format(forecastEnd)).append('.');
            }
            b.append(' ').append(lines("Failed", failed)).append(' ').append(lines("On hold", onHold));
            String text = b.toString();
            return text.length() <= BroadcastService.MAX_TEXT ? text : text.substring(0, BroadcastService.MAX_TEXT - 1) + "…";
        }

        private static String lines(String label, List<BroadcastDao.StepLine> steps) {
            if (steps.isEmpty()) {
                return label + ": none.";
            }
            List<String> named = new ArrayList<>();
            for (BroadcastDao.StepLine s : steps.subList(0, Math.min(MAX_STEPS_NAMED, steps.size()))) {
                String title = s.title() == null ? "" : s.title();
                named.add(s.code() + " " + (title.length() > 80 ? title.substring(0, 79) + "…" : title));
            }
            String more = steps.size() > named.size() ? "; and " + (steps.size() - named.size()) + " more" : "";
            return label + " (" + steps.size() + "): " + String.join("; ", named) + more + ".";
        }

        Map<String, Object> details() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("finished", finished);
            d.put("total", total);
            if (forecastEnd != null) {
                d.put("forecastEnd", forecastEnd.toString());
            }
            d.put("failed", failed.stream().map(BroadcastDao.StepLine::code).toList());
            d.put("onHold", onHold.stream().map(BroadcastDao.StepLine::code).toList());
            return d;
        }
    }

    /** Stops the timer and waits (at most 5 s) for a running pass, so no thread outlives the plugin or host. */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("Broadcast scheduler still busy after 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
    }
}
