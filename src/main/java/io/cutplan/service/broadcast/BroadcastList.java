package io.cutplan.service.broadcast;

import io.cutplan.service.runbook.BroadcastView;
import java.util.List;

/**
 * A page of an iteration's broadcasts, newest first. {@code nextBeforeVersion}: pass it as {@code beforeVersion} for
 * the next (older) page; null on the last page.
 */
public record BroadcastList(List<BroadcastView> broadcasts, boolean hasMore, Long nextBeforeVersion) {
}
