package io.cutplan.service;

import io.cutplan.service.iteration.InstantiationService;
import io.cutplan.service.iteration.IterationRefreshService;
import io.cutplan.service.spi.HostSettings;
import io.cutplan.service.spi.EventListener;
import io.cutplan.service.spi.DispatcherSettings;
import io.cutplan.service.mail.MailDispatcher;
import io.cutplan.service.mail.MailRenderer;
import io.cutplan.service.spi.MailTransport;
import io.cutplan.service.mail.NotificationListener;
import io.cutplan.service.mail.NotificationService;
import io.cutplan.service.spi.UnconfiguredMailTransport;
import io.cutplan.service.authoring.DirectoryService;
import io.cutplan.service.authoring.MigrationService;
import io.cutplan.service.authoring.PlanExportService;
import io.cutplan.service.authoring.PlanImportService;
import io.cutplan.service.authoring.PlanService;
import io.cutplan.service.authoring.CalibrationService;
import io.cutplan.service.authoring.StepService;
import io.cutplan.service.authoring.TaskService;
import io.cutplan.service.broadcast.BroadcastScheduler;
import io.cutplan.service.broadcast.BroadcastService;
import io.cutplan.service.runbook.RunbookQueries;
import io.cutplan.service.runbook.RunbookService;
import io.cutplan.service.review.ReviewService;
import io.cutplan.service.spi.WebhookSettings;
import io.cutplan.service.webhook.WebhookDispatcher;
import io.cutplan.service.webhook.WebhookListener;
import io.cutplan.service.webhook.WebhookService;
import io.cutplan.store.Database;
import java.util.ArrayList;
import java.util.List;

/**
 * The host-neutral composition root: every service, built once over one database. The standalone host binds
 * {@link #all()} for injection into the REST resources; the Confluence plugin exposes the same objects.
 * Background workers started here are stopped by {@link #close()}.
 */
public final class CutplanServices implements AutoCloseable {
    private final Database database;
    private final HostSettings host;
    private final List<EventListener> listeners = new ArrayList<>();
    private final List<Object> all = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private final CallerService callers;
    private final HealthService health;
    private final InstantiationService instantiation;
    private final IterationRefreshService refreshes;
    private final ScheduleService schedules;
    private final MailDispatcher mailDispatcher;
    private final NotificationService notifications;
    private final PlanService plans;
    private final StepService steps;
    private final TaskService tasks;
    private final DirectoryService directory;
    private final MigrationService migrations;
    private final PlanImportService planImport;
    private final PlanExportService planExport;
    private final RunbookService runbook;
    private final RunbookQueries runbookQueries;
    private final CalibrationService calibration;
    private final ReviewService reviews;
    private final WebhookDispatcher webhookDispatcher;
    private final WebhookService webhooks;
    private final BroadcastService broadcasts;
    private final BroadcastScheduler broadcastScheduler;
    private final AdjustableClock clock = new AdjustableClock();

    public CutplanServices(Database database, HostSettings host) {
        this.database = database;
        this.host = host;
        // Listeners first: services copy the list when they are built.
        listeners.add(new NotificationListener(new MailRenderer(host.baseUrl(), java.util.Locale.ENGLISH)));
        listeners.add(new WebhookListener());
        callers = add(new CallerService(database));
        health = add(new HealthService(database));
        instantiation = add(new InstantiationService(database, listeners));
        refreshes = add(new IterationRefreshService(database, listeners));
        schedules = add(new ScheduleService(database, listeners));
        mailDispatcher = add(MailDispatcher.start(database, mailTransport(host),
                host.mailDispatch() == null ? DispatcherSettings.defaults() : host.mailDispatch(), MailDispatcher.defaultNodeName()));
        notifications = add(new NotificationService(database, listeners, mailDispatcher));
        plans = add(new PlanService(database));
        steps = add(new StepService(database));
        tasks = add(new TaskService(database));
        directory = add(new DirectoryService(database));
        migrations = add(new MigrationService(database, listeners));
        planImport = add(new PlanImportService(database));
        planExport = add(new PlanExportService(database));
        runbook = add(new RunbookService(database, listeners));
        runbookQueries = add(new RunbookQueries(database, clock));
        calibration = add(new CalibrationService(database));
        reviews = add(new ReviewService(database, listeners, clock));
        webhookDispatcher = add(WebhookDispatcher.start(database,
                host.webhooks() == null ? WebhookSettings.defaults() : host.webhooks(), MailDispatcher.defaultNodeName()));
        webhooks = add(new WebhookService(database, webhookDispatcher));
        broadcasts = add(new BroadcastService(database, listeners, clock));
        // The hourly summary on every node (standalone and Confluence alike): exactly once per slot across them.
        broadcastScheduler = add(new BroadcastScheduler(database, listeners, runbookQueries, clock, java.time.ZoneId.systemDefault(),
                MailDispatcher.defaultNodeName()).start(BroadcastScheduler.DEFAULT_PASS_INTERVAL));
    }

    private <T> T add(T service) {
        all.add(service);
        if (service instanceof AutoCloseable c) {
            closeables.add(c);
        }
        return service;
    }

    public Database database() {
        return database;
    }

    public HostSettings host() {
        return host;
    }

    public List<EventListener> listeners() {
        return List.copyOf(listeners);
    }

    /** Every service object, for binding by class. */
    public List<Object> all() {
        return List.copyOf(all);
    }

    public CallerService callers() {
        return callers;
    }

    public HealthService health() {
        return health;
    }

    public InstantiationService instantiation() {
        return instantiation;
    }

    public IterationRefreshService refreshes() {
        return refreshes;
    }

    public ScheduleService schedules() {
        return schedules;
    }

    public MailDispatcher mailDispatcher() {
        return mailDispatcher;
    }

    public NotificationService notifications() {
        return notifications;
    }

    public PlanService plans() {
        return plans;
    }

    public StepService steps() {
        return steps;
    }

    public TaskService tasks() {
        return tasks;
    }

    public DirectoryService directory() {
        return directory;
    }

    public MigrationService migrations() {
        return migrations;
    }

    public PlanImportService planImport() {
        return planImport;
    }

    public PlanExportService planExport() {
        return planExport;
    }

    public RunbookService runbook() {
        return runbook;
    }

    public CalibrationService calibration() {
        return calibration;
    }

    public RunbookQueries runbookQueries() {
        return runbookQueries;
    }

    public ReviewService reviews() {
        return reviews;
    }

    public WebhookDispatcher webhookDispatcher() {
        return webhookDispatcher;
    }

    public WebhookService webhooks() {
        return webhooks;
    }

    public BroadcastService broadcasts() {
        return broadcasts;
    }

    /** The hourly-summary scheduler of this node (tests call {@link BroadcastScheduler#runOnce()}). */
    public BroadcastScheduler broadcastScheduler() {
        return broadcastScheduler;
    }

    /** The clock the forecast (and so the dashboard's late flags) reads: the system's unless a test pins it. */
    public AdjustableClock clock() {
        return clock;
    }

    /** Stops background workers, newest first. The database is the host's to close. */
    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(CutplanServices.class).warn("Stopping {} failed: {}",
                        closeables.get(i).getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    private static MailTransport mailTransport(HostSettings host) {
        return host.mailTransport() != null ? host.mailTransport()
                : new UnconfiguredMailTransport("No mail server is configured for this host; notification emails stay queued");
    }
}
