package io.cutplan.api;

import io.cutplan.domain.DomainException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A domain failure becomes its status and a JSON body naming the problem. */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {
    @Override
    public Response toResponse(DomainException e) {
        return ErrorResponses.response(ErrorResponses.status(e.kind()),
                new ErrorBody(e.code(), e.getMessage(), e.field(), e.details()));
    }
}
