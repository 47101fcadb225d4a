package io.arbiter.shared;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One page of a list, the shape every list of the API answers with: the {@code items} of this page and the cursor of
 * the following one in {@code next} (null on the last page). The same cursor is in the {@code Link: <…>; rel="next"}
 * header, which {@link Paging#ok} sets.
 */
public record Page<T>(List<T> items, @Nullable String next) {

    public Page {
        items = List.copyOf(items);
    }

    /**
     * The page of {@code limit} items out of {@code rows}, read with one row more than the page holds: that extra row
     * says whether a page follows, and the last item of this page gives its cursor.
     */
    public static <T> Page<T> of(List<T> rows, int limit, Function<T, String> cursorOf) {
        List<T> items = rows.subList(0, Math.min(limit, rows.size()));
        return new Page<>(items, rows.size() > limit ? cursorOf.apply(items.getLast()) : null);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), next);
    }
}
