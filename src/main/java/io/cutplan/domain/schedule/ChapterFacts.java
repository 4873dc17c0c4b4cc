package io.cutplan.domain.schedule;

import java.util.UUID;

/** What the database knows about a chapter id named in a request, for validating it against an iteration. */
public record ChapterFacts(UUID chapterId, UUID planId, boolean hasStepsInScope) {
}
