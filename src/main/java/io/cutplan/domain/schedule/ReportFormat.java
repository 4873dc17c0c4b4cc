package io.cutplan.domain.schedule;

import io.cutplan.domain.DomainException;

/**
 * The {@code format} of a report that is JSON by default and also exports (the review, the comparison): JSON, one
 * HTML document, or its rows as CSV.
 */
public enum ReportFormat {
    JSON(null),
    HTML(ExportFormat.HTML),
    CSV(ExportFormat.CSV);

    private final ExportFormat export;

    ReportFormat(ExportFormat export) {
        this.export = export;
    }

    /** The export format for a rendered document; null for JSON. */
    public ExportFormat export() {
        return export;
    }

    /** {@code json} (the default when absent), {@code html} or {@code csv}, any case; anything else is a 400 naming the field. */
    public static ReportFormat parse(String value, String field) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("json")) {
            return JSON;
        }
        ExportFormat export = ExportFormat.parseOrNull(value);
        if (export == null) {
            throw DomainException.invalid(field, field + " must be json, html or csv");
        }
        return export == ExportFormat.HTML ? HTML : CSV;
    }
}
