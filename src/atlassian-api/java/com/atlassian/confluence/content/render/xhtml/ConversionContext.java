/*
 * COMPILE-ONLY STUB. Never packaged: Confluence supplies the real type at run time. Declares only the members
 * Cutplan uses, with the exact signatures of the real API (see docs/install-confluence.md, "Build").
 */
package com.atlassian.confluence.content.render.xhtml;

public interface ConversionContext {
    /**
     * The values of ConversionContextOutputType: "display", "preview", "email", "feed", "word", "pdf", "html_export",
     * "diff" (sources in docs/install-confluence.md, section 3, "Exports, e-mail and preview").
     */
    String getOutputType();
}
