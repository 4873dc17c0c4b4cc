package io.cutplan.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything unexpected is logged with an incident id and answered with a 500 that carries only that id:
 * never a stack trace, SQL or a secret in a response.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof WebApplicationException wae) {
            return new WebApplicationExceptionMapper().toResponse(wae);
        }
        String incident = UUID.randomUUID().toString();
        LOG.error("Unexpected error, incident {}", incident, e);
        return ErrorResponses.response(500, new ErrorBody("internal_error",
                "Internal error; quote incident " + incident + " to your administrator", null, null));
    }
}
