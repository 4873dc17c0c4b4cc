package io.cutplan.host.standalone;

import io.cutplan.api.DomainExceptionMapper;
import io.cutplan.api.BroadcastResource;
import io.cutplan.api.BroadcastSettingsResource;
import io.cutplan.api.ComparisonResource;
import io.cutplan.api.ControlResource;
import io.cutplan.api.ProbabilityResource;
import io.cutplan.api.HealthResource;
import io.cutplan.api.IterationResource;
import io.cutplan.api.ReviewResource;
import io.cutplan.api.MeResource;
import io.cutplan.api.StepResource;
import io.cutplan.api.TaskResource;
import io.cutplan.api.JsonBodyProvider;
import io.cutplan.api.ScheduleExportResource;
import io.cutplan.api.ScheduleResource;
import io.cutplan.api.NotificationResource;
import io.cutplan.api.WebhookDeliveryResource;
import io.cutplan.api.WebhookResource;
import io.cutplan.api.NotificationSettingsResource;
import io.cutplan.api.UnexpectedExceptionMapper;
import io.cutplan.api.WebApplicationExceptionMapper;
import io.cutplan.api.XsrfFilter;
import io.cutplan.api.authoring.CsvBodyReader;
import io.cutplan.api.authoring.DurationProposalResource;
import io.cutplan.api.authoring.MigrationResource;
import io.cutplan.api.authoring.PlanExportResource;
import io.cutplan.api.authoring.PlanImportResource;
import io.cutplan.api.authoring.PlanControlResource;
import io.cutplan.api.authoring.PlanDependencyResource;
import io.cutplan.api.authoring.PlanResource;
import io.cutplan.api.authoring.PlanStepResource;
import io.cutplan.api.authoring.PlanTaskResource;
import io.cutplan.api.authoring.TeamResource;
import io.cutplan.api.authoring.UserResource;
import java.util.List;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The JAX-RS application of the standalone host: the same resource and provider classes Confluence's REST
 * module scans, with the services bound for constructor injection.
 */
final class RestApplication extends ResourceConfig {

    /** Every resource class of the API. */
    static final List<Class<?>> RESOURCES = List.of(
            HealthResource.class,
            MeResource.class,
            ScheduleResource.class,
            ScheduleExportResource.class,
            NotificationResource.class,
            NotificationSettingsResource.class,
            WebhookResource.class,
            WebhookDeliveryResource.class,
            BroadcastResource.class,
            BroadcastSettingsResource.class,
            PlanResource.class,
            PlanStepResource.class,
            PlanTaskResource.class,
            PlanControlResource.class,
            PlanDependencyResource.class,
            TeamResource.class,
            UserResource.class,
            MigrationResource.class,
            PlanImportResource.class,
            PlanExportResource.class,
            IterationResource.class,
            StepResource.class,
            TaskResource.class,
            ControlResource.class,
            ComparisonResource.class,
            DurationProposalResource.class,
            ProbabilityResource.class,
            ReviewResource.class);

    /** Every provider (body readers and writers, exception mappers, filters). */
    static final List<Class<?>> PROVIDERS = List.of(
            JsonBodyProvider.class,
            DomainExceptionMapper.class,
            WebApplicationExceptionMapper.class,
            UnexpectedExceptionMapper.class,
            XsrfFilter.class,
            CsvBodyReader.class);

    RestApplication(List<Object> services) {
        RESOURCES.forEach(this::register);
        PROVIDERS.forEach(this::register);
        register(new AbstractBinder() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            protected void configure() {
                for (Object service : services) {
                    bind(service).to((Class) service.getClass());
                    for (Class<?> iface : service.getClass().getInterfaces()) {
                        if (iface.getName().startsWith("io.cutplan.")) {
                            bind(service).to((Class) iface);
                        }
                    }
                }
            }
        });
        // Our own provider writes JSON; keep Jersey from auto-discovering any other.
        property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.BV_FEATURE_DISABLE, true);
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    }
}
