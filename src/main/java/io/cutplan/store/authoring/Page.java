package io.cutplan.store.authoring;

import java.util.List;

/** One page of a collection: the items, where the page starts, its size limit and how many there are in all. */
public record Page<T>(List<T> items, int offset, int limit, long total) {
}
