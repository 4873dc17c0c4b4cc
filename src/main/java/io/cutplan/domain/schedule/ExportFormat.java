package io.cutplan.domain.schedule;

import io.cutplan.domain.DomainException;
import java.util.Locale;

/** What {@code /schedule/export} produces. */
public enum ExportFormat {
    HTML("text/html; charset=UTF-8", "html"),
    CSV("text/csv; charset=UTF-8; header=present", "csv");

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** {@code html} or {@code csv} (any case), else null. */
    public static ExportFormat parseOrNull(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "html" -> HTML;
            case "csv" -> CSV;
            default -> null;
        };
    }

    /** {@code html} (the default when absent) or {@code csv}; anything else is a 400 naming the field. */
    public static ExportFormat parse(String value, String field) {
        if (value == null || value.isBlank()) {
            return HTML;
        }
        ExportFormat format = parseOrNull(value);
        if (format == null) {
            throw DomainException.invalid(field, field + " must be html or csv");
        }
        return format;
    }
}
