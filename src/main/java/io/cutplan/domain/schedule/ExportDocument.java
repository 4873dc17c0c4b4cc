package io.cutplan.domain.schedule;

/** A rendered export (the schedule, the review, the comparison): the text, its media type and the file name to offer. */
public record ExportDocument(String body, String mediaType, String fileName) {
}
