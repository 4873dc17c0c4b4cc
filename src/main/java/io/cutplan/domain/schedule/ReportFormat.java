package io.cutplan.domain.review;

import io.cutplan.domain.DomainException;
import io.cutplan.domain.schedule.ExportFormat;
import java.util.Locale;

/** What {@code GET /iterations/{id}/review} answers: JSON (the default), one HTML document, or the step rows as CSV. */
public enum ReviewFormat {
    JSON(null),
    HTML(ExportFormat.HTML),
    CSV(ExportFormat.CSV);

    private final ExportFormat export;

    ReviewFormat(ExportFormat export) {
        this.export = export;
    }

    /** The export format for a rendered document; null for JSON. */
    public ExportFormat export() {
        return export;
    }

    /** {@code json} (the default when absent), {@code html} or {@code csv}, any case; anything else is a 400 naming the field. */
    public static ReviewFormat parse(String value, String field) {
        if (value == null || value.isBlank()) {
            return JSON;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "json" -> JSON;
            case "html" -> HTML;
            case "csv" -> CSV;
            default -> throw DomainException.invalid(field, field + " must be json, html or csv");
        };
    }
}
