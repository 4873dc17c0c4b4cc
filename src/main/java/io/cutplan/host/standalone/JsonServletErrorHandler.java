package io.cutplan.host.standalone;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/** Errors raised inside the servlet context (outside Jersey's own mappers) as our JSON error body. */
final class JsonServletErrorHandler extends ErrorHandler {
    JsonServletErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
    }

    /** Jetty writes error bodies only for GET, POST and HEAD by default; every method gets the JSON body here. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateAcceptableResponse(ServletContextRequest base, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message) throws IOException {
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(JsonErrors.body(code));
    }
}
